"""The shape of an edition: what the builder decides and the renderers print.

Kept apart from the builder so renderers depend on data only, never on catalogue files.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

#: Below this percent of reviewed entries an edition is refused (as po4a's default).
DEFAULT_MIN_REVIEWED = 80.0
#: Where editions go unless `--out` says otherwise.
DEFAULT_OUT = Path("build/editions")


class EditionFormat(enum.StrEnum):
    """Output formats; the value is also the file extension."""

    MD = "md"
    HTML = "html"
    TXT = "txt"
    #: IPTC ninjs 3 JSON, one document per language (files end in .json).
    NINJS = "ninjs"

    @property
    def extension(self) -> str:
        return "json" if self is EditionFormat.NINJS else self.value


class TextOrigin(enum.Enum):
    """Where a paragraph's published text came from."""

    REVIEWED = "reviewed"  # a reviewer's translation
    MACHINE = "machine"  # fuzzy machine output, only with allow_fuzzy
    #: A translation of an earlier version of a paragraph that has changed since (fuzzy,
    #: with the old source kept as `#| msgid`): someone's work, but not of this text. Only
    #: with allow_fuzzy, and marked as such in every format.
    OUTDATED = "outdated"
    SOURCE = "source"  # nothing usable: the English source, marked as such
    ORIGINAL = "original"  # the English original edition: the source, published as it is


@dataclass(frozen=True)
class PublishedParagraph:
    """One paragraph as the edition prints it (translation or marked source), at its source
    line; the source side of a paragraph is `segment.Paragraph`."""

    line: int
    text: str
    origin: TextOrigin
    is_byline: bool = False
    #: The article element it is (its msgctxt): "body", "headline", "standfirst", "byline",
    #: "dateline", "caption", "alt", "pullquote".
    kind: str = "body"
    #: What its inline tags stand for: (tag number, what, link target).
    markup: tuple[tuple[str, str, str], ...] = ()
    #: A byline whose source has no label of its own (`Anna Petrosyan`, not `By Anna
    #: Petrosyan`): the edition prints its own, in its language.
    needs_label: bool = False
    #: A picture's alt text or caption: the picture's address as the article gives it
    #: ("" when none; `formats.safe_image_src` decides whether it is published).
    image: str = ""


#: A byline that says what it is: `By …`, `Reporting by …`, `Text: …`.
_BYLINE_LABEL = re.compile(
    r"^\s*(?:by|(?:reporting|writing|editing|words|text|story|report)(?:\s+by|\s*:))\s",
    re.IGNORECASE,
)


def carries_byline_label(source: str) -> bool:
    """True when a byline's source text starts with its own label (`By Newsloc staff`)."""
    return _BYLINE_LABEL.match(source) is not None


@dataclass(frozen=True)
class NamedConcept:
    """A glossary concept the article names, as the edition names it (ninjs `places`,
    `organisations`; `edition.places`)."""

    concept_id: str
    #: In the edition's language, as its first mention gives it (the dual name when the
    #: house policy keeps both).
    name: str
    organisation: bool = False

    @property
    def uri(self) -> str:
        """A stable URI for the concept, the same in every language: `urn:newsloc:concept:ID`."""
        return f"urn:newsloc:concept:{quote(self.concept_id, safe='')}"


@dataclass(frozen=True)
class Alternate:
    """Another language version of the same article, for `hreflang` links and the switcher."""

    language: str
    href: str
    #: The English source rather than a translation.
    original: bool = False


@dataclass(frozen=True)
class Correction:
    """A correction note: the article changed since an earlier edition (`--correction`).

    A note is published once and then kept in every later build of its edition, so it
    holds what it printed, not where: the first words of each paragraph it names are
    stored as they were printed (quotation marks included), since the paragraphs' lines
    move and their words may be corrected again."""

    #: The edition's date when the note was added, in its language's house style.
    date_text: str
    #: The first words of each paragraph changed or added, as the edition printed them
    #: then, each in the language's quotation marks.
    excerpts: tuple[str, ...] = ()
    #: How many paragraphs of the earlier edition were gone.
    removed: int = 0
    #: Source lines of those paragraphs when the note was added (for the record only).
    lines: tuple[int, ...] = ()


@dataclass(frozen=True)
class Edition:
    """Everything a renderer needs: no file access, no decisions left."""

    domain: str
    language: str
    language_name: str
    date: dt.date | None
    date_text: str | None
    paragraphs: tuple[PublishedParagraph, ...]
    #: Every version of the article, this one included (empty for a lone edition).
    alternates: tuple[Alternate, ...] = ()
    #: The index page listing every version, for `hreflang="x-default"`.
    index_href: str | None = None
    #: Where the date comes from, in words ("from the article's dateline", "given with
    #: --date"); None without a date.
    date_source: str | None = None
    #: The glossary concepts the article names (filled for ninjs editions).
    concepts: tuple[NamedConcept, ...] = ()
    #: The correction notes to print at the end, oldest first (`edition.corrections`).
    corrections: tuple[Correction, ...] = ()

    @property
    def headline(self) -> PublishedParagraph | None:
        """The article's headline, if it has one."""
        return next((p for p in self.paragraphs if p.kind == "headline"), None)

    @property
    def machine_paragraphs(self) -> int:
        return sum(1 for p in self.paragraphs if p.origin is TextOrigin.MACHINE)

    @property
    def source_paragraphs(self) -> int:
        return sum(1 for p in self.paragraphs if p.origin is TextOrigin.SOURCE)

    @property
    def outdated_paragraphs(self) -> int:
        return sum(1 for p in self.paragraphs if p.origin is TextOrigin.OUTDATED)

    @property
    def unreviewed(self) -> bool:
        """True when text no editor has checked against this article is published:
        machine output, or a translation of a paragraph that has changed since."""
        return self.machine_paragraphs + self.outdated_paragraphs > 0
