"""The command line: thin — parse, call a service, print. Every user error is one line and exit code 2."""

from __future__ import annotations

import functools
import json
import logging
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, get_args

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from wikitally import __version__, settings
from wikitally.campaign_file import load_campaign
from wikitally.collect.api import PoliteClient
from wikitally.errors import CampaignFileError, UsageError, WikitallyError, escaped
from wikitally.model import Campaign
from wikitally.newsletter.issue_file import load_issue
from wikitally.publish.session import ENV_USER, bot_password_from_env
from wikitally.reports.csv_report import TABLES
from wikitally.reports.data import ReportData
from wikitally.reports.html import render_html
from wikitally.reports.i18n import LANGUAGES, Translator, translator
from wikitally.reports.wikitext import (
    WIKIMEDIA_MAX_PAGE_KIB,
    WikiPage,
    render_wikitext,
    render_wikitext_pages,
)
from wikitally.services import collection, publishing, reporting, thanks, worklist
from wikitally.services import newsletter as newsletter_service
from wikitally.store import Store, open_store

PUBLISHING: dict[str, Callable[[ReportData, Translator], str]] = {
    "wikitext": render_wikitext,
    "html": render_html,
}
FORMATS = ("table", "json", "csv", *PUBLISHING)


class BarProgress(collection.Progress):
    """A bar per wiki on stderr: requests made and revisions read."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.tasks: dict[str, TaskID] = {}
        self.rows: dict[str, int] = {}

    def wiki_started(self, wiki: str) -> None:
        self.rows[wiki] = 0
        self.tasks[wiki] = self.progress.add_task(wiki, total=None, requests=0, rows=0)

    def request_made(self, wiki: str, total: int) -> None:
        self.progress.update(self.tasks[wiki], requests=total)

    def rows_read(self, wiki: str, rows: int) -> None:
        self.rows[wiki] += rows
        self.progress.update(self.tasks[wiki], rows=self.rows[wiki], advance=rows)

    def wiki_done(self, wiki: str, summary: collection.WikiSummary) -> None:
        self.progress.update(self.tasks[wiki], total=1, completed=1)


def _progress_bars() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[requests]} requests · {task.fields[rows]} rows"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=False,
    )


def run_collect(campaign: Campaign, store: Store, quiet: bool, sessions: collection.SessionFactory) -> None:
    if quiet:
        summary = collection.collect(campaign, store, sessions)
    else:
        with _progress_bars() as bars:
            summary = collection.collect(campaign, store, sessions, BarProgress(bars))
    if campaign.has_worklist:
        resolved = worklist.safe_resolve(campaign, store, sessions, datetime.now(UTC))
        for note in resolved.notes:
            click.echo(f"note: {note}", err=True)
        if not quiet:
            asked = " · ".join(f"{w}: {n} requests" for w, n in resolved.requests.items())
            click.echo(f"worklist: {resolved.items} items · {asked}", err=True)
    for ws in summary.wikis.values():
        for note in ws.notes:
            click.echo(f"note: {note}", err=True)
        if not quiet:
            click.echo(
                f"{ws.wiki}: {ws.mode} · {ws.requests} requests · {ws.bytes_received:,} bytes · "
                f"{ws.revisions} revisions listed · {ws.content_fetched} texts fetched",
                err=True,
            )


LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def _user_translator() -> Translator:
    """The Translator of the user's language: WIKITALLY_LANG (a catalogue's code, e.g. uk), else the first
    language of the locale variables (LANGUAGE, LC_ALL, LC_MESSAGES, LANG: uk_UA.UTF-8 → uk) that has a
    catalogue; English otherwise (C, POSIX, unset, a language without a catalogue)."""
    wanted = [os.environ.get("WIKITALLY_LANG", "")]
    for name in LOCALE_VARIABLES:
        wanted += os.environ.get(name, "").split(":")
    for value in wanted:
        code, _, modifier = value.partition(".")[0].partition("@")
        code = code.replace("_", "-").lower()
        if modifier.lower() == "latin" or code.endswith("-latn"):
            code = code.split("-")[0] + "-latn"
        for candidate in (code, code.split("-")[0]):
            if candidate in LANGUAGES:
                return translator(candidate)
    return translator("en")


def _guard(fn: Callable[..., None]) -> Callable[..., None]:
    """Map wikitally's errors to one line on stderr and their exit code — never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            fn(*args, **kwargs)
        except CampaignFileError as e:  # in the user's language: file, field, problem and fix
            click.echo(f"wikitally: {e.line(_user_translator().gettext)}", err=True)
            sys.exit(e.exit_code)
        except WikitallyError as e:
            click.echo(f"wikitally: {escaped(str(e))}", err=True)  # one line, whatever the error quotes
            sys.exit(e.exit_code)
        except KeyboardInterrupt:
            click.echo("wikitally: interrupted; run the same command again to resume", err=True)
            sys.exit(130)

    return wrapper


db_option = click.option(
    "--db", envvar="WIKITALLY_DB", default=None, help="SQLite file or postgresql:// URL (env WIKITALLY_DB)."
)
quiet_option = click.option("--quiet", "-q", is_flag=True, help="No progress bars.")


