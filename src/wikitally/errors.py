"""wikitally's own errors; the CLI maps them to one line and exit code 2 (user errors) or 1 (faults)."""


class WikitallyError(Exception):
    """Base of every error wikitally reports to a user as one line."""

    exit_code = 1


class CampaignFileError(WikitallyError):
    """The campaign file is wrong: names the file, the field and the fix."""

    exit_code = 2

    def __init__(self, source: str, field: str, problem: str, fix: str = "") -> None:
        self.source, self.field, self.problem, self.fix = source, field, problem, fix
        where = f"{source}: {field}" if field else source
        super().__init__(f"{where}: {problem}" + (f"; {fix}" if fix else ""))


class UsageError(WikitallyError):
    """A bad command-line argument or environment setting."""

    exit_code = 2


class SourceError(WikitallyError):
    """A wiki did not answer as it should (after retries), or answered something malformed."""

    def __init__(self, message: str, code: str = "") -> None:
        super().__init__(message)
        self.code = code


class StoreError(WikitallyError):
    """The database cannot be opened or used."""

    exit_code = 2
