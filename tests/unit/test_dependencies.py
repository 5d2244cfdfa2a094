"""Installs are reproducible: every import is declared, every declared package is pinned with hashes in the
locks, and the environment the tests run in is the locked one.

`scripts/bootstrap.sh` installs requirements.lock (or requirements-dev.lock with --dev) with `pip --require-hashes`;
`scripts/relock.sh` rewrites both from pyproject.toml's ranges. A release of Babel once changed how CLDR's
plural rules are written and main went red on a fresh machine: with these checks an unlocked or undeclared
dependency fails here first.
"""

from __future__ import annotations

import ast
import functools
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LOCKS = ROOT  # next to pyproject.toml
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


@functools.cache
def pyproject() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def declared(extra: str | None = None) -> set[str]:
    project = pyproject()["project"]
    assert isinstance(project, dict)
    specs = project["dependencies"] if extra is None else project["optional-dependencies"][extra]
    return {canonicalize_name(Requirement(spec).name) for spec in specs}


def read_lock(text: str) -> dict[str, tuple[str, str | None, int]]:
    """name → (version, environment marker, number of hashes) for every pin of a `--generate-hashes` lock."""
    pins: dict[str, tuple[str, str | None, int]] = {}
    current: str | None = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if match := _PIN.match(line):
            current = canonicalize_name(match[1])
            pins[current] = (match[2], match[3], 0)
        elif line.strip().startswith("--hash=sha256:") and current is not None:
            version, marker, hashes = pins[current]
            pins[current] = (version, marker, hashes + 1)
        else:
            raise AssertionError(f"not a pin or a hash: {line!r}")
    return pins


@functools.cache
def lock(name: str) -> dict[str, tuple[str, str | None, int]]:
    return read_lock((LOCKS / name).read_text(encoding="utf-8"))


def third_party_imports(folder: Path) -> set[str]:
    """Top-level modules imported anywhere under folder that are neither stdlib nor wikitally's own."""
    found: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    local = {"wikitally", "wikis", "oauth_provider", "webseed", "corpus", "mwpfh_reference", "conftest"}
    local |= {p.stem for p in (ROOT / "tests").rglob("*.py")} | {
        p.stem for p in (ROOT / "bench").glob("*.py")
    }
    return {name for name in found if name not in sys.stdlib_module_names and name not in local}


def distributions_of(modules: set[str]) -> dict[str, set[str]]:
    """Module → the installed distributions that provide it (canonical names)."""
    provided = importlib.metadata.packages_distributions()
    return {m: {canonicalize_name(d) for d in provided.get(m, [])} for m in modules}


def test_read_lock_reads_pins_markers_and_hashes() -> None:
    text = (
        "# header\nbabel==2.19.0 \\\n    --hash=sha256:aa \\\n    --hash=sha256:bb\n"
        "tzdata==2026.6 ; sys_platform == 'win32' \\\n    --hash=sha256:cc\n    # via django\n"
    )
    assert read_lock(text) == {
        "babel": ("2.19.0", None, 2),
        "tzdata": ("2026.6", "sys_platform == 'win32'", 1),
    }
    with pytest.raises(AssertionError):
        read_lock("babel>=2.14\n")


def test_every_import_of_the_app_is_declared() -> None:
    # pyspark is the optional extra "spark" (--engine spark; a 450 MB source package the demo doesn't need)
    missing = {
        module: dists
        for module, dists in distributions_of(third_party_imports(ROOT / "src" / "wikitally")).items()
        if not dists & (declared() | declared("spark"))
    }
    assert missing == {}


def test_the_spark_extra_is_in_the_dev_lock_only() -> None:
    assert declared("spark") == {"pyspark"}
    assert "pyspark" in lock("requirements-dev.lock") and "pyspark" not in lock("requirements.lock")


def test_every_import_of_tests_and_benchmarks_is_declared() -> None:
    modules = third_party_imports(ROOT / "tests") | third_party_imports(ROOT / "bench")
    everything = declared() | declared("dev")
    missing = {m: d for m, d in distributions_of(modules).items() if not d & everything}
    assert set(missing) <= {"_pytest"}  # pytest's own module, for its fixture types


@pytest.mark.parametrize(
    ("lock_name", "extras"), [("requirements.lock", [None]), ("requirements-dev.lock", [None, "dev"])]
)
def test_every_declared_package_is_pinned_with_hashes(lock_name: str, extras: list[str | None]) -> None:
    pins = lock(lock_name)
    wanted = set().union(*(declared(extra) for extra in extras)) | {"setuptools"}
    assert wanted - set(pins) == set()
    assert [name for name, (_v, _m, hashes) in pins.items() if hashes == 0] == []


def test_app_lock_pins_what_dev_lock_pins() -> None:
    dev = lock("requirements-dev.lock")
    assert {name: pin[0] for name, pin in lock("requirements.lock").items()} == {
        name: dev[name][0] for name in lock("requirements.lock")
    }


def test_the_tools_whose_output_tests_compare_are_pinned_exactly() -> None:
    pinned = {
        name
        for name, (version, _m, _h) in lock("requirements-dev.lock").items()
        if re.fullmatch(r"[\w.]+", version)
    }
    assert {"ruff", "mypy", "babel", "playwright", "django", "mwparserfromhell", "pytest"} <= pinned


def test_the_running_environment_is_the_locked_one() -> None:
    """What this test run imports is what requirements-dev.lock pins: bootstrap installed from the lock, nothing newer."""
    wrong = {}
    for name, (version, marker, _hashes) in lock("requirements-dev.lock").items():
        if marker is not None and not Marker(marker).evaluate():
            continue
        installed = importlib.metadata.version(name)
        if installed != version:
            wrong[name] = (installed, version)
    assert wrong == {}


def test_bootstrap_installs_only_from_the_locks_with_hashes() -> None:
    script = (ROOT / "scripts" / "bootstrap.sh").read_text(encoding="utf-8")
    assert '--require-hashes --no-deps --no-build-isolation -r "$lock"' in script
    # the build backend comes from the lock before anything is built from source
    assert '--require-hashes --no-deps -r "$backend"' in script
    assert "--no-deps --no-build-isolation -e ." in script
    assert "requirements.lock" in script and "requirements-dev.lock" in script
    # reinstalls on the lock's content, not on a file's mtime
    assert "sha256sum" in script and " -nt " not in script