@click.group()
@click.version_option(__version__)
@click.option("--verbose", "-v", is_flag=True, help="Log API retries and warnings.")
def main(verbose: bool) -> None:
    """wikitally: what a Wikimedia campaign produced, exactly."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(message)s"
    )


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@db_option
@quiet_option
@_guard
def collect(file: str, db: str | None, quiet: bool) -> None:
    """Collect (incrementally) what FILE's campaign did on its wikis."""
    campaign = load_campaign(file)
    store = open_store(db or settings.get("db"))
    run_collect(campaign, store, quiet, collection.session_factory(settings.get("contact")))


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option(
    "--lang", default=None, help="Language of wikitext/HTML reports (default: the campaign's `language`)."
)
@click.option(
    "--table",
    type=click.Choice(list(TABLES)),
    default="summary",
    show_default=True,
    help="Which table --format csv writes.",
)
@click.option("--no-collect", is_flag=True, help="Report what is stored; don't ask the wikis.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@click.option(
    "--source",
    type=click.Path(file_okay=False),
    default=None,
    help="Answer from dump facts in this DIR (made by `wikitally ingest`); asks no wiki.",
)
@click.option(
    "--engine",
    type=click.Choice(["duckdb", "spark"]),
    default="duckdb",
    show_default=True,
    help="With --source: the query engine over the facts.",
)
@click.option(
    "--max-page-kib",
    type=click.IntRange(min=16),
    default=WIKIMEDIA_MAX_PAGE_KIB,
    show_default=True,
    help="--format wikitext: above this size, a main page and subpages (the wiki's maxarticlesize).",
)
@db_option
@quiet_option
@_guard
def report(
    file: str,
    fmt: str,
    lang: str | None,
    table: str,
    no_collect: bool,
    output: str | None,
    source: str | None,
    engine: str,
    max_page_kib: int,
    db: str | None,
    quiet: bool,
) -> None:
    """Print the campaign's outcome (collects first unless --no-collect, or --source DIR: from dumps)."""
    campaign = load_campaign(file)
    t = translator(lang or campaign.language)  # an unknown language fails before any work
    if source is not None:
        _report_from_dumps(campaign, Path(source), engine, fmt, table, output, quiet, t, max_page_kib)
        return
    store = open_store(db or settings.get("db"))
    sessions = collection.session_factory(settings.get("contact"))
    now = datetime.now(UTC)
    if not no_collect:
        run_collect(campaign, store, quiet, sessions)
    elif store.last_collected(campaign) is None:
        raise UsageError(
            f"{file}: nothing collected yet for {campaign.name!r}; run `wikitally collect {file}`"
        )
    if fmt in PUBLISHING:
        if not no_collect:
            for note in publishing.locate_articles(campaign, store, sessions, now):
                click.echo(f"note: {note}", err=True)
            publishing.fetch_views(campaign, store, PoliteClient(contact=settings.get("contact")), now)
        data = publishing.report_data(campaign, store, now)
        if fmt == "wikitext":
            _emit_pages(render_wikitext_pages(data, t, max_page_kib), output, max_page_kib)
        else:
            _emit(PUBLISHING[fmt](data, t), output)
        return
    result = reporting.public_outcome(campaign, store, now)  # private web registrations: counted, not named
    _emit(TABLES[table](result) if fmt == "csv" else reporting.render(result, fmt), output)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--out", "out_dir", type=click.Path(file_okay=False), required=True, help="Folder for the PDFs."
)
@click.option("--organizer", default="", help="Name printed over the signature line.")
@click.option("--logo", type=click.Path(dir_okay=False, exists=True), default=None, help="PNG or JPEG logo.")
@click.option("--lang", default=None, help="Certificates' language (default: the campaign's `language`).")
@click.option("--no-collect", is_flag=True, help="Report what is stored; don't ask the wikis.")
@db_option
@quiet_option
@_guard
def certificates(
    file: str,
    out_dir: str,
    organizer: str,
    logo: str | None,
    lang: str | None,
    no_collect: bool,
    db: str | None,
    quiet: bool,
) -> None:
    """Write one participation certificate (PDF) per participant into --out."""
    from wikitally.services.certificates import write_certificates

    campaign = load_campaign(file)
    t = translator(lang or campaign.language)
    store = open_store(db or settings.get("db"))
    if not no_collect:
        run_collect(campaign, store, quiet, collection.session_factory(settings.get("contact")))
    elif store.last_collected(campaign) is None:
        raise UsageError(
            f"{file}: nothing collected yet for {campaign.name!r}; run `wikitally collect {file}`"
        )
    data = publishing.report_data(campaign, store, datetime.now(UTC))
    paths = write_certificates(data, Path(out_dir), lambda user: t, organizer, Path(logo) if logo else None)
    click.echo(f"wrote {len(paths)} certificates to {out_dir}", err=True)


@main.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    default=".",
    show_default=True,
    help="Where to write wikitally-demo.json and wikitally-demo.csv.",
)
@db_option
@quiet_option
@_guard
def demo(out: str, db: str | None, quiet: bool) -> None:
    """Run offline on a bundled, recorded edit-a-thon: print the table, write JSON and CSV, and keep it in
    the store as a public campaign of the web app (`wikitally serve` shows it)."""
    from wikitally.services import demo as demo_service
    from wikitally.store.db import redact

    with demo_service.prepare(db or settings.get("db")) as run:
        run_collect(run.campaign, run.store, quiet, run.sessions)
        result = reporting.outcome(run.campaign, run.store, run.as_of)
        registered = demo_service.register(run)
    click.echo(reporting.render(result, "table"))
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    (target / "wikitally-demo.json").write_text(reporting.render(result, "json"), encoding="utf-8")
    (target / "wikitally-demo.csv").write_text(reporting.render(result, "csv"), encoding="utf-8")
    click.echo(f"wrote {target / 'wikitally-demo.json'} and {target / 'wikitally-demo.csv'}", err=True)
    if registered.recorded:
        click.echo(
            "the web app shows it too: run `wikitally serve`"
            + (f" --db {redact(db)}" if db else "")
            + f" and open http://127.0.0.1:8000/c/{registered.slug}/",
            err=True,
        )
    else:
        click.echo(
            f"note: the web campaign {registered.slug!r} already has the demo's name; left as it is", err=True
        )


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--template",
    type=click.Path(dir_okay=False),
    help="Wikitext template of the message (default: a plain box with the participant's numbers).",
)
@click.option("--post", is_flag=True, help="Log in (bot password from the environment) and post.")
@click.option("--summary", help="Edit summary (default: the catalogue's, in the campaign's language).")
@click.option(
    "--tag", "tags", multiple=True, help="Change tag for the edits (repeatable; defined on the wiki)."
)
@click.option("--no-collect", is_flag=True, help="Use what is stored; don't ask the wikis first.")
@click.option(
    "--to",
    "to",
    default=thanks.MOST,
    show_default=True,
    help="Where each message goes: most (the wiki where the participant did most), first (the campaign's "
    "first wiki) or a campaign wiki's domain.",
)
@click.option(
    "--lang",
    default=None,
    help="Messages' language (default: each wiki's own; the campaign's `language` on Commons, Wikidata, Meta).",
)
@db_option
@quiet_option
@_guard
def thank(
    file: str,
    template: str | None,
    post: bool,
    summary: str | None,
    tags: tuple[str, ...],
    no_collect: bool,
    to: str,
    lang: str | None,
    db: str | None,
    quiet: bool,
) -> None:
    """Thank each participant on their user talk page; a dry run that changes nothing unless --post."""
    campaign = load_campaign(file)
    if lang is not None:
        translator(lang)  # an unknown language fails before any work
    text = thanks.load_template(template)
    bot = bot_password_from_env() if post else None
    store = open_store(db or settings.get("db"))
    if not no_collect:
        run_collect(campaign, store, quiet, collection.session_factory(settings.get("contact")))
    elif store.last_collected(campaign) is None:
        raise UsageError(
            f"{file}: nothing collected yet for {campaign.name!r}; run `wikitally collect {file}`"
        )
    results = thanks.thank(
        campaign,
        store,
        datetime.now(UTC),
        text,
        bot=bot,
        dry_run=not post,
        summary=summary,
        tags=tags,
        contact=settings.get("contact"),
        on_result=_echo_thanks if len(campaign.wikis) == 1 else _echo_thanks_on_wiki,
        to=to,
        language=lang,
    )
    counts = {
        s: sum(r.status == s for r in results) for s in ("would-post", "posted", "skipped-already", "failed")
    }
    done = f"{counts['posted']} posted" if post else f"dry run: {counts['would-post']} to post"
    click.echo(f"{done}, {counts['skipped-already']} already thanked, {counts['failed']} failed", err=True)
    if not post and counts["would-post"]:
        click.echo("nothing was changed; add --post to post", err=True)
    if counts["failed"]:
        sys.exit(1)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on."
)
@click.option("--no-worker", is_flag=True, help="Don't refresh campaigns in this process (run `worker`).")
@db_option
@_guard
def serve(host: str, port: int, no_worker: bool, db: str | None) -> None:
    """Serve the web app (campaign pages, downloads, JSON API) after migrating the database; refresh
    campaigns in the background unless --no-worker."""
    from wikitally.web import launch, server

    if os.environ.get("WIKITALLY_DEV") == "1":
        launch.check_dev(os.environ, host)  # refused before anything is migrated
        click.echo(f"wikitally: {launch.DEV_WARNING}", err=True)
    app = server.application(db or settings.get("db"), host)
    worker = None if no_worker else server.start_worker(db or settings.get("db"))
    click.echo(f"wikitally: serving on http://{host}:{port}/ (Ctrl+C stops)", err=True)
    server.serve(app, host, port, worker=worker)


