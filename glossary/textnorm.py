"""Text in Unicode's decomposed form read with the glossary's letters (NFC).

Copy pasted from some editors and PDFs arrives decomposed (NFD): az `Ş` as `S` + U+0327,
ru `й` as `и` + U+0306, `ё` as `е` + U+0308. The glossary's spellings are composed, so such
text is read in its composed form (NFC), and what is found there is mapped back to the
text as written: `NfcView` holds both and the offsets between them. A text that is already
NFC (nearly every text: `unicodedata.is_normalized` says so in one quick pass) has no view
and is read as it is, so the common case costs nothing more.

A rewrite made on the composed text (`NfcView.rewrite`) replaces only the words it
changes in the text as written: everything else, decomposed letters included, keeps its
code points. (Armenian has no letters that decompose: `և` and the Armenian ligatures only
have compatibility decompositions, which NFC leaves alone.)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any, ClassVar, Protocol, TypeVar


class _HasSpan(Protocol):
    """A dataclass with a span (`dataclasses.replace` makes the moved copy)."""

    __dataclass_fields__: ClassVar[dict[str, Any]]

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


_Spanned = TypeVar("_Spanned", bound=_HasSpan)

#: Below this code point every character is a starter that composes with nothing before it
#: and is its own NFC (Latin letters, punctuation): a piece always ends before it.
_PLAIN = "\u0300"
#: Characters below `_PLAIN`, then characters from it on: a stretch of text that starts
#: where a piece may start.
_STRETCH = re.compile("[\x00-\u02ff]*[^\x00-\u02ff]*")


def is_nfc(text: str) -> bool:
    """True when `text` is already in Unicode's composed form (NFC)."""
    return unicodedata.is_normalized("NFC", text)


def nfc(text: str) -> str:
    """`text` in NFC; the same object when it already is."""
    return text if is_nfc(text) else unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class NfcView:
    """A text as written (`original`) and its NFC (`text`), with the offsets between them.

    Offsets map piece by piece: a piece is a run of the original that normalises on its
    own (a letter and the marks composed with it, `S` + U+0327); a span that starts or ends
    inside a piece that NFC changes is widened to the whole piece.
    """

    original: str
    text: str
    #: text offset -> original offset, for a span starting there (len(text) + 1 entries)
    _starts: tuple[int, ...]
    #: text offset -> original offset, for a span ending there
    _ends: tuple[int, ...]
    #: original offset -> text offset, for a span starting there (len(original) + 1)
    _text_starts: tuple[int, ...]
    #: original offset -> text offset, for a span ending there
    _text_ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original that the NFC text's [start, end) was read from."""
        return self._starts[start], self._ends[end]

    def moved(self, items: Iterable[_Spanned]) -> list[_Spanned]:
        """Each item (a mention, a change, a suggestion: a dataclass with `start` and
        `end` found in the NFC text) with its span in the original instead."""
        moved = []
        for item in items:
            start, end = self.original_span(item.start, item.end)
            moved.append(replace(item, start=start, end=end))
        return moved

    def text_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the NFC text that the original's [start, end) reads as."""
        return self._text_starts[start], self._text_ends[end]

    def rewrite(self, edits: Iterable[tuple[int, int, str]]) -> str:
        """The original with each edit (start, end, new) of the NFC text made, never
        overlapping. Whole words an edit keeps at its start or end stay as written
        (`Şuşada` written decomposed stays so when ` (Şuşi)` is added after it); a word it
        changes is written as `new` has it, composed; every character of the original
        outside the edits keeps its code points."""
        pieces: list[str] = []
        position = 0
        for start, end, new in sorted(edits):
            old = self.text[start:end]
            if new == old:
                continue
            same = _common_prefix(old, new)
            while not (_between_words(old, same) and _between_words(new, same)):
                same -= 1
            tail = _common_prefix(old[same:][::-1], new[same:][::-1])
            while not (
                _between_words(old, len(old) - tail) and _between_words(new, len(new) - tail)
            ):
                tail -= 1
            first, last = start + same, end - tail
            begin, finish = self._starts[first], self._ends[last]
            # Where a piece that NFC changed is cut, the rest of it is written composed.
            text_begin, text_finish = self._text_starts[begin], self._text_ends[finish]
            middle = new[same : len(new) - tail]
            pieces += [
                self.original[position:begin],
                self.text[text_begin:first],
                middle,
                self.text[last:text_finish],
            ]
            position = finish
        pieces.append(self.original[position:])
        return "".join(pieces)


def _between_words(text: str, at: int) -> bool:
    """`at` is no place inside a word of `text` (letters, marks and digits)."""
    if at <= 0 or at >= len(text):
        return True
    return not (_in_word(text[at - 1]) and _in_word(text[at]))


def _in_word(char: str) -> bool:
    return unicodedata.category(char)[0] in "LMN"


def _common_prefix(a: str, b: str) -> int:
    length = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        length += 1
    return length


def nfc_view(text: str) -> NfcView | None:
    """The NFC view of a text that is not NFC; None for one that is (read it as it is),
    or, should its pieces not add up to its NFC, for one that cannot be mapped."""
    if is_nfc(text):
        return None
    starts: list[int] = []
    ends: list[int] = [0]
    text_starts: list[int] = []
    text_ends: list[int] = [0]
    composed: list[str] = []
    at = 0  # offset in the NFC text
    for begin, finish in _pieces(text):
        piece = text[begin:finish]
        normal = unicodedata.normalize("NFC", piece)
        composed.append(normal)
        size = len(normal)
        if normal == piece:
            starts.extend(range(begin, finish))
            ends.extend(range(begin + 1, finish + 1))
            text_starts.extend(range(at, at + size))
            text_ends.extend(range(at + 1, at + size + 1))
        else:
            starts.extend([begin] * size)
            ends.extend([finish] * size)
            text_starts.extend([at] * (finish - begin))
            text_ends.extend([at + size] * (finish - begin))
        at += size
    normal_text = "".join(composed)
    if normal_text != unicodedata.normalize("NFC", text):
        return None
    starts.append(len(text))
    text_starts.append(at)
    return NfcView(
        text,
        normal_text,
        tuple(starts),
        tuple(ends),
        tuple(text_starts),
        tuple(text_ends),
    )


def _composes(run: str, char: str) -> bool:
    """`char` does not normalise apart from the `run` before it (Hangul jamo, two-part
    vowels)."""
    together = unicodedata.normalize("NFC", run + char)
    return together != unicodedata.normalize("NFC", run) + unicodedata.normalize("NFC", char)


def _pieces(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of runs of `text` that normalise independently (`nfc_view` checks
    that their NFC add up to the text's).

    A run may start before any character below U+0300 (Latin letters, digits,
    punctuation: each is its own NFC and composes with nothing before it), so the text is
    read in stretches that start there (mostly a word and the space before it): a stretch
    already in NFC is one run; in one that is not, a new run starts at each starter
    (combining class 0) that neither composes with the run before it nor changes it."""
    for stretch in _STRETCH.finditer(text):
        first, last = stretch.span()
        if first == last:
            continue
        if unicodedata.is_normalized("NFC", stretch.group()):
            yield first, last
            continue
        begin = first
        for i in range(first + 1, last):
            char = text[i]
            if char >= _PLAIN and (unicodedata.combining(char) or _composes(text[begin:i], char)):
                continue
            yield begin, i
            begin = i
        yield begin, last
