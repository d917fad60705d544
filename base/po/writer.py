"""Writing catalogues the way GNU msgcat and msgmerge write them, byte for byte.

Reviewers' tools (Poedit, Weblate, msgmerge) all go through GNU gettext's writer, so
newsloc writes the same: strings wrapped at 79 columns at the break opportunities
`glossary.linebreak` finds (a space stays at the end of its line), a string that needs
wrapping or holds a newline starts with `""`, references wrapped at 79 with file names
holding spaces inside U+2068/U+2069, `fuzzy` only where there is a translation, and
obsolete entries last. `msgcat FILE` on newsloc's output changes nothing.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator

import polib

from newsloc.base.po.linebreak import wrap_positions

#: GNU gettext's page width (msgcat, msgmerge, xgettext `--width` default).
PAGE_WIDTH = 79

_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
    "\\": "\\\\",
    '"': '\\"',
}
_ISOLATE_START, _ISOLATE_END = "\u2068", "\u2069"


_NEEDS_ESCAPE = re.compile('[\a\b\f\n\r\t\v\\\\"]')


def _escaped(portion: str) -> tuple[str, set[int]]:
    """The escaped text and the positions where no line may break (inside an escape)."""
    if not _NEEDS_ESCAPE.search(portion):
        return portion, set()
    out: list[str] = []
    prohibited: set[int] = set()
    position = 0
    for char in portion:
        escape = _ESCAPES.get(char)
        if escape is None:
            out.append(char)
            position += 1
        else:
            out.append(escape)
            prohibited.add(position + 1)
            position += 2
    text = "".join(out)
    if portion.endswith("\n"):
        prohibited.add(len(text) - 2)  # never break just before a final "\n"
    return text, prohibited


def _portions(value: str) -> list[str]:
    """The string cut after every newline, as GNU wraps each piece on its own."""
    pieces = value.split("\n")
    portions = [piece + "\n" for piece in pieces[:-1]]
    if pieces[-1] or not portions:
        portions.append(pieces[-1])
    return portions


def format_string(keyword: str, value: str, prefix: str = "") -> list[str]:
    """`keyword "value"` as lines, wrapped like GNU's `wrap()` in write-po.c."""
    lines: list[str] = []
    after_break = len(prefix) + 1
    width = PAGE_WIDTH - 1 - after_break
    portions = _portions(value)
    first = True
    for index, portion in enumerate(portions):
        text, prohibited = _escaped(portion)
        more = index < len(portions) - 1
        while True:
            start = (len(prefix) + len(keyword) + 1 if first else len(prefix)) + 1 - after_break
            breaks = wrap_positions(text, width, start, prohibited) if text else []
            if first and text and (more or start > width or breaks):
                lines.append(f'{prefix}{keyword} ""')
                first = False
                continue
            break
        head = f"{prefix}{keyword} " if first else prefix
        first = False
        cuts = [0, *breaks, len(text)]
        for number, (begin, end) in enumerate(itertools.pairwise(cuts)):
            lines.append(f'{head if number == 0 else prefix}"{text[begin:end]}"')
    return lines


def _reference(name: str, line: str) -> str:
    shown = name
    while shown.startswith("./"):
        shown = shown[2:]
    if " " in shown or "\t" in shown:
        shown = f"{_ISOLATE_START}{shown}{_ISOLATE_END}"
    return f"{shown}:{line}" if line else shown


def format_references(occurrences: Iterable[tuple[str, str]]) -> list[str]:
    """`#:` lines, filled up to the page width as GNU does (widths in bytes; a reference
    given twice is written once, as GNU reads it)."""
    lines: list[str] = []
    current = "#:"
    column = 2
    for name, line in dict.fromkeys((name, line) for name, line in occurrences):
        plain = name
        while plain.startswith("./"):
            plain = plain[2:]
        size = len(plain.encode("utf-8")) + (len(line) + 1 if line else 0) + 1
        if column > 2 and column + size > PAGE_WIDTH:
            lines.append(current)
            current, column = "#:", 2
        current += " " + _reference(name, line)
        column += size
    if column > 2:
        lines.append(current)
    return lines


def _comment_lines(marker: str, text: str) -> list[str]:
    if not text:
        return []
    return [f"{marker} {line}" if line else marker for line in text.split("\n")]


def _flags(entry: polib.POEntry, translated: bool) -> list[str]:
    others = [flag for flag in entry.flags if flag != "fuzzy"]
    shown = (["fuzzy"] if "fuzzy" in entry.flags and translated else []) + others
    return ["#, " + ", ".join(shown)] if shown else []


def _msgstrs(entry: polib.POEntry) -> list[tuple[str, str]]:
    if not entry.msgid_plural:
        return [("msgstr", entry.msgstr)]
    forms = entry.msgstr_plural or {0: ""}
    return [(f"msgstr[{index}]", forms[index]) for index in sorted(forms)]


def format_entry(entry: polib.POEntry) -> list[str]:
    """One entry's lines, without the blank line that separates entries."""
    strings = _msgstrs(entry)
    translated = bool(strings[0][1])
    lines = _comment_lines("#", entry.tcomment) + _comment_lines("#.", entry.comment)
    lines += format_references(entry.occurrences)
    prefix = "#~ " if entry.obsolete else ""
    previous = "#~| " if entry.obsolete else "#| "
    if entry.obsolete:
        lines += ["#, fuzzy"] if "fuzzy" in entry.flags else []
    else:
        lines += _flags(entry, translated)
    if entry.previous_msgctxt is not None:
        lines += format_string("msgctxt", entry.previous_msgctxt, previous)
    if entry.previous_msgid is not None:
        lines += format_string("msgid", entry.previous_msgid, previous)
    if entry.previous_msgid_plural is not None:
        lines += format_string("msgid_plural", entry.previous_msgid_plural, previous)
    if entry.msgctxt is not None:
        lines += format_string("msgctxt", entry.msgctxt, prefix)
    lines += format_string("msgid", entry.msgid, prefix)
    if entry.msgid_plural:
        lines += format_string("msgid_plural", entry.msgid_plural, prefix)
    for keyword, value in strings:
        lines += format_string(keyword, value, prefix)
    return lines


def _header_entry(po: polib.POFile) -> polib.POEntry:
    text = "".join(f"{key}: {value}\n" for key, value in po.ordered_metadata())
    flags = ["fuzzy"] if po.metadata_is_fuzzy else []
    return polib.POEntry(msgid="", msgstr=text, tcomment=po.header or "", flags=flags)


def _written_entries(po: polib.POFile) -> Iterator[polib.POEntry]:
    """The entries a catalogue file holds, in the order msgcat writes them."""
    if po.metadata or po.header:
        yield _header_entry(po)
    yield from (entry for entry in po if not entry.obsolete)
    yield from (entry for entry in po if entry.obsolete and _msgstrs(entry)[0][1])


def format_catalogue(po: polib.POFile) -> str:
    """The whole catalogue as GNU msgcat would write it; obsolete entries come last and
    an obsolete entry without a translation is left out, as GNU does."""
    return "\n".join("\n".join(format_entry(entry)) + "\n" for entry in _written_entries(po))


def format_catalogue_bytes(po: polib.POFile) -> bytes:
    """`format_catalogue` encoded as UTF-8, entry by entry: a large catalogue is never
    held as text and as bytes at once (a third of a 50,000-entry `translate`'s memory)."""
    return b"\n".join(
        ("\n".join(format_entry(entry)) + "\n").encode("utf-8") for entry in _written_entries(po)
    )
