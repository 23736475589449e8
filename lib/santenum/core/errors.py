"""Exceptions raised by santenum; the CLI turns them into one-line messages and exit codes."""


class SantenumError(Exception):
    """Base class; ``exit_code`` is what the command line returns."""

    exit_code = 1


class InputError(SantenumError):
    """A raw file or its configuration cannot be used as given."""

    exit_code = 2

    def __init__(self, path, problem):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class NothingRead(InputError):
    """No file of a raw folder could be read: each one's problem is in `unread` (exit 2)."""

    def __init__(self, path, unread):
        self.unread = unread
        super().__init__(path, f"none of its {len(unread)} files could be read (listed above)")


class Question(InputError):
    """A file santenum cannot read right without the analyst: which columns compete, and the
    source.yml lines (`settle`) that decide."""

    def __init__(self, path, problem, settle: str):
        self.settle = settle
        super().__init__(path, problem)


class ConservationError(SantenumError):
    """Rows read do not equal rows kept + merged + rejected."""


class SchemaError(SantenumError):
    """The company table does not satisfy its schema."""


class ReportError(SantenumError):
    """A report could not be produced (a kernel, the browser that prints PDFs)."""
