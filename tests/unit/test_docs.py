"""The docs say what the code does: every setting, command, option and metric is documented, the CLI reference
is the commands' own --help, links resolve, and the version is written in one place."""

import importlib.util
import inspect
import re
import sys
import tomllib
from pathlib import Path

import click

import wikitally
from wikitally.cli import main
from wikitally.metrics.outcome import METRICS
from wikitally.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def cli_reference_module():  # scripts/ is not a package
    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "scripts" / "cli_reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("cli_reference", module)
    spec.loader.exec_module(module)
    return module


def test_settings_are_documented():
    text = read(DOCS / "campaign-file.md")
    for setting in SETTINGS.values():
        assert f"`{setting.env}`" in text, setting.name


def test_cli_reference_is_the_commands_own_help():
    assert read(DOCS / "cli.md") == cli_reference_module().reference(), (
        "docs/cli.md is stale: run .venv/bin/python scripts/cli_reference.py"
    )


def test_cli_reference_has_every_command_and_option():
    text = read(DOCS / "cli.md")
    assert isinstance(main, click.Group)
    for name, command in main.commands.items():
        assert f"## wikitally {name}\n" in text, name
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--"):
                    assert opt in text, f"{name} {opt}"


def test_metrics_are_defined():
    text = read(DOCS / "metrics.md")
    for metric in METRICS:
        assert f"`{metric}`" in text, metric


def test_every_command_parameter_has_an_option():
    # A parameter of the function that no click option feeds fails only when the command runs.
    for name, command in main.commands.items():
        declared = {p.name for p in command.params}
        callback = command.callback
        while hasattr(callback, "__wrapped__"):
            callback = callback.__wrapped__
        assert callback is not None
        wanted = set(inspect.signature(callback).parameters)
        assert wanted <= declared, f"{name}: {sorted(wanted - declared)}"


def test_relative_links_in_readme_and_docs_resolve():
    broken = []
    for page in [ROOT / "README.md", ROOT / "CHANGELOG.md", *DOCS.glob("*.md")]:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", read(page)):
            if not re.match(r"[a-z]+:", target) and not (page.parent / target).exists():
                broken.append(f"{page.name}: {target}")
    assert broken == []


def test_readme_stays_a_newcomers_page():
    readme = read(ROOT / "README.md")
    assert len(readme.splitlines()) < 120
    assert "bash scripts/demo.sh" in readme and "bash scripts/test.sh" in readme
    assert ".ci/run" in readme and "exactly `bash scripts/test.sh`" in readme
    assert read(ROOT / ".ci" / "run").strip().endswith("exec bash scripts/test.sh")


def test_version_is_written_in_one_place():
    project = tomllib.loads(read(ROOT / "pyproject.toml"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert f"## {wikitally.__version__}" in read(ROOT / "CHANGELOG.md")


def test_license_file_matches_the_declared_licence():
    project = tomllib.loads(read(ROOT / "pyproject.toml"))["project"]
    assert project["license"] == {"text": "GPL-3.0-or-later"}
    assert "GNU GENERAL PUBLIC LICENSE" in read(ROOT / "LICENSE") and "Version 3" in read(ROOT / "LICENSE")
