"""Errors the user can act on. Each carries a message in the user's language.

Anything else that goes wrong is a bug and is reported as such by the caller (crash dialog,
exit code 3 on the command line).
"""

from __future__ import annotations

from hrdesk.i18n import _


class HrdeskError(Exception):
    """A problem of the environment or the input, explained to the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StoreError(HrdeskError):
    pass


class DatabaseLocked(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(
            _("The database {path} is in use by another copy of hrdesk. Close it and try again.")
            .format(path=path)
        )


class DatabaseReadOnly(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(
            _("The database {path} cannot be written (read-only file or folder). "
              "Copy it to a folder you can write to, or ask the administrator for access.")
            .format(path=path)
        )


class DiskFull(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(
            _("The disk holding {path} is full. Nothing was saved; free some space and try again.")
            .format(path=path)
        )


class NotHrdeskDatabase(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(
            _("The file {path} is not an hrdesk database.").format(path=path)
        )


class DatabaseMissing(NotHrdeskDatabase):
    def __init__(self, path: object) -> None:
        StoreError.__init__(
            self,
            _("The database {path} does not exist. Check the path and the folder.").format(path=path),
        )


class BackupNotWritable(DatabaseReadOnly):
    def __init__(self, path: object) -> None:
        StoreError.__init__(
            self,
            _("The backup cannot be written to {path}: the folder does not exist or cannot be "
              "written (a write-protected USB stick?). Choose another place.").format(path=path),
        )


class DatabaseDamaged(StoreError):
    def __init__(self, path: object, detail: str) -> None:
        super().__init__(
            _("The database {path} is damaged ({detail}). Restore it from a backup.")
            .format(path=path, detail=detail)
        )


class DatabaseTooNew(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(
            _("The database {path} was made by a newer version of hrdesk. Update the program.")
            .format(path=path)
        )


class NotSetUp(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(
            _("The database {path} has not been set up yet. Run the setup first "
              "(hrdesk init, or start the program).").format(path=path)
        )


class ValidationFailed(HrdeskError):
    """Input that breaks the rules; problems name the fields."""

    def __init__(self, problems: list) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


class NotFound(HrdeskError):
    pass


class InputFileError(HrdeskError):
    """A file the user gave that cannot be read (wrong format, broken, unreadable)."""
