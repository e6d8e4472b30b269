"""Backups of an SQLite database, as Anki keeps them: SQLite's online backup API gives a
consistent copy even while another process answers cards; automatic copies go to a
``backups`` folder beside the database (before every upgrade, and once a day on first use),
and only the newest N stay. Restoring checks the file first, backs up the current database,
then copies the backup in through the same API (SQLite's locks keep other processes out
while it does, and a WAL database stays whole).
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from dockquiz.errors import StorageError
from dockquiz.settings import DEFAULT_KEEP  # noqa: F401 - a profile's setting, said once there
from dockquiz.storage.db import inspect_sqlite_file, read_only_uri, storage_error

BUSY_MS = 10_000
_NAME = re.compile(r"^(?P<stem>.+)-(?P<when>\d{8}-\d{6})(?:-(?P<why>[a-z0-9-]+))?\.db$")


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


@dataclass
class BackupFile:
    path: Path
    taken: datetime  # local time in the name
    reason: str  # "" (asked for), "daily", "before-0006", "before-restore"
    size: int


def list_backups(db_path: Path) -> list[BackupFile]:
    """This database's backups in its backups folder, newest first."""
    folder = backups_dir(db_path)
    found: list[BackupFile] = []
    if not folder.is_dir():
        return found
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match and match.group("stem") == db_path.stem and entry.is_file():
            taken = datetime.strptime(match.group("when"), "%Y%m%d-%H%M%S")
            found.append(BackupFile(entry, taken, _reason(match.group("why")), entry.stat().st_size))
    return sorted(found, key=lambda b: (b.taken, b.path.name), reverse=True)


def _reason(why: str | None) -> str:
    """The reason in a backup's name, less the counter of a second backup in one second:
    ``2`` → "" (asked for), ``daily-2`` → daily, ``before-0006-2`` → before-0006."""
    if not why or why.isdigit():
        return ""
    head, _, tail = why.rpartition("-")
    return head if tail.isdigit() and (head == "daily" or head.startswith("before-")) else why


def copy_database(source: Path, dest: Path, *, shown: str) -> None:
    """A consistent copy of ``source`` at ``dest``, written beside it and renamed into place.
    What the copy leaves on a failure (its journal too) goes; what a killed copy left goes on
    the next one (clean_stale). A failure to write says the destination; to read, the source."""
    clean_stale(dest.parent, lambda name: name == dest.name or _ours(name, source))
    tmp = dest.with_name(f".{dest.name}.tmp-{os.getpid()}")
    try:
        try:
            src = sqlite3.connect(read_only_uri(source), uri=True, timeout=BUSY_MS / 1000)
        except sqlite3.Error as exc:
            raise storage_error(exc, shown) from None
        try:
            try:
                out = sqlite3.connect(tmp)
            except sqlite3.Error as exc:
                raise _cannot_write(dest, exc) from None
            try:
                src.backup(out)
            except sqlite3.Error as exc:
                if _about_destination(exc):
                    raise _cannot_write(dest, exc) from None
                raise storage_error(exc, shown) from None
            finally:
                out.close()
        finally:
            src.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise StorageError("error.backup_full", path=str(dest)) from None
        raise StorageError("error.backup_cannot_write", path=str(dest), reason=exc.strerror or str(exc)) from None
    finally:
        for leftover in (tmp, *(tmp.with_name(tmp.name + side) for side in _SIDE_FILES)):
            leftover.unlink(missing_ok=True)


_SIDE_FILES = ("-journal", "-wal", "-shm")
_TMP = re.compile(r"^\.(?P<name>.+)\.tmp-(?P<pid>\d+)(?P<side>-journal|-wal|-shm)?$")


def _about_destination(exc: sqlite3.Error) -> bool:
    """The source is read through a read-only connection: a full disk, an I/O error or a
    read-only file during the copy are the destination's."""
    low = str(exc).lower()
    return any(word in low for word in ("full", "disk i/o", "readonly", "read-only", "unable to open"))


def _cannot_write(dest: Path, exc: sqlite3.Error) -> StorageError:
    if "full" in str(exc).lower():
        return StorageError("error.backup_full", path=str(dest))
    return StorageError("error.backup_cannot_write", path=str(dest), reason=str(exc))


def _ours(name: str, source: Path) -> bool:
    """A name our automatic backups of ``source`` take (``d-20261128-090000-daily.db``)."""
    match = _NAME.match(name)
    return bool(match) and match.group("stem") == source.stem


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's: alive
        return True
    return True


