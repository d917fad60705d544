"""Split an article into paragraphs (catalogue entries) and sentences (what engines see).

Paragraphs are blank-line separated, the po4a / translate-toolkit convention; a paragraph
hard-wrapped over several lines is unwrapped with single spaces. Sentences are found by
rules that keep abbreviations, initials, numbers, quotations and a wire dateline such as
`(Reuters) –` intact; the agency credit is kept apart so engines never rewrite it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsloc.base.files import decode_user_text, read_user_bytes
from newsloc.translate.errors import UserError

#: Words that end with a full stop without ending a sentence.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen lt col sgt capt cpl maj adm cmdr gov sen rep pres rev fr st mt ft
    jr sr inc ltd co corp bros dept univ assn approx vs etc al cf vol pp fig
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
    a.m p.m e.g i.e u.s u.k u.n u.s.a e.u
    """.split()
)

_OPENING_QUOTES = "“‘«„\"'"
_CLOSING = "”’»\"')]"
_QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“"}

# A wire dateline at the start of the first paragraph: "(Reuters) –",
# "YEREVAN, Sept 19 (Reuters) -", "BAKU (AP) —". The place and date are translated (an
# Armenian edition writes ԵՐԵՎԱՆ); the agency credit is kept exactly as written.
_DATELINE = re.compile(
    r"""^(?P<where>[A-Z][A-Z.'/ -]*[A-Z.](?:,\s*[^()\n]{1,40}?)?\s+)?  # place and date
        (?P<credit>\([A-Z][\w&.' -]{0,40}\)\s*[-–—]+)\s*              # (Agency) –
    """,
    re.VERBOSE,
)
_BYLINE = re.compile(r"^(?:By|BY|Reporting by|Writing by|Editing by)\s+\S.{0,80}$")

# A sentence may end at . ! ? or … (possibly repeated), then closing quotes or brackets.
# Linear on any text: a match starts only at the first mark of a run (the lookbehind) and
# never gives back what it took (possessive quantifiers), so a run of 16 000 dots with no
# space after it is one failed attempt, not 16 000 attempts that each rescan the run.
_MARKS = ".!?…"
_END = re.compile(
    r"(?<![" + _MARKS + r"])[" + _MARKS + r"]++[" + re.escape(_CLOSING) + r"]*+(?=\s)"
)


@dataclass(frozen=True)
class Sentence:
    """A span of a paragraph; `translatable` is False for an agency credit kept as written."""

    text: str
    start: int
    end: int
    translatable: bool = True


@dataclass(frozen=True)
class Paragraph:
    """One paragraph as it stands in the article, at `line` (1-based)."""

    text: str
    line: int
    #: "body", or the element it is: "headline", "standfirst", "byline", "dateline",
    #: "caption", "alt", "pullquote" (translate/reading).
    kind: str = "body"
    #: What each inline tag `<n>` stands for, in number order: "link URL", "emphasis",
    #: "strong", "code", "break" (translate/markup.py).
    markup: tuple[str, ...] = ()
    #: A picture's alt text or caption: the picture's address as the article gives it
    #: (`src`, a rendition's `href`), "" when there is none.
    image: str = ""

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return split_sentences(self.text)


#: The article's elements other than body text, as catalogue contexts (`msgctxt`), each
#: with the translator comment that says what it is (Poedit and Weblate show both).
ELEMENTS = {
    "headline": "headline: the article's title, also the page title",
    "standfirst": "standfirst: the summary under the headline",
    "byline": "byline: keep the name as written",
    "dateline": "dateline: where the story was filed",
    "caption": "caption: the text under a picture",
    "alt": "alt: a picture's description for readers who cannot see it",
    "pullquote": "pullquote: a quotation set apart from the body text",
}


@dataclass(frozen=True)
class Unit:
    """One catalogue entry: a distinct paragraph of one kind and every line it occurs at."""

    text: str
    lines: tuple[int, ...]
    kind: str = "body"
    markup: tuple[str, ...] = ()
    #: (line, address) of the picture at each line the entry stands at, when it is a
    #: picture's alt text or caption.
    images: tuple[tuple[int, str], ...] = ()

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return split_sentences(self.text)

    @property
    def context(self) -> str | None:
        """The entry's msgctxt: the element's kind; body text has none (so catalogues
        made before articles had structure keep matching)."""
        return self.kind if self.kind in ELEMENTS else None


