"""Rewriting a few entries of a reviewer's catalogue while keeping every other byte.

Reviewers' files come from Poedit, Weblate or a text editor, each wrapping lines its own
way, so a catalogue is never re-serialised whole: only the changed entries' blocks are
replaced in the original text (found from polib's entry line numbers), and the result is
parsed back and compared with what was meant before it may replace the file.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path

import polib

from newsloc.base.errors import NewslocError
from newsloc.base.po.conventions import WRAP_WIDTH
from newsloc.base.po.reader import parse_catalogue
from newsloc.base.po.writer import format_entry
from newsloc.translate.errors import UserError


def _blocks(lines: Sequence[str], po: polib.POFile) -> dict[int, tuple[int, int]]:
    """id(entry) -> [start, end) line indexes (0-based) of its block, blank lines excluded."""
    starts = [*sorted({entry.linenum for entry in po if entry.linenum}), len(lines) + 1]
    following = dict(itertools.pairwise(starts))
    blocks: dict[int, tuple[int, int]] = {}
    for entry in po:
        if not entry.linenum:
            continue
        begin, end = entry.linenum - 1, following[entry.linenum] - 1
        while end > begin and not lines[end - 1].strip():
            end -= 1
        blocks[id(entry)] = (begin, end)
    return blocks


_OTHER_COMMENTS = ("#.", "#:", "#,", "#|", "#~")


def _bare(line: str) -> str:
    """The line without indentation: gettext allows spaces and tabs before keywords."""
    return line.lstrip(" \t")


def _is_translator_comment(line: str) -> bool:
    line = _bare(line)
    return line.startswith("#") and not line.startswith(_OTHER_COMMENTS)


def _edit_block(block: list[str], new: polib.POEntry, newline: str) -> list[str]:
    """The entry's lines with only translator comments, flags and msgstr replaced.

    The msgid, references, extracted comments and previous msgid keep the reviewer's own
    wrapping; the replaced parts are written the way msgcat and msgmerge write them
    (translator comments one line each, never wrapped, as GNU gettext keeps them).
    """
    written = format_entry(new)
    comments = [line + newline for line in written if _is_translator_comment(line)]
    flags = [line + newline for line in written if line.startswith("#,")]
    first_msgstr = next(i for i, line in enumerate(written) if line.startswith("msgstr"))
    msgstr = [line + newline for line in written[first_msgstr:]]

    kept = [line for line in block if not _is_translator_comment(line)]
    flag_at = next((i for i, line in enumerate(kept) if _bare(line).startswith("#,")), None)
    kept = [line for line in kept if not _bare(line).startswith("#,")]
    if flag_at is None:
        flag_at = next(
            i for i, line in enumerate(kept) if _bare(line).startswith(("#|", "msgctxt", "msgid"))
        )
    kept[flag_at:flag_at] = flags
    msgstr_at = next(i for i, line in enumerate(kept) if _bare(line).startswith("msgstr"))
    last_ending = block[-1][len(block[-1].rstrip("\r\n")) :]
    edited = comments + kept[:msgstr_at] + msgstr
    edited[-1] = edited[-1].rstrip("\r\n") + last_ending
    return edited


def split_lines(text: str) -> list[str]:
    """Lines with their ends, split at `\\n` only: U+2028, form feeds and the ASCII
    separators inside a string are text, not line ends (`str.splitlines` breaks there)."""
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def splice(text: str, po: polib.POFile, updates: list[tuple[polib.POEntry, polib.POEntry]]) -> str:
    """The original text with only the updated entries' blocks edited."""
    lines = split_lines(text)
    blocks = _blocks(lines, po)
    newline = "\r\n" if text.count("\r\n") * 2 > text.count("\n") else "\n"
    for old, new in sorted(updates, key=lambda pair: blocks[id(pair[0])][0], reverse=True):
        begin, end = blocks[id(old)]
        lines[begin:end] = _edit_block(lines[begin:end], new, newline)
    return "".join(lines)


def verify(
    path: Path, po: polib.POFile, text: str, updates: dict[int, polib.POEntry]
) -> polib.POFile:
    """Parse the spliced text back; it must hold exactly the intended entries."""
    try:
        reread = parse_catalogue(path, text.encode("utf-8"), wrapwidth=WRAP_WIDTH)
    except NewslocError:
        raise UserError(
            f"{path}: could not rewrite its entries safely; the file was left as it is"
        ) from None
    before = list(po)
    after = list(reread)
    fields = ("msgid", "msgstr", "msgctxt", "flags", "tcomment", "comment", "obsolete")
    ok = len(before) == len(after) and reread.metadata == po.metadata
    for old, new in zip(before, after, strict=False):
        if not ok:
            break
        wanted = updates.get(id(old), old)
        ok = all(getattr(wanted, name) == getattr(new, name) for name in fields)
    if not ok:
        raise UserError(f"{path}: could not rewrite its entries safely; the file was left as it is")
    return reread
