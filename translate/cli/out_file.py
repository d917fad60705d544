"""`--out FILE` of the glossary exchange commands: checked before anything is written.

An export is written atomically (temporary file + rename). The rename would turn a device
into a regular file (as root, `--out /dev/null` replaced /dev/null), fails on a folder, and
silently replaces a reviewer's catalogue; so the target is checked first, and a write the
disk refuses is one line too. Writing to stdout (no `--out`) is the way to pipe or discard.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from contextlib import suppress
from pathlib import Path

from newsloc.base.errors import NewslocError
from newsloc.translate.errors import UserError


def check_out_file(out: Path, force: bool, source: Path | None = None) -> None:
    """Refuse an --out that is a folder, not a regular file, the input, or (without --force)
    an existing file; `source` is the file the command reads."""
    try:
        info = out.stat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _cannot_write(out, exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise UserError(f"{out}: is a directory; give a file name")
    if not stat.S_ISREG(info.st_mode):
        raise UserError(
            f"{out}: not a regular file (a device, FIFO or socket); not written "
            "(leave out --out to write to stdout)"
        )
    if source is not None and _same_file(out, source):
        raise UserError(f"{out}: is the file being read; give another --out")
    if not force:
        raise UserError(f"{out}: already exists; use --force to replace it")


def write_out_file(out: Path, text: str, force: bool, source: Path | None = None) -> None:
    """Check `out` (see `check_out_file`), then write `text` atomically, or say why not."""
    from newsloc.base.files import atomic_write_text

    check_out_file(out, force, source)
    try:
        atomic_write_text(out, text)
    except NewslocError:
        raise
    except OSError as exc:
        raise _cannot_write(out, exc) from None


def write_stdout(text: str) -> None:
    """Write `text` to stdout, or say in one line why it cannot be (closed, disk full).

    A closed pipe (`| head`) is left to the CLI's usual quiet exit. Otherwise what stays
    buffered can never be written, so stdout is pointed at /dev/null: the interpreter's own
    flush at exit must not print a second error.
    """
    if sys.stdout is None:
        raise UserError("stdout is closed; give --out FILE")
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            raise
        with suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise UserError(f"cannot write to stdout: {exc.strerror or exc}") from None


def _cannot_write(out: Path, exc: OSError) -> UserError:
    return UserError(f"{out}: cannot write: {exc.strerror or exc}; nothing was written")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
