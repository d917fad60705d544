"""Catalogue files on disk: where they live, strict reading, and atomic, quiet writing."""

from __future__ import annotations

import re
from pathlib import Path

import polib

from newsloc.glossary.errors import GlossaryError
from newsloc.glossary.fileio import atomic_write_text
from newsloc.glossary.gettext import read_catalogue
from newsloc.translate.errors import UserError


def catalog_path(out: Path, domain: str, language: str | None) -> Path:
    """Where the template (language None) or a language's catalogue lives."""
    if language is None:
        return out / f"{domain}.pot"
    return out / language / "LC_MESSAGES" / f"{domain}.po"


def load_catalog(path: Path) -> polib.POFile:
    """Read a .po/.pot file strictly (`glossary.gettext`), or a one-line UserError."""
    if not path.exists():
        raise UserError(f"{path}: no such catalogue")
    try:
        return read_catalogue(path)
    except GlossaryError as exc:
        raise UserError(str(exc)) from None


_VOLATILE = re.compile(r'^"(?:POT-Creation-Date|PO-Revision-Date): .*\\n"\n', re.MULTILINE)


def translator_comment_line(comment: str) -> str:
    """One line of a translator comment as it stands in a .po file."""
    return f"# {comment}" if comment else "#"


def catalogue_text(po: polib.POFile) -> str:
    """The catalogue as polib writes it, except that translator comments are one line each,
    never wrapped.

    polib wraps a long translator comment into several lines, which read back as a
    different comment: `apply` would then leave the tail of an old `glossary:` comment
    behind. GNU gettext never rewraps translator comments either.
    """
    comments: dict[str, str] = {}
    saved: list[tuple[polib.POEntry, str]] = []
    try:
        for number, entry in enumerate(po):
            if entry.tcomment:
                placeholder = f"\x00{number}\x00"
                comments[placeholder] = entry.tcomment
                saved.append((entry, entry.tcomment))
                entry.tcomment = placeholder
        text = str(po)
    finally:
        for entry, comment in saved:
            entry.tcomment = comment
    for placeholder, comment in comments.items():
        lines = "\n".join(translator_comment_line(line) for line in comment.split("\n"))
        text = text.replace(f"# {placeholder}", lines, 1)
    return text


def save_catalog(po: polib.POFile, path: Path) -> bool:
    """Write atomically; leave the file untouched when only the timestamps would change.

    Returns whether the file was written.
    """
    text = catalogue_text(po)
    if not text.endswith("\n"):
        text += "\n"
    if path.exists():
        old = path.read_text(encoding="utf-8", errors="replace")
        if _VOLATILE.sub("", old) == _VOLATILE.sub("", text):
            return False
    atomic_write_text(path, text)
    return True
