"""Safe file writes: never a half-written file, never someone else's save overwritten.

Every write goes to a temporary file in the target's folder, is flushed to disk, and then
replaces the target in one rename, so an interrupted run leaves the old file intact.
Writes take an exclusive lock on the target's folder (`flock` on the directory itself, so
no lock file is left behind), clean up temporary files a killed run left there, and,
when the caller says what it read, refuse to replace a file that changed since then (a
reviewer saved it, or another newsloc run wrote it): `WriteConflict`. A symbolic link is
written through: its target changes, the link stays; but when the caller names the folder
the user chose (`within`), a file whose real place (links followed) is outside that folder
is refused before any folder is created or anything written, so a link planted in a cloned
repository cannot aim a write at `~/.bashrc`. New files get the permissions the umask
allows (as `open()` would give them). `write_files` writes several files
all or nothing as far as the disk allows: every temporary file is written before the
first rename, so a full disk or a read-only folder leaves every file as it was.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from newsloc.base.errors import NewslocError, UnreadableFile

#: How long a write waits for another newsloc process to finish writing the same folder.
LOCK_TIMEOUT = 30.0


@dataclass(frozen=True)
class Snapshot:
    """What a file held when it was read: its digest, or None when it did not exist."""

    digest: str | None

    @classmethod
    def of(cls, data: bytes | None) -> Snapshot:
        return cls(None if data is None else hashlib.sha256(data).hexdigest())


class WriteConflict(NewslocError):
    """Files changed on disk since they were read; nothing was written."""

    def __init__(self, paths: Sequence[Path]):
        self.paths = list(paths)
        names = ", ".join(str(path) for path in self.paths)
        super().__init__(
            f"{names}: changed on disk while newsloc was working (saved by someone else?); "
            "nothing was written, run the command again"
        )


@dataclass(frozen=True)
class PlannedWrite:
    """One file to write; `expected` (when given) is what it must still hold."""

    path: Path
    data: bytes
    expected: Snapshot | None = None
    #: The folder the user named that this file must land in, when it is not the one
    #: `write_files` was given (editions go to `--out`, their record to `--locales`).
    within: Path | None = None


def write_error(path: Path, exc: OSError, done: Sequence[Path] = ()) -> NewslocError:
    """One line for a failed write, saying what was and was not written."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    if exc.errno == errno.EPERM:
        reason += " (an immutable folder or file?)"
    if done:
        written = ", ".join(str(p) for p in done)
        return NewslocError(f"{path}: cannot write: {reason}; already written: {written}")
    return NewslocError(f"{path}: cannot write: {reason}; nothing was written")


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None when it does not exist.

    Something other than a regular file (a FIFO would block forever, a device never end)
    is a one-line NewslocError, checked before it is opened.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UnreadableFile(path, f"cannot read it ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise NewslocError(f"{path}: is a directory; give a file name")
    if not stat.S_ISREG(info.st_mode):
        raise NewslocError(f"{path}: not a regular file (a FIFO, socket or device); not read")
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def read_user_bytes(path: str | os.PathLike[str], kind: str = "file") -> bytes:
    """The bytes of a file the user named, or `UnreadableFile` saying in one line why not.

    `kind` ("glossary file", "catalogue") names the file in the messages. A FIFO or a
    device is refused before it is opened: reading it would block or never end.
    """
    path = Path(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableFile(path, f"is a directory, not {_article(kind)} {kind}")
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(path, "not a regular file (a FIFO, socket or device)")
        return path.read_bytes()
    except FileNotFoundError:
        raise UnreadableFile(path, f"no such {kind}") from None
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise UnreadableFile(path, f"cannot read the {kind} ({reason})") from None


def read_user_text(path: str | os.PathLike[str], kind: str = "file", empty_ok: bool = True) -> str:
    """A file the user named as UTF-8 text (a BOM is dropped), or `UnreadableFile`."""
    text = decode_user_text(path, read_user_bytes(path, kind))
    if not empty_ok and not text.strip():
        raise UnreadableFile(path, f"the {kind} is empty")
    return text


def decode_user_text(path: str | os.PathLike[str], data: bytes) -> str:
    """`data` (read from `path`) as UTF-8 text without a BOM, or `UnreadableFile`."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(
            path,
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8",
        ) from None


def _article(kind: str) -> str:
    return "an" if kind[:1] in "aeiou" else "a"


def real_target(path: Path, within: Path | None = None) -> Path:
    """Where writing `path` lands: symbolic links followed; only regular files.

    With `within`, the real place must be inside that folder (also followed), or a one-line
    NewslocError says where the links lead and nothing is written.
    """
    target = Path(os.path.realpath(path))
    if within is not None:
        root = Path(os.path.realpath(within))
        if target != root and root not in target.parents:
            raise NewslocError(
                f"{path}: leads outside {within} (to {target}, through a symbolic link); "
                "not written"
            )
    try:
        info = target.stat()
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise write_error(path, exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise NewslocError(f"{path}: is a directory; give a file name")
    if not stat.S_ISREG(info.st_mode):
        raise NewslocError(f"{path}: not a regular file (a device, FIFO or socket); not written")
    return target


@contextmanager
def _locked(folders: Sequence[Path]) -> Iterator[None]:
    """Exclusive locks on the folders (in a fixed order, so two runs never deadlock)."""
    handles: list[int] = []
    try:
        for folder in sorted(set(folders)):
            try:
                handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            except OSError:
                continue  # cannot even open it: the write itself will say why
            handles.append(handle)
            deadline = time.monotonic() + LOCK_TIMEOUT
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise NewslocError(
                            f"{folder}: another newsloc run is writing here; try again later"
                        ) from None
                    time.sleep(0.05)
                except OSError:
                    break  # a file system without locks: write without
        yield
    finally:
        for handle in handles:
            os.close(handle)


#: The random part `tempfile.mkstemp` puts in a name (8 characters of this alphabet).
_TEMP_MIDDLE = re.compile(r"[a-z0-9_]{8}")


def _is_temp_of(name: str, target: Path) -> bool:
    """Whether `name` is one of `_mkstemp(target)`'s names: exact text, no pattern, so a
    target called `*` or `**` matches only its own temporary files."""
    prefix, suffix = f".{target.name}.", ".tmp"
    if not (name.startswith(prefix) and name.endswith(suffix)):
        return False
    return _TEMP_MIDDLE.fullmatch(name[len(prefix) : len(name) - len(suffix)]) is not None


def _clean_stale(target: Path) -> None:
    """Temporary files of this target left by a killed run (safe: we hold the lock)."""
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    for name in names:
        if _is_temp_of(name, target):
            with suppress(OSError):
                (target.parent / name).unlink()


def _umask() -> int:
    """The process's umask (read by setting it and back: there is no other portable way)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _write_temp(target: Path, data: bytes) -> str:
    mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask()
    fd = -1
    name = ""
    try:
        fd, name = _mkstemp(target)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
        os.fchmod(fd, mode)
    except BaseException:
        if fd >= 0:
            os.close(fd)
            fd = -1
        if name:
            Path(name).unlink(missing_ok=True)
        raise
    finally:
        if fd >= 0:
            os.close(fd)
    return name


def _mkstemp(target: Path) -> tuple[int, str]:
    return tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)


def _make_folder(path: Path, folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise NewslocError(f"{folder}: exists and is not a folder; cannot write {path}") from None
    except OSError as exc:
        raise write_error(path, exc) from None


def write_files(plans: Sequence[PlannedWrite], within: Path | None = None) -> None:
    """Write every planned file, or none when a check or a temporary write fails.

    Raises WriteConflict when a file no longer holds what `expected` says, and a one-line
    NewslocError saying what was and was not written when the disk refuses. With `within`
    (the folder the user named), every file must really land inside it (`real_target`);
    a plan's own `within` names its folder instead.
    """
    targets = [real_target(plan.path, plan.within or within) for plan in plans]
    for plan, target in zip(plans, targets, strict=True):
        _make_folder(plan.path, target.parent)
    with _locked([target.parent for target in targets]):
        temps: list[str] = []
        try:
            for plan, target in zip(plans, targets, strict=True):
                _clean_stale(target)
                try:
                    temps.append(_write_temp(target, plan.data))
                except OSError as exc:
                    raise write_error(plan.path, exc) from None
            # Checked last, just before the renames, so the window in which a reviewer's
            # save could slip in unseen is as short as the file system allows.
            changed = [
                plan.path
                for plan, target in zip(plans, targets, strict=True)
                if plan.expected is not None and Snapshot.of(read_bytes(target)) != plan.expected
            ]
            if changed:
                raise WriteConflict(changed)
            done: list[Path] = []
            for plan, target, temp in zip(plans, targets, temps, strict=True):
                try:
                    os.replace(temp, target)
                except OSError as exc:
                    raise write_error(plan.path, exc, done) from None
                done.append(plan.path)
        finally:
            for temp in temps:
                Path(temp).unlink(missing_ok=True)
        for folder in sorted({target.parent for target in targets}):
            _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    with suppress(OSError):
        handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def atomic_write_bytes(
    path: str | os.PathLike[str],
    data: bytes,
    expected: Snapshot | None = None,
    within: Path | None = None,
) -> None:
    """Replace `path` with `data` in one rename, keeping the old file's permissions; with
    `within`, only when the file really lands inside that folder (see `write_files`)."""
    write_files([PlannedWrite(Path(path), data, expected)], within)


def atomic_write_text(
    path: str | os.PathLike[str],
    text: str,
    expected: Snapshot | None = None,
    within: Path | None = None,
) -> None:
    """Write UTF-8 text atomically (see `atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode("utf-8"), expected, within)
