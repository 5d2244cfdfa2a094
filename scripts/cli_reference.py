"""Write docs/cli.md, the command-line reference, from the commands' own `--help`.

    .venv/bin/python scripts/cli_reference.py           # rewrite docs/cli.md
    .venv/bin/python scripts/cli_reference.py --check   # write nothing; exit 1 if docs/cli.md is stale

The reference is each command's help as click prints it (options, defaults, choices), so it cannot say
something the code doesn't; tests/unit/test_docs.py fails when the file is stale.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from wikitally.cli import main  # noqa: E402

OUT = ROOT / "docs" / "cli.md"
PREAMBLE = """\
# Command-line reference

Generated from the commands' own `--help` by `scripts/cli_reference.py` (a test fails when it is stale).

Exit codes: **0** done; **2** a user error (campaign file, option, database URL, a name the wiki rejects) with
one line on stderr naming the file, the field and the fix; **1** a wiki that kept failing after retries, or a
post that failed, also one line. Settings that have no option come from the environment: see
[campaign-file.md](campaign-file.md#configuration).
"""


def help_text(command: click.Command, name: str, parent: click.Context | None = None) -> str:
    # A fixed width, so the file doesn't depend on the terminal it was made in.
    with click.Context(
        command, info_name=name, parent=parent, terminal_width=100, max_content_width=100
    ) as ctx:
        return command.get_help(ctx)


def reference() -> str:
    parts = [PREAMBLE, "## wikitally\n\n```text\n" + help_text(main, "wikitally") + "\n```\n"]
    root = click.Context(main, info_name="wikitally")
    assert isinstance(main, click.Group)
    for name in sorted(main.commands):
        text = help_text(main.commands[name], name, root)
        parts.append(f"## wikitally {name}\n\n```text\n{text}\n```\n")
    return "\n".join(parts)


def main_() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if docs/cli.md is stale")
    args = parser.parse_args()
    fresh = reference()
    if args.check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != fresh:
            print(
                f"{OUT.relative_to(ROOT)} is stale: run .venv/bin/python scripts/cli_reference.py",
                file=sys.stderr,
            )
            return 1
        return 0
    OUT.write_text(fresh, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main_())
