"""Reading a notes file: its bytes capped, decoded without a wild guess, bad files as one
NotesError. Light (no database): ``lint`` reads notes with it too."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from dockquiz.errors import NotesError

MAX_NOTES_BYTES = 50 * 1024 * 1024


def decode(data: bytes, shown: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Shift_JIS/CP932; never a wild guess."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise NotesError("error.notes_undecodable", path=shown) from None
    if is_anki_package(data):
        raise NotesError("error.notes_anki_package", path=shown)
    if b"\x00" in data[:8192]:
        raise NotesError("error.notes_binary", path=shown)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError:
        raise NotesError("error.notes_undecodable", path=shown) from None
    # Shift_JIS text about commands is mostly ASCII plus kana/kanji; reject control noise.
    if sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t") > len(text) // 100:
        raise NotesError("error.notes_undecodable", path=shown)
    return text


def is_anki_package(data: bytes) -> bool:
    """An Anki package (``.apkg``, ``.colpkg``): a zip holding an Anki collection."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return any(name.startswith("collection.anki2") for name in package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def read_notes(path: Path) -> tuple[str, str]:
    """Return (text, sha256 of the bytes). Bad files become a NotesError."""
    shown = str(path)
    if not path.exists():
        raise NotesError("error.notes_missing", path=shown)
    if path.is_dir():
        raise NotesError("error.notes_is_dir", path=shown)
    try:
        data = _read_capped(path, shown)
    except PermissionError:
        raise NotesError("error.notes_unreadable", path=shown) from None
    except OSError as exc:
        raise NotesError("error.notes_unreadable", path=shown, reason=exc.strerror or "") from None
    return decode(data, shown), hashlib.sha256(data).hexdigest()


def _read_capped(path: Path, shown: str) -> bytes:
    """The file's bytes, never more than MAX_NOTES_BYTES: a device (/dev/zero) or a stream
    (/dev/stdin) is read up to the cap and refused past it; a FIFO nobody writes to is
    opened without waiting and reads as empty."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        os.set_blocking(fd, True)
        chunks, size = [], 0
        while size <= MAX_NOTES_BYTES:
            chunk = os.read(fd, min(1 << 20, MAX_NOTES_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > MAX_NOTES_BYTES:
        raise NotesError("error.notes_too_big", path=shown)
    return b"".join(chunks)
