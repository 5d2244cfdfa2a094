"""What the command that starts the web app knows before Django reads its settings: the address `serve`
listens on and the secret key it found. settings.py reads CURRENT; under gunicorn nothing sets it, so a
public instance keeps needing WIKITALLY_SECRET_KEY, and local accounts stay off unless asked for.

The decisions (may this process run, with which key, are local accounts on) are plain functions of the
environment and the host, so that they are tested without starting Django.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from wikitally.errors import UsageError

KEY_FILE = "secret_key"
KEY_BYTES = 50
DEV_KEY = "wikitally-development-key-never-use-in-production"  # WIKITALLY_DEV=1 only: public, in git
DEV_WARNING = (
    "warning: WIKITALLY_DEV=1 runs with a fixed, public secret key and DEBUG pages (settings, tracebacks): "
    "for this machine only, never on an address others can reach"
)


@dataclass
class Launch:
    host: str | None = None  # `serve --host`; None when another server (gunicorn) runs the app
    secret_key: str = ""  # the key the command found for Django, when the environment has none


CURRENT = Launch()


def is_loopback(host: str) -> bool:
    """True for an address only this machine reaches: 127.0.0.0/8, ::1 and the name localhost."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False  # another host name: it may resolve to anything, so it is not taken as loopback


def behind_proxy(env: Mapping[str, str]) -> bool:
    """True when the settings say a proxy forwards the public's requests (the app is public then, even on
    127.0.0.1)."""
    return env.get("WIKITALLY_HTTPS") == "1" or bool(env.get("WIKITALLY_TRUSTED_PROXY", "").strip())


def private(env: Mapping[str, str], host: str | None) -> bool:
    """True when only this machine's users reach the app: `serve` on loopback, no proxy in front."""
    return host is not None and is_loopback(host) and not behind_proxy(env)


def check_dev(env: Mapping[str, str], host: str | None) -> None:
    """UsageError when WIKITALLY_DEV=1 would serve others: a host that is not loopback, or a proxy."""
    if env.get("WIKITALLY_DEV") != "1":
        return
    if host is not None and not private(env, host):
        where = (
            f"--host {host}" if not is_loopback(host) else "behind a proxy (WIKITALLY_HTTPS/_TRUSTED_PROXY)"
        )
        raise UsageError(
            f"WIKITALLY_DEV=1 refuses to serve {where}: its secret key is public; unset it and set "
            "WIKITALLY_SECRET_KEY, or serve on 127.0.0.1"
        )
    names = [h.strip() for h in env.get("WIKITALLY_ALLOWED_HOSTS", "").split(",") if h.strip()]
    public = [h for h in names if not is_loopback(h) and h != "testserver"]
    if public:
        raise UsageError(
            f"WIKITALLY_DEV=1 refuses WIKITALLY_ALLOWED_HOSTS={','.join(public)}: its secret key is public; "
            "unset WIKITALLY_DEV and set WIKITALLY_SECRET_KEY"
        )


def key_folder(db: str) -> Path:
    """Where the generated key is kept: the SQLite store's folder (the data directory by default), else
    the data directory."""
    if "://" in db and not db.startswith("sqlite"):
        return Path(user_data_dir("wikitally"))
    path = db.removeprefix("sqlite:///").removeprefix("sqlite://")
    return Path(path).expanduser().resolve().parent


def kept_key(folder: Path) -> str:
    """The key in folder/secret_key, made (random, mode 0600, never overwritten) the first time."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / KEY_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_text(encoding="utf-8").strip()
        if not key:
            raise UsageError(f"{path}: the secret key file is empty; delete it to make a new one") from None
        return key
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(secrets.token_urlsafe(KEY_BYTES) + "\n")
    return path.read_text(encoding="utf-8").strip()


def secret_key(env: Mapping[str, str], host: str | None, db: str) -> str:
    """The key for a wikitally command that starts Django: WIKITALLY_SECRET_KEY; WIKITALLY_DEV's fixed one;
    else, for `serve` on loopback and for commands that serve nothing (host None), the key kept in the
    data directory. A server others can reach needs an explicit key (UsageError, one line)."""
    explicit = env.get("WIKITALLY_SECRET_KEY", "")
    if explicit:
        return explicit
    if env.get("WIKITALLY_DEV") == "1":
        return DEV_KEY
    if host is not None and not private(env, host):
        raise UsageError(
            f"WIKITALLY_SECRET_KEY is not set; serving on {host}"
            + (" behind a proxy" if is_loopback(host) else "")
            + " needs one: export a long random string (e.g. `python3 -c 'import secrets; "
            "print(secrets.token_urlsafe(50))'`)"
        )
    return kept_key(key_folder(db))


def local_accounts(env: Mapping[str, str], host: str | None) -> bool:
    """Whether username/password sign-in is on: WIKITALLY_LOCAL_ACCOUNTS=1/0 when set; else on for
    WIKITALLY_DEV=1 and for `serve` on loopback with no proxy in front (only this machine's users reach
    it), off for any public server (gunicorn, another host, a proxy)."""
    chosen = env.get("WIKITALLY_LOCAL_ACCOUNTS", "").strip()
    if chosen in ("0", "1"):
        return chosen == "1"
    if chosen:
        raise UsageError(f"WIKITALLY_LOCAL_ACCOUNTS={chosen!r}: write 1 (on) or 0 (off)")
    return env.get("WIKITALLY_DEV") == "1" or private(env, host)