def clean_stale(folder: Path, ours) -> None:
    """Remove the hidden temporary files a killed copy left in ``folder``, and only those: a
    name we make (``.NAME.tmp-PID``, or its ``-journal``, ``-wal``, ``-shm``) for a target
    ``ours(NAME)`` accepts, of a process that is gone, a regular file holding an SQLite
    database or nothing yet."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        match = _TMP.match(entry.name)
        if not match or not ours(match.group("name")):
            continue
        pid = int(match.group("pid"))
        if pid == os.getpid() or _alive(pid):
            continue
        try:
            if entry.is_symlink() or not entry.is_file():
                continue
            if not match.group("side"):
                with open(entry, "rb") as fh:
                    head = fh.read(16)
                if head and head != b"SQLite format 3\x00":
                    continue
            entry.unlink()
        except OSError:
            continue


def backup(
    db_path: Path, dest: Path | None, now: datetime, *, reason: str = "", force: bool = False, keep: int | None = None
) -> Path:
    """Back up the database to ``dest`` (default: the backups folder). Automatic backups
    (a ``reason``) prune the folder to the newest ``keep``."""
    if dest is None:
        folder = backups_dir(db_path)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError("error.backup_cannot_write", path=str(folder), reason=exc.strerror or str(exc)) from None
        suffix = f"-{reason}" if reason else ""
        dest = folder / f"{db_path.stem}-{now.strftime('%Y%m%d-%H%M%S')}{suffix}.db"
        n = 1
        while dest.exists():  # two in one second: keep both
            n += 1
            dest = folder / f"{db_path.stem}-{now.strftime('%Y%m%d-%H%M%S')}{suffix}-{n}.db"
    elif dest.exists() and not force:
        raise StorageError("error.backup_exists", path=str(dest))
    elif dest.is_dir():
        raise StorageError("error.backup_cannot_write", path=str(dest), reason="is a folder")
    copy_database(db_path, dest, shown=str(db_path))
    if reason:
        prune(db_path, keep if keep is not None else DEFAULT_KEEP)
    return dest


def prune(db_path: Path, keep: int) -> None:
    """Keep the newest ``keep`` automatic backups; a backup the learner asked for (no reason
    in its name) is theirs, never pruned."""
    automatic = [b for b in list_backups(db_path) if b.reason]
    for old in automatic[max(keep, 1) :]:
        old.path.unlink(missing_ok=True)


def daily_due(db_path: Path, day_start: datetime) -> bool:
    """No backup of this database since the study day began (local time)."""
    newest = next(iter(list_backups(db_path)), None)
    return newest is None or newest.taken < day_start.replace(tzinfo=None)


def keep_setting(db_path: Path, profile: str | None = None) -> int:
    """``dockquiz config backups N`` of the profile the command is for (``profile``, else as
    profiles.whose says): read straight from the file (before any ORM is loaded)."""
    import json

    from dockquiz.settings import ProfileSettings
    from dockquiz.storage.profiles import LEGACY_PROFILE, whose

    try:
        conn = sqlite3.connect(read_only_uri(db_path), uri=True, timeout=BUSY_MS / 1000)
        try:
            rows = dict(conn.execute("SELECT name, settings FROM profile").fetchall())
        finally:
            conn.close()
        raw = rows.get(whose(profile, LEGACY_PROFILE in rows))
        return ProfileSettings.from_dict(json.loads(raw) if raw else None).backups  # damaged: the default
    except (sqlite3.Error, ValueError):
        return DEFAULT_KEEP


def check_backup(path: Path) -> None:
    """A file fit to restore: a dockquiz database of a revision this version knows, whole."""
    shown = str(path)
    if not path.is_file():
        raise StorageError("error.backup_missing", path=shown)
    if inspect_sqlite_file(path, shown) != "ours":
        raise StorageError("error.db_not_dockquiz", path=shown, reason="empty")
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_MS / 1000)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            conn.execute("SELECT count(*) FROM card").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise storage_error(exc, shown) from None
    if result != "ok":
        raise StorageError("error.db_corrupt", path=shown, reason=result)


def restore(db_path: Path, source: Path, now: datetime, profile: str | None = None) -> Path:
    """Replace the database with ``source``; returns the backup of what it held before."""
    check_backup(source)
    saved = (
        backup(db_path, None, now, reason="before-restore", keep=max(keep_setting(db_path, profile), 2))
        if db_path.exists() and db_path.stat().st_size
        else None
    )
    try:
        src = sqlite3.connect(read_only_uri(source), uri=True, timeout=BUSY_MS / 1000)
        try:
            live = sqlite3.connect(db_path, timeout=BUSY_MS / 1000)
            try:
                src.backup(live)
            finally:
                live.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise storage_error(exc, str(db_path)) from None
    return saved or db_path