@main.command()
@db_option
@_guard
def migrate(db: str | None) -> None:
    """Migrate the database (wikitally's tables and the web app's) and exit: the release step before
    starting gunicorn. Safe to repeat."""
    from wikitally.store.db import redact
    from wikitally.web import server

    db = db or settings.get("db")
    server.migrate(db)
    click.echo(f"wikitally: {redact(db)} is migrated", err=True)


@main.command("site-admin")
@click.argument("username")
@click.option("--remove", is_flag=True, help="Take the site admin rights away instead.")
@db_option
@_guard
def site_admin(username: str, remove: bool, db: str | None) -> None:
    """Make the user who signs in as this Wikimedia USERNAME a site admin (staff and superuser in /admin/);
    they must have signed in once."""
    from wikitally.web import server
    from wikitally.web.accounts.site_admins import set_site_admin

    server.check_migrated(db or settings.get("db"))
    change = set_site_admin(username, admin=not remove)
    now = {
        (True, True): "is now a site admin",
        (True, False): "is already a site admin",
        (False, True): "is no longer a site admin",
        (False, False): "was not a site admin",
    }[change.admin, change.changed]
    site_user = "" if change.site_username == change.username else f" (site user {change.site_username!r})"
    click.echo(f"wikitally: {change.username}{site_user} on {change.provider} {now}", err=True)


@main.command("local-account")
@click.argument("username")
@click.option("--superuser", is_flag=True, help="Make it a site admin too (staff and superuser in /admin/).")
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the password from the first line of stdin instead of asking (scripts); also when stdin "
    "isn't a terminal.",
)
@db_option
@_guard
def local_account(username: str, superuser: bool, password_stdin: bool, db: str | None) -> None:
    """Make a local account (username and password) to sign in to the web app without Wikimedia OAuth;
    again, it sets a new password. Its sign-in form is on for `serve` on 127.0.0.1 (docs/web.md)."""
    from wikitally.web import server
    from wikitally.web.accounts import local_accounts

    if password_stdin or not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)
    server.migrate(db or settings.get("db"))  # a newcomer may make their account before the first `serve`
    made = local_accounts.make(username, password, superuser=superuser)
    done = "made" if made.created else "given a new password"
    admin = " (a site admin)" if made.superuser else ""
    click.echo(f"wikitally: local account {made.username!r}{admin} {done}", err=True)


@main.command()
@click.option(
    "--interval-minutes",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="Refresh each active campaign this often.",
)
@click.option("--once", is_flag=True, help="One pass over the due campaigns, then exit (tests, cron).")
@click.option("--owner", default=None, help="This worker's name in the leases (default HOST:PID).")
@db_option
@_guard
def worker(interval_minutes: int, once: bool, owner: str | None, db: str | None) -> None:
    """Refresh the web app's campaigns as they fall due, one at a time; SIGTERM finishes the current one."""
    import signal
    import socket
    import threading
    from datetime import timedelta

    from wikitally.services import refresh

    store = open_store(db or settings.get("db"))
    contact = settings.get("contact")
    stop = threading.Event()
    refresher = refresh.Worker(
        store,
        owner or f"{socket.gethostname()}:{os.getpid()}",
        sessions=collection.session_factory(contact),
        views_client=lambda: PoliteClient(contact=contact),
        interval=timedelta(minutes=interval_minutes),
        sleep=stop.wait,
        on_result=_echo_refresh,
    )
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    if once:
        results = refresher.run_pass(stop.is_set)
        if any(r.status == "failed" for r in results):
            sys.exit(1)
        return
    click.echo("wikitally: worker started (SIGTERM or Ctrl+C stops after the current campaign)", err=True)
    refresher.run(stop.is_set)
    click.echo("wikitally: worker stopped", err=True)


@main.group()
def contest() -> None:
    """Article contests: results by the campaign file's [contest] rules, jury marks, submissions."""


