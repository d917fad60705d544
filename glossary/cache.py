"""What loading a glossary costs only once: the validated glossary and its target indexes,
kept in memory and on disk, keyed by the glossary file's content.

A large glossary (tens of thousands of concepts) takes seconds to parse and validate, and
each target language's index as long again; both depend on nothing but the file's text,
the newsloc version and the code that builds them. So the first command that loads a file
keeps the result, and later commands read it back in a fraction of the time:

- in memory, for the rest of the process (a test suite, a long run loading one file often);
- on disk, under the user's cache folder (`~/.cache/newsloc/glossary` on Linux, the
  platform's own elsewhere, or `$NEWSLOC_CACHE_DIR/glossary`); `NEWSLOC_NO_CACHE=1` turns
  the disk cache off.

The disk cache holds pickles, so it trusts nothing it did not make: its folder is created
private (mode 0700) and used only while it is owned by this user and closed to others;
each file is opened without following links, must be this user's and must start with the
key it was stored under. A file that is unreadable, corrupt or foreign is ignored and
rebuilt; a cache that cannot be written is skipped. Writes are atomic (a temporary file
renamed), so a reader never sees half a file. Only the newest entries are kept.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import stat
import sys
import tempfile
import weakref
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import cache, partial
from pathlib import Path

from newsloc.base.version import newsloc_version

#: The folder the disk cache goes under (instead of the user's cache folder).
DIR_VARIABLE = "NEWSLOC_CACHE_DIR"
#: Set to 1 to turn the disk cache off.
OFF_VARIABLE = "NEWSLOC_NO_CACHE"
#: Entries kept on disk; the least recently used go first.
DISK_ENTRIES = 24
#: Glossaries kept in memory.
MEMORY_ENTRIES = 4

#: New objects a load leaves behind above which they are frozen (`quiet_gc`); the curated
#: glossary makes about 10,000, one of 5,000 concepts about 80,000.
SETTLED_OBJECTS = 50_000

_MAGIC = b"newsloc glossary cache\n"
_memory: OrderedDict[str, object] = OrderedDict()


@cache
def _code_fingerprint() -> str:
    """The newsloc version and a digest of the glossary package's code, so a cache made by
    other code (another version, an edited checkout) is never read."""
    digest = hashlib.sha256(newsloc_version().encode())
    digest.update(f"{sys.version_info[:2]} {pickle.HIGHEST_PROTOCOL}".encode())
    package = Path(__file__).resolve().parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        with suppress(OSError):
            digest.update(source.read_bytes())
    return digest.hexdigest()


def content_key(text: str) -> str:
    """The key of everything built from a glossary file's text (and nothing else)."""
    digest = hashlib.sha256(_code_fingerprint().encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def derived_key(key: str, *parts: str) -> str:
    """A key for something built from `key`'s content and `parts` (a path, a language)."""
    return hashlib.sha256("\0".join((key, *parts)).encode("utf-8", "surrogatepass")).hexdigest()


# -- in memory -------------------------------------------------------------------


def remembered(key: str) -> object | None:
    """What `remember` kept under `key` in this process, or None."""
    value = _memory.get(key)
    if value is not None:
        _memory.move_to_end(key)
    return value


def forget_all() -> None:
    """Empty the in-memory cache (the disk cache stays)."""
    _memory.clear()


def remember(key: str, value: object) -> None:
    _memory[key] = value
    _memory.move_to_end(key)
    while len(_memory) > MEMORY_ENTRIES:
        _memory.popitem(last=False)


_keys: dict[int, tuple[weakref.ref[object], str]] = {}


def tag(owner: object, key: str) -> None:
    """Record that `owner` (a glossary) was built from content with `key`."""
    _keys[id(owner)] = (weakref.ref(owner, partial(_untag, _keys, id(owner))), key)


def key_of(owner: object) -> str | None:
    """The content key `tag` recorded for `owner`, or None (built from no known file)."""
    entry = _keys.get(id(owner))
    return entry[1] if entry is not None and entry[0]() is owner else None


def _untag(keys: dict[int, tuple[weakref.ref[object], str]], ident: int, ref: object) -> None:
    entry = keys.get(ident)
    if entry is not None and entry[0] is ref:
        del keys[ident]


# -- on disk ---------------------------------------------------------------------


def directory() -> Path | None:
    """The disk cache's private folder, made if need be; None when the cache is off or
    the folder is not safe to read pickles from."""
    if os.environ.get(OFF_VARIABLE, "").strip() not in ("", "0"):
        return None
    if not hasattr(os, "getuid"):  # ownership cannot be checked: no disk cache
        return None
    base = os.environ.get(DIR_VARIABLE)
    if not base:
        import platformdirs

        base = platformdirs.user_cache_dir("newsloc")
    folder = Path(base) / "glossary"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        status = folder.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(status.st_mode) or status.st_uid != os.getuid():
        return None
    if stat.S_IMODE(status.st_mode) & 0o077:
        return None  # others may write (or read) there: not ours alone
    return folder


def load(key: str, kind: type) -> object | None:
    """The object stored under `key` if it is an instance of `kind`, else None."""
    folder = directory()
    if folder is None:
        return None
    path = folder / key
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode) or status.st_uid != os.getuid():
            return None
        with os.fdopen(handle, "rb") as file:
            handle = -1
            header = _MAGIC + key.encode() + b"\n"
            if file.read(len(header)) != header:
                return None
            value = _unpickle(file.read())
    except Exception:  # a corrupt file: rebuilt, never trusted
        return None
    finally:
        if handle >= 0:
            os.close(handle)
    if not isinstance(value, kind):
        return None
    with suppress(OSError):
        os.utime(path)  # recently used
    return value


def _unpickle(data: bytes) -> object:
    with quiet_gc():
        return pickle.loads(data)


@contextmanager
def quiet_gc() -> Iterator[None]:
    """No cyclic garbage collection inside: for building or reading back a glossary or an
    index, millions of small objects that hold no cycles, which the collector would
    otherwise walk again and again as they are made.

    When the block leaves many new objects behind (a large glossary: tens of thousands of
    concepts), they are moved out of the collector's sight for good (`gc.freeze`): they
    live as long as the process, and every later collection would walk them all again for
    nothing (at 20,000 concepts that was a third of a `glossary check`). Objects freed by
    reference counting are freed as before; only reference cycles alive at that moment
    would wait for the end of the process, and a small glossary never gets there.
    """
    enabled = gc.isenabled()
    before = gc.get_count()[0]
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_count()[0] - before > SETTLED_OBJECTS:
                gc.freeze()
            gc.enable()


def store(key: str, value: object) -> None:
    """Keep `value` under `key`, atomically; a cache that cannot be written is skipped."""
    folder = directory()
    if folder is None:
        return
    name = ""
    try:
        data = _MAGIC + key.encode() + b"\n" + pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        handle, name = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(name, folder / key)
        name = ""
        _prune(folder)
    except Exception:  # a cache is an optimisation: it never fails the command
        pass
    finally:
        if name:
            with suppress(OSError):
                os.unlink(name)


def _prune(folder: Path) -> None:
    entries = []
    for entry in os.scandir(folder):
        with suppress(OSError):
            if entry.is_file(follow_symlinks=False):
                entries.append((entry.stat(follow_symlinks=False).st_mtime, entry.path))
    entries.sort(reverse=True)
    for _, path in entries[DISK_ENTRIES:]:
        with suppress(OSError):
            os.unlink(path)
