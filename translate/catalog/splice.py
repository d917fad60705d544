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

from newsloc.glossary.gettext import WRAP_WIDTH
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


def _is_translator_comment(line: str) -> bool:
    return line.startswith("#") and not line.startswith(_OTHER_COMMENTS)


def translator_comment_line(comment: str) -> str:
    """One line of a translator comment as it stands in a .po file."""
    return f"# {comment}" if comment else "#"


def _edit_block(block: list[str], new: polib.POEntry, newline: str) -> list[str]:
    """The entry's lines with only translator comments, flags and msgstr replaced.

    The msgid, references, extracted comments and previous msgid keep the reviewer's own
    wrapping; flags and msgstr are written the way polib (and msgmerge) write them.
    Translator comments are written one line each, never wrapped: polib wraps a long one
    into several lines, which read back as a different comment (and GNU gettext keeps
    translator comments as they are too).
    """
    written = new.__unicode__(wrapwidth=WRAP_WIDTH).rstrip("\n").split("\n")
    comments = [translator_comment_line(line) + newline for line in new.tcomment.split("\n")]
    if not new.tcomment:
        comments = []
    flags = [line + newline for line in written if line.startswith("#,")]
    first_msgstr = next(i for i, line in enumerate(written) if line.startswith("msgstr"))
    msgstr = [line + newline for line in written[first_msgstr:]]

    kept = [line for line in block if not _is_translator_comment(line)]
    flag_at = next((i for i, line in enumerate(kept) if line.startswith("#,")), None)
    kept = [line for line in kept if not line.startswith("#,")]
    if flag_at is None:
        flag_at = next(
            i for i, line in enumerate(kept) if line.startswith(("#|", "msgctxt", "msgid"))
        )
    kept[flag_at:flag_at] = flags
    msgstr_at = next(i for i, line in enumerate(kept) if line.startswith("msgstr"))
    last_ending = block[-1][len(block[-1].rstrip("\r\n")) :]
    edited = comments + kept[:msgstr_at] + msgstr
    edited[-1] = edited[-1].rstrip("\r\n") + last_ending
    return edited


def splice(text: str, po: polib.POFile, updates: list[tuple[polib.POEntry, polib.POEntry]]) -> str:
    """The original text with only the updated entries' blocks edited."""
    lines = text.splitlines(keepends=True)
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
    reread = polib.pofile(text, wrapwidth=WRAP_WIDTH)
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