CONTEST_FORMATS = ("table", "json", "csv", "wikitext", "html")


@contest.command("results")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(CONTEST_FORMATS), default="table", show_default=True)
@click.option("--no-collect", is_flag=True, help="Judge what is stored; don't ask the wikis.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@click.option(
    "--lang",
    default=None,
    help="Language of the table, wikitext and HTML (default: the campaign's `language`).",
)
@click.option(
    "--rows",
    type=click.Choice(("entries", "categories")),
    default="entries",
    show_default=True,
    help="CSV only: one row per entry, or one per (category of winners, participant).",
)
@db_option
@quiet_option
@_guard
def contest_results(
    file: str,
    fmt: str,
    no_collect: bool,
    output: str | None,
    lang: str | None,
    rows: str,
    db: str | None,
    quiet: bool,
) -> None:
    """The contest's entries (eligible or not, and why), points, jury scores, dense ranking and winners per
    category."""
    from wikitally.reports import contest as contest_report
    from wikitally.reports import contest_html
    from wikitally.services import contests

    campaign = load_campaign(file)
    contests.contest_of(campaign)  # no [contest]: said before any work
    t = translator(lang or campaign.language)  # an unknown language fails before any work
    store = open_store(db or settings.get("db"))
    frozen = _frozen_results(campaign, store, fmt, rows)
    if frozen is not None:
        _emit(frozen, output)
        return
    sessions = collection.session_factory(settings.get("contact"))
    if not no_collect:
        run_collect(campaign, store, quiet, sessions)
        contests.gather(campaign, store, sessions, datetime.now(UTC))
    elif store.last_collected(campaign) is None:
        raise UsageError(
            f"{file}: nothing collected yet for {campaign.name!r}; run `wikitally collect {file}`"
        )
    result = contests.results(campaign, store)
    if fmt == "json":
        from wikitally.services import contest_outputs

        text = contest_report.render_json(result, contest_outputs.rounds(campaign, store, result))
    elif fmt == "csv":
        text = contest_report.render_csv(result, rows)
    elif fmt == "wikitext":
        # A one-wiki contest's page is saved on that wiki: its titles link there (Wikipedias by interwiki).
        local = campaign.wikis[0] if len(campaign.wikis) == 1 else None
        text = contest_report.render_wikitext(result, campaign.name, local, t)
    elif fmt == "html":
        text = contest_html.render_html(result, campaign.name, t)
    else:
        text = contest_report.render_table(result, t=t)
    _emit(text, output)


def _frozen_results(campaign: Campaign, store: Store, fmt: str, rows: str) -> str | None:
    """The results as the jury's organizers froze them when they closed marking (services/jury.py), in the
    formats a closing keeps (JSON, the entries' CSV, wikitext); None while marking is open or for another
    format, which is computed now (and says so when marking is closed)."""
    from wikitally.services import jury

    closed = jury.closing(campaign, store) if campaign.contest and campaign.contest.jury else None
    if closed is None:
        return None
    when = f"version {closed.version}, closed {closed.closed_at:%Y-%m-%d %H:%M} UTC by {closed.closed_by}"
    if fmt == "json":
        text = json.dumps(closed.results, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv" and rows == "entries":
        text = closed.csv
    elif fmt == "wikitext":
        text = closed.wikitext
    else:
        click.echo(
            f"note: marking was closed ({escaped(when)}); this output is computed now — "
            "--format json, csv or wikitext give the frozen results",
            err=True,
        )
        return None
    click.echo(f"the frozen results: {escaped(when)}", err=True)
    return text


@contest.command("status")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--user", required=True, help="The participant whose entries to show.")
@click.option("--no-collect", is_flag=True, help="Judge what is stored; don't ask the wikis.")
@db_option
@quiet_option
@_guard
def contest_status(file: str, user: str, no_collect: bool, db: str | None, quiet: bool) -> None:
    """A participant's own entries with each rule's verdict ("300 words needed, the article has 212")."""
    from wikitally.services import contests
    from wikitally.usernames import normalize_username

    campaign = load_campaign(file)
    contest_rules = contests.contest_of(campaign).rules
    store = open_store(db or settings.get("db"))
    if not no_collect:
        sessions = collection.session_factory(settings.get("contact"))
        run_collect(campaign, store, quiet, sessions)
        contests.gather(campaign, store, sessions, datetime.now(UTC))
    name = normalize_username(user)
    click.echo("Rules: " + ("; ".join(contests.rule_text(r) for r in contest_rules) or "none"))
    mine = [j for j in contests.results(campaign, store).entries if j.entry.participant == name]
    if not mine:
        click.echo(f"{name}: no entries yet")
    for j in mine:
        state = "deleted" if j.entry.deleted else "eligible" if j.eligible else "not eligible"
        click.echo(f"{j.entry.wiki} · {j.entry.title}: {state}, score {j.score:.2f}")
        for text in j.verdicts:
            click.echo(f"  - {text}")


@contest.group("marks")
def contest_marks() -> None:
    """Jury marks."""


@contest_marks.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("marks_csv", metavar="MARKS.csv", type=click.Path(dir_okay=False))
@db_option
@_guard
def contest_marks_import(file: str, marks_csv: str, db: str | None) -> None:
    """Import jury marks from MARKS.csv (columns juror,wiki,title,part,value); checked whole first, so a
    refused file changes nothing; importing the same file again changes nothing."""
    from wikitally.services import contests

    campaign = load_campaign(file)
    contest_file = contests.contest_of(campaign)
    contests.read_marks(contest_file, marks_csv)  # refused before the store is opened
    store = open_store(db or settings.get("db"))
    changed = contests.import_marks(campaign, store, marks_csv, datetime.now(UTC))
    click.echo(f"{marks_csv}: {changed} marks changed", err=True)


@contest.command("awards")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--top", type=click.IntRange(1, 100), default=3, show_default=True, help="Congratulate ranks 1 … N."
)
@click.option("--post", is_flag=True, help="Log in (bot password from the environment) and post.")
@click.option(
    "--tag", "tags", multiple=True, help="Change tag for the edits (repeatable; defined on the wiki)."
)
@click.option(
    "--to",
    "to",
    default=thanks.MOST,
    show_default=True,
    help="Where each message goes: most, first or a campaign wiki's domain (as `thank --to`).",
)
@click.option("--lang", default=None, help="Messages' language (default: each wiki's own, as `thank`).")
@click.option(
    "--certificates",
    "cert_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Also write each winner's certificate (PDF, their place under the name) into this folder.",
)
@click.option("--organizer", default="", help="Name printed over the certificates' signature line.")
@click.option("--no-collect", is_flag=True, help="Judge what is stored; don't ask the wikis.")
@db_option
@quiet_option
@_guard
def contest_awards(
    file: str,
    top: int,
    post: bool,
    tags: tuple[str, ...],
    to: str,
    lang: str | None,
    cert_dir: str | None,
    organizer: str,
    no_collect: bool,
    db: str | None,
    quiet: bool,
) -> None:
    """Congratulate the contest's winners ("1st place" …) on their talk pages; a dry run unless --post,
    and never twice (a hidden marker)."""
    from wikitally.services import contest_awards, contests

    campaign = load_campaign(file)
    contests.contest_of(campaign)
    if lang is not None:
        translator(lang)  # an unknown language fails before any work
    bot = bot_password_from_env() if post else None
    store = open_store(db or settings.get("db"))
    if not no_collect:
        sessions = collection.session_factory(settings.get("contact"))
        run_collect(campaign, store, quiet, sessions)
        contests.gather(campaign, store, sessions, datetime.now(UTC))
    elif store.last_collected(campaign) is None:
        raise UsageError(
            f"{file}: nothing collected yet for {campaign.name!r}; run `wikitally collect {file}`"
        )
    standings = contests.results(campaign, store)
    if cert_dir is not None:
        t = translator(lang or campaign.language)
        paths = contest_awards.certificates(
            campaign, store, standings, Path(cert_dir), datetime.now(UTC), t, top=top, organizer=organizer
        )
        click.echo(f"wrote {len(paths)} certificates to {cert_dir}", err=True)
    echo = _echo_award if len(campaign.wikis) == 1 else _echo_award_on_wiki
    results = contest_awards.award(
        campaign,
        store,
        standings,
        top=top,
        bot=bot,
        dry_run=not post,
        tags=tags,
        contact=settings.get("contact"),
        on_result=echo,
        to=to,
        language=lang,
    )
    _award_summary(results, post)


