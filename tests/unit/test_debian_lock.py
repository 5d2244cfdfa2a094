"""Debian packages are installed only through scripts/apt_install.sh, at the versions debian.lock pins."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted((ROOT / "scripts").glob("*.sh"))
INSTALLER = ROOT / "scripts" / "apt_install.sh"


def pins() -> dict[str, str]:
    lines = (ROOT / "debian.lock").read_text().splitlines()
    entries = [line.split("=", 1) for line in lines if line and not line.startswith("#")]
    return {name: version for name, version in entries}


def installed_names() -> set[str]:
    """Every package a script hands to the installer, literally or through a `missing+=(…)` list."""
    names: set[str] = set()
    for script in SCRIPTS:
        if script == INSTALLER:
            continue
        text = script.read_text().replace("\\\n", " ")
        names.update(re.findall(r"\w+\+=\(([a-z0-9.+-]+)\)", text))
        for args in re.findall(r"apt_install\.sh\"? (.*)", text):
            names.update(word for word in args.split() if re.fullmatch(r"[a-z0-9][a-z0-9.+-]+", word))
    return names


def test_only_the_installer_calls_apt_get_install() -> None:
    def installs(script: Path) -> bool:
        # A message telling a maintainer what to install (vendor_*.sh) is not an install.
        lines = [line for line in script.read_text().splitlines() if "echo" not in line]
        return any(re.search(r"apt-get\s+install", line) for line in lines)

    assert [s.name for s in SCRIPTS if s != INSTALLER and installs(s)] == []


def test_every_installed_package_is_pinned() -> None:
    names = installed_names()
    assert {"chromium", "mediawiki", "lbzip2", "python3-venv", "micro-httpd"} <= names
    # postgres.sh names its package through $PG_VERSION.
    unpinned = names - set(pins()) - {"postgresql-"}
    assert unpinned == set()
    assert "postgresql-15" in pins()


def test_pins_are_exact_versions() -> None:
    for name, version in pins().items():
        assert re.fullmatch(r"[a-z0-9][a-z0-9.+-]+", name), name
        assert re.fullmatch(r"(\d+:)?[0-9][A-Za-z0-9.+~-]*", version), (name, version)


def test_an_unpinned_package_is_refused_before_apt_runs() -> None:
    proc = subprocess.run(["bash", str(INSTALLER), "no-such-package-xyz"], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip() == (
        "apt_install: no-such-package-xyz is not pinned in debian.lock; add 'no-such-package-xyz=VERSION' there"
    )