@dataclass(frozen=True)
class Article:
    """An article read from disk, split into paragraphs in document order."""

    path: Path
    paragraphs: tuple[Paragraph, ...]

    def units(self) -> list[Unit]:
        """Distinct paragraphs of each kind in order of first occurrence; repeats add a line
        reference (a headline repeated as a pull quote is two entries: two contexts)."""
        lines: dict[tuple[str, str], list[int]] = {}
        markup: dict[tuple[str, str], tuple[str, ...]] = {}
        images: dict[tuple[str, str], list[tuple[int, str]]] = {}
        for paragraph in self.paragraphs:
            kind = paragraph.kind if paragraph.kind in ELEMENTS else "body"
            lines.setdefault((kind, paragraph.text), []).append(paragraph.line)
            markup.setdefault((kind, paragraph.text), paragraph.markup)
            if paragraph.image:
                images.setdefault((kind, paragraph.text), []).append(
                    (paragraph.line, paragraph.image)
                )
        return [
            Unit(text, tuple(at), kind, markup[kind, text], tuple(images.get((kind, text), ())))
            for (kind, text), at in lines.items()
        ]


def read_article(path: Path) -> Article:
    """Read a UTF-8 article (a BOM and CRLF line ends are fine) and split it into paragraphs."""
    text = read_text(path)
    paragraphs = tuple(split_paragraphs(text))
    if not paragraphs:
        raise UserError(f"{path}: the article is empty")
    return Article(path=path, paragraphs=paragraphs)


def read_text(path: Path) -> str:
    """The file's text with line ends normalised, or a one-line UserError saying why not."""
    data = read_user_bytes(path)
    if b"\x00" in data:
        raise UserError(f"{path}: not a text file (it contains NUL bytes)")
    text = decode_user_text(path, data)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_paragraphs(text: str) -> Iterator[Paragraph]:
    """Blank-line separated paragraphs, unwrapped, with the line each one starts at."""
    buffer: list[str] = []
    start = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if line:
            if not buffer:
                start = number
            buffer.append(line)
        elif buffer:
            yield _paragraph(buffer, start)
            buffer = []
    if buffer:
        yield _paragraph(buffer, start)


def _paragraph(lines: list[str], start: int) -> Paragraph:
    text = " ".join(lines)
    return Paragraph(text=text, line=start, kind=byline_kind(text))


def byline_kind(text: str) -> str:
    """`byline` for a "By …" line, else `body`."""
    return "byline" if _BYLINE.match(text) else "body"


def opens_with_dateline(text: str) -> bool:
    """Does the paragraph open with a wire dateline, `YEREVAN, 3 March (Newsloc) –`?"""
    return _DATELINE.match(text) is not None


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences of one paragraph, as spans that cover all of its non-space text."""
    sentences: list[Sentence] = []
    position = 0
    dateline = _DATELINE.match(text)
    if dateline:
        if dateline.group("where"):
            where = dateline.group("where").rstrip()
            sentences.append(Sentence(where, 0, len(where)))
        start, end = dateline.span("credit")
        sentences.append(Sentence(text[start:end], start, end, False))
        position = dateline.end()
    for start, end in _sentence_spans(text, position):
        sentences.append(Sentence(text[start:end], start, end))
    return tuple(sentences)


def _sentence_spans(text: str, position: int) -> Iterator[tuple[int, int]]:
    """Sentence spans from `position` on, in one pass: every character is looked at a
    bounded number of times (bench/segment_bench.py measures it)."""
    start = _skip_space(text, position)
    quotes = _Quotes(text, start)
    for match in _END.finditer(text, position):
        end = match.end()
        if end <= start or not _is_boundary(text, start, match.start(), end, quotes):
            continue
        yield start, end
        start = _skip_space(text, end)
        quotes.reset(start)
    if start < len(text.rstrip()):
        yield start, len(text.rstrip())


class _Quotes:
    """Whether a quotation is open in text[start:end], kept up to date as `end` moves on
    (a sentence with many candidate ends is scanned once, not once per candidate)."""

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.reset(start)

    def reset(self, start: int) -> None:
        self.closers: list[str] = []
        self.double = 0
        self.upto = start

    def open_at(self, end: int) -> bool:
        for char in self.text[self.upto : end]:
            if self.closers and char == self.closers[-1]:
                self.closers.pop()
            elif char in _QUOTE_PAIRS:
                self.closers.append(_QUOTE_PAIRS[char])
            if char == '"':
                self.double += 1
        self.upto = max(self.upto, end)
        return bool(self.closers) or self.double % 2 == 1


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _is_boundary(text: str, start: int, stop: int, end: int, quotes: _Quotes) -> bool:
    """Does the punctuation at text[stop:end] end the sentence that began at `start`?"""
    after = _skip_space(text, end)
    if after >= len(text):
        return True
    first = text[after]
    if first.islower() or first.isdigit() or first in ",;:–—-":
        return False
    if not (first.isupper() or first in _OPENING_QUOTES or first == "("):
        return False
    if quotes.open_at(end):
        return False
    if text[stop] == ".":
        word = stop
        while word > start and not text[word - 1].isspace():
            word -= 1
        token = text[word:stop].lstrip(_OPENING_QUOTES + "(").lower()
        if token in ABBREVIATIONS:
            return False
        if re.fullmatch(r"[^\W\d_]", token):  # an initial: "J. Smith"
            return False
        if re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]", token):  # "U.S", "a.m"
            return False
    return True