def _award_summary(results: list[thanks.Result], post: bool) -> None:
    """The closing lines of `contest awards` and `photos awards`; exit 1 when a message failed."""
    counts = {
        s: sum(r.status == s for r in results) for s in ("would-post", "posted", "skipped-already", "failed")
    }
    done = f"{counts['posted']} posted" if post else f"dry run: {counts['would-post']} to post"
    click.echo(
        f"{done}, {counts['skipped-already']} already congratulated, {counts['failed']} failed", err=True
    )
    if not post and counts["would-post"]:
        click.echo("nothing was changed; add --post to post", err=True)
    if counts["failed"]:
        sys.exit(1)


def _echo_award(result: thanks.Result) -> None:
    _echo_post(result, "already congratulated")


def _echo_award_on_wiki(result: thanks.Result) -> None:
    _echo_post(result, "already congratulated", prefix=f"{result.message.wiki}: ")


@contest.command("submit")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--user", required=True, help="The participant submitting the article.")
@click.option("--wiki", required=True, help="The article's wiki (one of the campaign's wikis).")
@click.option("--title", required=True, help="The article's title.")
@db_option
@_guard
def contest_submit(file: str, user: str, wiki: str, title: str, db: str | None) -> None:
    """Submit an article to a contest whose entries are "submitted" or "both"."""
    from wikitally.services import contests

    campaign = load_campaign(file)
    store = open_store(db or settings.get("db"))
    new = contests.submit(campaign, store, user, wiki, title, datetime.now(UTC))
    click.echo(f"{title}: {'submitted' if new else 'already submitted'}", err=True)


def _echo_refresh(result: Any) -> None:
    if result.status == "ok":
        click.echo(f"{result.slug}: refreshed; next at {result.next_due:%Y-%m-%d %H:%M} UTC", err=True)
    elif result.status == "failed":
        click.echo(f"{result.slug}: failed: {result.error}", err=True)
    else:
        click.echo(f"{result.slug}: {result.error}", err=True)


def _echo_thanks(result: thanks.Result) -> None:
    _echo_post(result, "already thanked")


def _echo_thanks_on_wiki(result: thanks.Result) -> None:
    """As _echo_thanks, each line naming the wiki (a campaign of several wikis thanks on several)."""
    _echo_post(result, "already thanked", prefix=f"{result.message.wiki}: ")


