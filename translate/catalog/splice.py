"""Rewriting a few entries of a reviewer's catalogue while keeping every other byte.

Reviewers' files come from Poedit, Weblate or a text editor, each wrapping lines its own
way, so a catalogue is never re-serialised whole: only the changed entries' blocks are
replaced in the original text (found from polib's entry line numbers), and each edited
block is read back and compared with what was meant before the result may replace the file.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import polib

from newsloc.base.errors import NewslocError
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


@dataclass(frozen=True)
class Edit:
    """One entry's block replaced: old lines [begin, end) (0-based) become `lines`."""

    begin: int
    end: int
    lines: list[str]
    entry: polib.POEntry  # what the new block must read back as


def plan_edits(
    lines: Sequence[str], po: polib.POFile, updates: list[tuple[polib.POEntry, polib.POEntry]]
) -> list[Edit]:
    """The block edits that put `updates` (old entry, new entry) into the file, in file
    order; `lines` are the file's lines (`split_lines`) and `po` what was read from them."""
    blocks = _blocks(lines, po)
    text_ends = (
        sum(line.endswith("\r\n") for line in lines),
        sum(line.endswith("\n") for line in lines),
    )
    newline = "\r\n" if text_ends[0] * 2 > text_ends[1] else "\n"
    edits = []
    for old, new in updates:
        begin, end = blocks[id(old)]
        edits.append(Edit(begin, end, _edit_block(list(lines[begin:end]), new, newline), new))
    return sorted(edits, key=lambda edit: edit.begin)


def apply_edits(lines: Sequence[str], edits: Sequence[Edit]) -> str:
    """The text with the edits made (edits in file order, not overlapping)."""
    parts: list[str] = []
    at = 0
    for edit in edits:
        parts += lines[at : edit.begin]
        parts += edit.lines
        at = edit.end
    parts += lines[at:]
    return "".join(parts)


def splice(text: str, po: polib.POFile, updates: list[tuple[polib.POEntry, polib.POEntry]]) -> str:
    """The original text with only the updated entries' blocks edited."""
    lines = split_lines(text)
    return apply_edits(lines, plan_edits(lines, po, updates))


_Opcode = tuple[Literal["replace", "delete", "insert", "equal"], int, int, int, int]

_VERIFIED = ("msgid", "msgstr", "msgctxt", "flags", "tcomment", "comment", "obsolete")


def verify(path: Path, edits: Sequence[Edit]) -> None:
    """Each edited block must read back as exactly the entry meant for it.

    Every other line of the file is the reader's own, byte for byte, and a block begins
    at a comment or keyword line and ends with its last string (`_blocks`), so an edited
    block cannot join or split its neighbours: reading the blocks alone says what reading
    the whole spliced file would (one parse of the file, not two).
    """
    for edit in edits:
        try:
            reread = list(parse_catalogue(path, "".join(edit.lines).encode("utf-8")))
        except NewslocError:
            reread = []
        if not (
            len(reread) == 1
            and all(getattr(edit.entry, name) == getattr(reread[0], name) for name in _VERIFIED)
        ):
            raise UserError(
                f"{path}: could not rewrite its entries safely; the file was left as it is"
            )


def line_mapping(edits: Sequence[Edit]) -> Callable[[int], int]:
    """Where a 1-based line of the old file (outside the edits, or an edit's first line)
    is in the edited file."""
    begins = [edit.begin for edit in edits]
    shifts = list(
        itertools.accumulate((len(e.lines) - (e.end - e.begin) for e in edits), initial=0)
    )

    def new_line(line: int) -> int:
        return line + shifts[bisect.bisect_left(begins, line - 1)]

    return new_line


def _format_range(start: int, length: int) -> str:
    """A hunk's range as `diff -u` writes it: `start,length`, `start` alone for one line,
    and the line before for none."""
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


def unified_diff(
    lines: Sequence[str], edits: Sequence[Edit], fromfile: str, tofile: str, context: int = 3
) -> str:
    """`diff -u` of the file before and after the edits, as `difflib.unified_diff` of the
    whole files would print it, in time linear in the file: only the edited blocks are
    compared (difflib on a few lines each); everything between them is equal."""
    opcodes: list[_Opcode] = []
    at, shift = 0, 0
    for edit in edits:
        if at < edit.begin:
            opcodes.append(("equal", at, edit.begin, at + shift, edit.begin + shift))
        matcher = difflib.SequenceMatcher(None, lines[edit.begin : edit.end], edit.lines)
        b = edit.begin + shift
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            opcodes.append((tag, edit.begin + i1, edit.begin + i2, b + j1, b + j2))
        shift += len(edit.lines) - (edit.end - edit.begin)
        at = edit.end
    if at < len(lines):
        opcodes.append(("equal", at, len(lines), at + shift, len(lines) + shift))
    new = split_lines(apply_edits(lines, edits))
    out: list[str] = []
    for group in _Known(opcodes).get_grouped_opcodes(context):
        if not out:
            out += [f"--- {fromfile}\n", f"+++ {tofile}\n"]
        first, last = group[0], group[-1]
        old_range = _format_range(first[1], last[2] - first[1])
        new_range = _format_range(first[3], last[4] - first[3])
        out.append(f"@@ -{old_range} +{new_range} @@\n")
        for kind, i1, i2, j1, j2 in group:
            if kind == "equal":
                out += [" " + line for line in lines[i1:i2]]
                continue
            out += ["-" + line for line in lines[i1:i2]]
            out += ["+" + line for line in new[j1:j2]]
    return "".join(out)


class _Known(difflib.SequenceMatcher):
    """difflib's grouping of opcodes into hunks, on opcodes already known."""

    def __init__(self, opcodes: list[_Opcode]) -> None:
        super().__init__(None, "", "")
        self.known = opcodes

    def get_opcodes(self) -> list[_Opcode]:
        merged: list[_Opcode] = []
        for code in self.known:  # difflib's opcodes never have two "equal" in a row
            if merged and code[0] == merged[-1][0] == "equal":
                code = ("equal", merged[-1][1], code[2], merged[-1][3], code[4])
                merged.pop()
            merged.append(code)
        return merged or [("equal", 0, 0, 0, 0)]
