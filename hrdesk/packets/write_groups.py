"""Writing a run of packets in groups: all of each packet or none of it, and a group of
packets in one SQLite transaction.

A commit is the dearest step of writing one packet. SQLite copies every page the transaction
touched into the write-ahead log, and the uid indexes (random keys) scatter a packet's few
hundred records over hundreds of pages: at a country's scale a commit per packet spent more time
copying pages than inserting rows. Committed once per group, a page touched by many packets is
copied once.

A packet has no savepoint of its own either: SQLite would copy aside every page the packet
touches that the group changed already, to be able to roll back to the savepoint, and that
was a fifth of the writing. Packets rarely fail once checked, so a failure pays instead: the
group is rolled back and its earlier packets are written again (each packet held in a group
comes with the function that writes it). So, as with a transaction per packet, a packet that
fails leaves nothing and the group's other packets stay. What a group adds: a crash, or a
commit that fails (a full disk), loses the group's packets — each of them wholly — and their
results say so; running the import again imports them (the ones committed before are then
unchanged). Checks of later packets in the same group (another office's uid or PIN, the
office's registered key) saw the group's rows; when the group is lost, the packets judged on
them say so too, and a new run judges them again. A group is committed once it holds
GROUP_SECONDS of writing (or before a copy of one of its packets is reported), so it holds
about a second of work, plus the wait for the next packet's examination.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Generic, TypeVar

from hrdesk import errors
from hrdesk.store import audit
from hrdesk.store.database import Database, translate_sqlite_error

log = logging.getLogger(__name__)

GROUP_SECONDS = 1.0
GROUP_PACKETS = 200

Held = TypeVar("Held")


class WriteGroups(Generic[Held]):
    """untracked: tables whose inserts leave no audit trail row (audit.inserts_untracked),
    for the whole group. Items held with hold() are returned by commit() once the packets they
    stand for are committed, or with the error that lost them."""

    def __init__(self, database: Database, untracked: Sequence[str]) -> None:
        self.database = database
        self.untracked = tuple(untracked)
        self._group: contextlib.ExitStack | None = None
        self._opened_at = 0.0
        self._held: list[tuple[Held, Callable[[], object]]] = []
        self._loss: Exception | None = None  # what made SQLite roll the group back
        self._failed: Exception | None = None  # why the group could not be written again
        self._rewritten = False  # written again after a failed packet: commit it before more

    @contextlib.contextmanager
    def packet(self) -> Iterator[None]:
        """The block writes one packet into the open group (opened if none is). When it fails,
        what it wrote is undone: the group is rolled back and written again without it."""
        if self._group is None:
            self._open()
        try:
            yield
        except Exception as exc:
            error = _translated(exc, self.database.path)
            if self.lost:
                self._loss = error
            else:
                self._write_again()
            if error is not exc:
                raise error from exc
            raise

    def hold(self, item: Held, rewrite: Callable[[], object]) -> None:
        """Keep item for the commit. rewrite: writes the packet again (the same way, into the
        same state of the database) should the group have to be written again."""
        self._held.append((item, rewrite))

    def holds(self, item: Held) -> bool:
        """item waits for the open group's commit."""
        return any(held is item for held, _rewrite in self._held)

    @property
    def lost(self) -> bool:
        """Nothing of the group is in the database any more: SQLite rolled it back itself (it
        may, on a full disk or an I/O error), or it could not be written again."""
        return self._failed is not None or (
            self._group is not None and not self.database.conn.in_transaction
        )

    def due(self) -> bool:
        return (
            self.lost
            or self._rewritten
            or (
                self._group is not None
                and (
                    len(self._held) >= GROUP_PACKETS
                    or time.monotonic() - self._opened_at >= GROUP_SECONDS
                )
            )
        )

    def commit(self) -> tuple[list[Held], Exception | None]:
        """Commit the open group. Returns the items held for it, and None, or the error that
        lost the group (nothing of it is in the database then)."""
        held = [item for item, _rewrite in self._held]
        self._held = []
        group, self._group = self._group, None
        failed, self._failed = self._failed, None
        self._rewritten = False
        if failed is not None:
            if group is not None:  # opened after the loss; nothing of it is held
                self._close_lost(group)
            return held, failed
        if group is None:
            return held, None
        if not self.database.conn.in_transaction:
            self._close_lost(group)
            loss, self._loss = self._loss, None
            return held, loss or sqlite3.OperationalError("the transaction was rolled back")
        try:
            group.close()
        except (errors.HrdeskError, sqlite3.Error) as exc:
            return held, exc
        return held, None

    def abandon(self) -> None:
        """Roll the open group back (the run stopped on an error of its own)."""
        group, self._group = self._group, None
        self._held, self._failed, self._rewritten = [], None, False
        if group is not None:
            self._close_lost(group)

    def _write_again(self) -> None:
        """Roll the group back, undoing a failed packet's writes, and write the packets held in
        it again. If that fails too, the group is lost."""
        group, self._group = self._group, None
        if group is not None:
            self._close_lost(group)  # rolls the transaction back
        if not self._held:
            return
        try:
            self._open()
            for _item, rewrite in self._held:
                rewrite()
            # Committed next, so that packets failing one after another (copies of one
            # office's database, say) each write again only what came since the last.
            self._rewritten = True
        except Exception as exc:
            log.exception("a group of packets could not be written again")
            group, self._group = self._group, None
            if group is not None:
                self._close_lost(group)
            self._failed = exc

    def _open(self) -> None:
        # A failure half-way (a trigger that cannot be dropped) leaves the with-block with the
        # exception, so the transaction is rolled back, not committed without the triggers.
        with contextlib.ExitStack() as group:
            group.enter_context(self.database.transaction())
            group.enter_context(audit.inserts_untracked(self.database, self.untracked))
            self._group = group.pop_all()
        self._opened_at = time.monotonic()

    def _close_lost(self, group: contextlib.ExitStack) -> None:
        # Rolls the group back, unless SQLite did already: the rollback undoes what the group
        # did, the dropped triggers included, and the contexts their bookkeeping (Database's
        # nesting depth).
        with contextlib.suppress(Exception):
            group.__exit__(RuntimeError, RuntimeError("group rolled back"), None)


def _translated(exc: Exception, path: object) -> Exception:
    """A full disk, a locked or read-only database as the error that says so in the user's
    language (Database.transaction does the same for the ordinary writes)."""
    if isinstance(exc, sqlite3.Error):
        return translate_sqlite_error(exc, path) or exc
    return exc