def _echo_post(result: thanks.Result, already: str, prefix: str = "") -> None:
    """One line per talk page (the whole message on a dry run)."""
    page = prefix + result.page
    if result.status == "would-post":
        message = result.message
        click.echo(f"--- would post to {page} ---\n== {message.heading} ==\n{message.text}\n")
    elif result.status == "posted":
        rev = f" (revision {result.rev_id})" if result.rev_id is not None else ""
        click.echo(f"{page}: posted{rev}")
    elif result.status == "skipped-already":
        click.echo(f"{page}: {already}")
    else:
        click.echo(f"{page}: failed: {result.reason}")


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    help="Also write each language's page into this folder: LANG.wiki (wikitext) and LANG.html.",
)
@click.option(
    "--publish",
    is_flag=True,
    help="Log in (bot password from the environment) and write the pages (and, with --deliver, post the "
    "announcements); without it, a dry run that changes nothing.",
)
@click.option(
    "--deliver",
    "list_page",
    metavar="LIST_PAGE",
    help="Announce the issue on every talk page LIST_PAGE lists ({{target|page=…}} or [[User talk:…]]); "
    "a dry run unless --publish is also given.",
)
@click.option(
    "--overwrite-others",
    is_flag=True,
    help="Publish over pages someone else edited since wikitally last published them (without it, such a "
    "page is refused and left as it is).",
)
@db_option
@_guard
def newsletter(
    file: str,
    out_dir: str | None,
    publish: bool,
    list_page: str | None,
    overwrite_others: bool,
    db: str | None,
) -> None:
    """Compose the newsletter issue FILE describes: one wiki page per language; a dry run unless --publish.

    wikitally never overwrites an edit someone else made: a page edited by another account since wikitally
    published it is refused (exit 1) unless --overwrite-others."""
    issue = load_issue(file)
    bot = bot_password_from_env() if publish else None
    # Known before logging in, so that a dry run can tell the publishing account's edits from others'.
    account = (bot.user if bot else os.environ.get(ENV_USER, "")).partition("@")[0].strip() or None
    data: dict[str, ReportData] = {}
    store = open_store(db or settings.get("db"))  # also remembers the revisions wikitally saves
    if any(True for _ in issue.generated_stories()):
        sessions = collection.session_factory(settings.get("contact"))
        data, notes = newsletter_service.report_data(issue, store, datetime.now(UTC), sessions)
        for note in notes:
            click.echo(f"note: {note}", err=True)
    with newsletter_service.IssueSession(issue.api_url, bot, contact=settings.get("contact")) as session:
        # Pages over the wiki's own size limit are split into subpages (read-only: one siteinfo request).
        pages = newsletter_service.compose(issue, data, session.max_page_bytes())
        if out_dir:
            written = newsletter_service.write_files(issue, data, pages, Path(out_dir))
            click.echo(f"wrote {len(written)} files to {out_dir}", err=True)
        results = newsletter_service.publish(
            pages,
            session,
            store,
            lambda: datetime.now(UTC),
            dry_run=not publish,
            overwrite_others=overwrite_others,
            account=account,
            on_result=_echo_page,
        )
        counts = {s: sum(r.status == s for r in results) for s in get_args(newsletter_service.PageStatus)}
        if publish:
            done = f"{counts['created']} created, {counts['updated']} updated"
        else:
            done = f"dry run: {counts['would-create']} to create, {counts['would-update']} to update"
        click.echo(f"pages: {done}, {counts['unchanged']} unchanged, {counts['failed']} failed", err=True)
        refused = counts["conflict"] + counts["would-conflict"]
        if refused:
            would = "" if publish else "would be "
            click.echo(
                f"{refused} {'page' if refused == 1 else 'pages'} {would}refused: edited by someone else since "
                "wikitally published them; merge their edits into the issue's files, or publish over them "
                "with --overwrite-others",
                err=True,
            )
        failed = counts["failed"] + refused
        if list_page and failed:
            click.echo("not announcing an issue whose pages failed or were refused", err=True)
        elif list_page:
            delivery = newsletter_service.deliver(
                issue, list_page, session, dry_run=not publish, on_result=_echo_announcement, data=data
            )
            for note in delivery.skipped:
                click.echo(f"note: {note}", err=True)
            sent = {
                s: sum(r.status == s for r in delivery.results)
                for s in ("would-post", "posted", "skipped-already", "failed")
            }
            done = f"{sent['posted']} posted" if publish else f"dry run: {sent['would-post']} to post"
            click.echo(
                f"announcement: {done}, {sent['skipped-already']} already announced, {sent['failed']} failed",
                err=True,
            )
            failed += sent["failed"]
    if not publish:
        click.echo("nothing was changed on the wiki; add --publish to publish", err=True)
    if failed:
        sys.exit(1)


def _echo_page(result: newsletter_service.PageResult) -> None:
    """One line per page; a dry run adds the whole text of a new page, the diff of a changed one."""
    page = result.page
    over = f" over edits by {', '.join(result.conflict.editors)}" if result.conflict else ""
    if result.status == "would-create":
        click.echo(f"--- would create {page.title} ---\n{page.text}")
    elif result.status == "would-update":
        click.echo(f"--- would update {page.title}{over} ---\n{result.diff}")
    elif result.status == "would-conflict":
        click.echo(f"{page.title}: would refuse: {result.reason}\n{result.diff}")
    elif result.status in ("created", "updated"):
        rev = f" (revision {result.rev_id})" if result.rev_id is not None else ""
        click.echo(f"{page.title}: {result.status}{rev}{over}")
    elif result.status == "unchanged":
        click.echo(f"{page.title}: unchanged")
    elif result.status == "conflict":
        click.echo(f"{page.title}: refused: {result.reason}")
    else:
        click.echo(f"{page.title}: failed: {result.reason}")


def _echo_announcement(result: thanks.Result) -> None:
    _echo_post(result, "already announced")


def _report_from_dumps(
    campaign: Campaign,
    source: Path,
    engine: str,
    fmt: str,
    table: str,
    output: str | None,
    quiet: bool,
    t: Translator,
    max_page_kib: int,
) -> None:
    from wikitally.services import dump_report

    done = dump_report.report(campaign, source, engine)
    for note in done.notes:
        click.echo(f"note: {note}", err=True)
    if not quiet:
        started = (
            f"Spark started in {done.startup_s:.1f} s (not counted) · " if done.startup_s is not None else ""
        )
        click.echo(f"{engine}: {started}{done.rows:,} candidate revisions in {done.query_s:.2f} s", err=True)
    if fmt in PUBLISHING:  # no wiki is asked: no coordinates or views (the report says so)
        data = dump_report.report_data(campaign, done)
        if fmt == "wikitext":
            _emit_pages(render_wikitext_pages(data, t, max_page_kib), output, max_page_kib)
        else:
            _emit(PUBLISHING[fmt](data, t), output)
        return
    _emit(TABLES[table](done.result) if fmt == "csv" else reporting.render(done.result, fmt), output)


