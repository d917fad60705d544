"""Plain-text articles: blank-line separated paragraphs (the po4a convention).

A first paragraph of one short line with no closing punctuation, followed by more, is the
headline; paragraphs between the headline and the paragraph that opens with a wire
dateline (`YEREVAN, 3 March (Newsloc) –`) make the standfirst; a `By …` line is the byline.
An article with none of these reads as it always did: every paragraph is body text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from newsloc.translate.segment import Paragraph, opens_with_dateline, read_text, split_paragraphs

#: A headline longer than this is a paragraph.
HEADLINE_LIMIT = 160


def read(path: Path) -> Iterator[Paragraph]:
    paragraphs = list(split_paragraphs(read_text(path)))
    yield from structure(paragraphs)


def structure(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Mark a plain-text article's headline and standfirst (see the module's note)."""
    if len(paragraphs) < 2 or not _is_headline(paragraphs[0]):
        return paragraphs
    marked = [replace(paragraphs[0], kind="headline")]
    rest = paragraphs[1:]
    dateline = next((i for i, p in enumerate(rest) if opens_with_dateline(p.text)), None)
    if dateline is not None and dateline <= 2:
        # A byline among them stays the byline.
        marked += [
            replace(p, kind="standfirst") if p.kind == "body" else p for p in rest[:dateline]
        ]
        rest = rest[dateline:]
    return marked + rest


def _is_headline(paragraph: Paragraph) -> bool:
    text = paragraph.text
    return (
        paragraph.kind == "body"
        and len(text) <= HEADLINE_LIMIT
        and not text.endswith((".", ",", ";", ":"))
        and not opens_with_dateline(text)
    )