@main.command()
@click.argument("dumps", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--out", required=True, type=click.Path(file_okay=False), help="Directory of the facts (Parquet)."
)
@click.option("--wiki", default=None, help="The wiki's domain (default: the host of the dump's <base>).")
@click.option(
    "--campaign",
    "campaigns",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Measure words for the edits this campaign file could count (repeatable); without: no words.",
)
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Files read at once (default: cores).")
@click.option(
    "--engine",
    type=click.Choice(["local", "spark"]),
    default="local",
    show_default=True,
    help="Run one process per file here, or one Spark task per file.",
)
@quiet_option
@_guard
def ingest(
    dumps: tuple[str, ...],
    out: str,
    wiki: str | None,
    campaigns: tuple[str, ...],
    jobs: int | None,
    engine: str,
    quiet: bool,
) -> None:
    """Read MediaWiki XML dumps (full or stub history; plain, bz2, gz or 7z) into per-revision facts in DIR."""
    from wikitally.collect.dumpfile import missing_tools
    from wikitally.services import ingest as ingest_service

    scope = ingest_service.Scope(tuple(load_campaign(c) for c in campaigns))
    missing = missing_tools()
    if missing and not quiet:
        click.echo(f"note: for faster bz2 and for 7z dumps: apt-get install {' '.join(missing)}", err=True)

    def done(r: ingest_service.FileResult) -> None:
        if not quiet:
            rate = r.bytes_read / r.seconds / 1e6 if r.seconds else 0.0
            click.echo(
                f"{r.source}: {r.status} · {r.wiki} · {r.kind} · {r.revisions:,} revisions · "
                f"{r.pages:,} pages · {rate:.0f} MB/s of XML",
                err=True,
            )

    results = ingest_service.ingest(list(dumps), Path(out), wiki, scope, jobs, engine, done)
    for r in results:
        if r.status == "unchanged" and not quiet:
            click.echo(f"{r.source}: already ingested ({r.revisions:,} revisions); nothing added", err=True)
    if any(r.kind == "stub" for r in results) and not quiet:
        click.echo("note: stub dumps give metadata only: no words or references", err=True)


def _emit_pages(pages: list[WikiPage], output: str | None, max_page_kib: int) -> None:
    """One page as _emit does; a main page and subpages only into files: OUTPUT and OUTPUT's name with the
    subpage's (report.wiki, report.Articles_1.wiki …), each saved on the wiki as MAIN/SUBPAGE."""
    if len(pages) == 1:
        _emit(pages[0].text, output)
        return
    size_kib = sum(len(p.text.encode("utf-8")) for p in pages) // 1024
    if not output:
        raise UsageError(
            f"the wikitext report is {size_kib:,} KiB, over a wiki page's {max_page_kib:,} KiB: "
            f"give --output FILE to write it as a main page and {len(pages) - 1} subpages"
        )
    main = Path(output)
    for page in pages:
        if page.subpage is None:
            path = main
            click.echo(f"wrote {path} (the main page)", err=True)
        else:
            path = main.with_name(f"{main.stem}.{page.subpage.replace(' ', '_')}{main.suffix}")
            click.echo(f"wrote {path}: save it as the subpage MAIN/{page.subpage}", err=True)
        path.write_text(page.text, encoding="utf-8")


def _emit(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


# -- photo contests (issue 13) ----------------------------------------------------------------------------


@main.group()
def photos() -> None:
    """Photo contests: import the files, check them, allocate, take votes, rank rounds."""


@photos.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@db_option
@_guard
def photos_import(file: str, db: str | None) -> None:
    """Import (incrementally) the files of FILE's [photos] categories and check their eligibility."""
    from wikitally.services import photos as photo_service

    campaign = load_campaign(file)
    photo_service.contest_of(campaign)
    store = open_store(db or settings.get("db"))
    summary = photo_service.import_photos(
        campaign, store, collection.session_factory(settings.get("contact")), datetime.now(UTC)
    )
    click.echo(
        f"{summary.files} files in the categories · {summary.fetched} read · {summary.deleted} deleted · "
        f"{summary.left} left the categories · {summary.listing_requests + summary.metadata_requests} requests "
        f"({summary.metadata_requests} for metadata)",
        err=True,
    )


@photos.command("override")
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("photo")
@click.option("--eligible/--ineligible", required=True, help="The verdict to set.")
@click.option("--reason", required=True, help="Why (kept in the audit log).")
@click.option("--by", default=lambda: os.environ.get("USER", "organizer"), help="Who decides (logged).")
@db_option
@_guard
def photos_override(file: str, photo: str, eligible: bool, reason: str, by: str, db: str | None) -> None:
    """Set one PHOTO's verdict (file name without File:), with a reason; logged."""
    from wikitally.services import photos as photo_service

    campaign = load_campaign(file)
    store = open_store(db or settings.get("db"))
    verdict = photo_service.override(campaign, store, photo, eligible, reason, by, datetime.now(UTC))
    state = "eligible" if verdict.eligible else "not eligible"
    click.echo(
        f"{escaped(verdict.file)}: {state} (reasons: {', '.join(verdict.reasons) or 'none'})", err=True
    )


@photos.command("allocate")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--round", "number", type=int, required=True, help="The round's number (1 = the first).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the random allocation.")
@click.option(
    "--without", multiple=True, help="A juror whose unfinished work goes to the others (repeatable)."
)
@db_option
@_guard
def photos_allocate(file: str, number: int, seed: int, without: tuple[str, ...], db: str | None) -> None:
    """Deal the round's unfinished work to the jurors (again after jurors or quorum change)."""
    from wikitally.services import photos as photo_service

    campaign = load_campaign(file)
    store = open_store(db or settings.get("db"))
    allocation = photo_service.allocate_round(
        campaign, store, number, seed, datetime.now(UTC), without=without
    )
    for juror, queue in allocation.queues.items():
        click.echo(f"{escaped(juror)}: {len(queue)} photos to judge")
    if allocation.short:
        click.echo(f"note: {len(allocation.short)} photos cannot reach quorum with these jurors", err=True)


@photos.command("status")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--round", "number", type=int, required=True, help="The round's number (1 = the first).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv"]),
    default="text",
    help="text: the overview; json/csv: one row of statistics per juror (real names: for organizers).",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@db_option
@_guard
def photos_status(file: str, number: int, fmt: str, output: str | None, db: str | None) -> None:
    """A round's progress per juror, the photos lacking votes, and what closing it now would do."""
    from wikitally.services import photos as photo_service

    campaign = load_campaign(file)
    photo_service.round_number(photo_service.contest_of(campaign), number)
    store = open_store(db or settings.get("db"))
    if fmt != "text":
        import json

        from wikitally.reports import photos as photo_reports
        from wikitally.services import photo_jury

        rows = photo_jury.juror_stats(campaign, store, number)
        if fmt == "json":
            text = json.dumps({"round": number, "jurors": rows}, ensure_ascii=False, indent=2) + "\n"
        else:
            text = photo_reports.render_juror_stats_csv(rows, photo_jury.JUROR_STATS_COLUMNS)
        _emit(text, output)
        return
    status = photo_service.round_status(campaign, store, number)
    effect = status.effect
    name = photo_service.round_title(photo_service.contest_of(campaign), status.number)
    click.echo(f"round {status.number}: {name} ({status.round.kind}), {status.photos} photos")
    for j in status.jurors:
        mean = "" if j.mean is None else f", mean {j.mean:.2f}"
        click.echo(f"  {escaped(j.juror)}: {j.done}/{j.assigned} tasks done, {j.votes} votes{mean}")
    click.echo(f"lacking votes: {len(effect.missing)} photos, {sum(effect.missing.values())} votes")
    click.echo(f"closing now: {len(effect.advancing)} photos advance")
    click.echo(f"  could drop out with the missing votes: {len(effect.could_drop)}")
    for f in effect.could_drop[:20]:
        click.echo(f"    {escaped(f)}")
    click.echo(f"  could enter with the missing votes: {len(effect.could_enter)}")
    for f in effect.could_enter[:20]:
        click.echo(f"    {escaped(f)}")
    if effect.missing:
        click.echo(
            "to finish: `wikitally photos allocate FILE --round N --without JUROR` redistributes a juror's "
            "unfinished work; or close with what there is: the next round takes the cut as it stands"
        )


@photos.group("votes")
def photos_votes() -> None:
    """Jurors' votes."""


@photos_votes.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("votes", type=click.Path(dir_okay=False))
@db_option
@_guard
def photos_votes_import(file: str, votes: str, db: str | None) -> None:
    """Import VOTES.csv (columns round,juror,file,value); all lines or, on a bad one, none."""
    from wikitally.campaign_file import read_file
    from wikitally.services import photos as photo_service

    campaign = load_campaign(file)
    photo_service.contest_of(campaign)
    raw = read_file(votes, votes, photo_service.MAX_VOTES_BYTES)
    store = open_store(db or settings.get("db"))
    count = photo_service.import_votes(campaign, store, votes, raw, datetime.now(UTC))
    click.echo(f"{count} votes imported", err=True)


@photos.command("results")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--round", "number", type=int, required=True, help="The round's number (1 = the first).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "wikitext"]), default="table")
@click.option("--lang", default=None, help="Language of the wikitext (default: the campaign's `language`).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@db_option
@_guard
def photos_results(
    file: str, number: int, fmt: str, lang: str | None, output: str | None, db: str | None
) -> None:
    """A round's ranking, and every file's verdict."""
    import json

    from wikitally.reports import photos as photo_reports
    from wikitally.services import photos as photo_service

    campaign = load_campaign(file)
    t = translator(lang or campaign.language)
    photo_service.round_number(photo_service.contest_of(campaign), number)
    store = open_store(db or settings.get("db"))
    result = photo_service.results(campaign, store, number)
    data = photo_service.results_json(result)
    if fmt == "json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        text = photo_reports.render_csv(data)
    elif fmt == "wikitext":
        text = photo_reports.render_wikitext(data, t, result.round.advance)
    else:
        text = photo_reports.render_table(data)
    _emit(text, output)


@photos.command("export")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--round", "number", type=int, default=None, help="The round whose winners go on (default: the last)."
)
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "wikitext"]), default="csv")
@click.option("--lang", default=None, help="Language of the wikitext (default: the campaign's `language`).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@db_option
@_guard
def photos_export(
    file: str, number: int | None, fmt: str, lang: str | None, output: str | None, db: str | None
) -> None:
    """The list for the international round: the round's top `advance` photos (ties included) with
    uploader, upload time, site ID and label."""
    import json

    from wikitally.reports import photos as photo_reports
    from wikitally.services import photos as photo_service

    campaign = load_campaign(file)
    contest = photo_service.contest_of(campaign)
    if number is not None:
        photo_service.round_number(contest, number)
    store = open_store(db or settings.get("db"))
    data = photo_service.nominated(campaign, store, number)
    if not data["complete"]:
        click.echo(
            f"wikitally: round {data['round']['number']} is not complete (some photos lack votes): "
            "the list may still change",
            err=True,
        )
    if fmt == "json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "wikitext":
        text = photo_reports.render_nominated_wikitext(data, translator(lang or campaign.language))
    else:
        text = photo_reports.render_nominated_csv(data, photo_service.NOMINATED_COLUMNS)
    _emit(text, output)


@photos.command("awards")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--round", "number", type=int, default=None, help="The round whose winners (default: the last)."
)
@click.option("--post", is_flag=True, help="Log in (bot password from the environment) and post.")
@click.option(
    "--tag", "tags", multiple=True, help="Change tag for the edits (repeatable; defined on the wiki)."
)
@click.option("--lang", default=None, help="Messages' language (default: the wiki's, or the campaign's).")
@click.option(
    "--certificates",
    "cert_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Also write each winner's certificate (PDF, their place under the name) into this folder.",
)
@click.option("--organizer", default="", help="Name printed over the certificates' signature line.")
@db_option
@_guard
def photos_awards(
    file: str,
    number: int | None,
    post: bool,
    tags: tuple[str, ...],
    lang: str | None,
    cert_dir: str | None,
    organizer: str,
    db: str | None,
) -> None:
    """Congratulate the uploaders of the round's winning photos ("1st place" …) on their talk pages on the
    contest's wiki; a dry run unless --post, and never twice (a hidden marker)."""
    from wikitally.services import photo_awards
    from wikitally.services import photos as photo_service

    campaign = load_campaign(file)
    contest = photo_service.contest_of(campaign)
    if number is not None:
        photo_service.round_number(contest, number)
    if lang is not None:
        translator(lang)  # an unknown language fails before any work
    bot = bot_password_from_env() if post else None
    store = open_store(db or settings.get("db"))
    if cert_dir is not None:
        t = translator(lang or campaign.language)
        paths = photo_awards.certificates(campaign, store, Path(cert_dir), t, number, organizer=organizer)
        click.echo(f"wrote {len(paths)} certificates to {cert_dir}", err=True)
    results = photo_awards.award(
        campaign,
        store,
        number,
        bot=bot,
        dry_run=not post,
        tags=tags,
        contact=settings.get("contact"),
        on_result=_echo_award,
        language=lang,
    )
    _award_summary(results, post)


if __name__ == "__main__":  # pragma: no cover
    main()
