"""HTML article fragments (what a CMS exports), parsed with lxml's HTML parser.

The first `<h1>` is the headline; `class="standfirst"` (or dek, lede, summary,
subheadline) marks the standfirst, `class="byline"` or `<address>` the byline,
`class="dateline"` the dateline; a `<figure>` gives its images' `alt` text and its
`<figcaption>`; `<blockquote class="pullquote">` or `<aside class="pullquote">` is a pull
quote. Every other block (paragraph, heading, list item, quotation) is body text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import lxml.html
from lxml import etree

from newsloc.translate.errors import UserError
from newsloc.translate.segment import Paragraph, byline_kind, read_text

_BLOCKS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header li main ol p pre section table tbody td th thead tr ul".split()
)
_SKIPPED = frozenset("script style template noscript nav form button".split())
_CLASSES = {
    "standfirst": "standfirst",
    "dek": "standfirst",
    "lede": "standfirst",
    "summary": "standfirst",
    "subheadline": "standfirst",
    "byline": "byline",
    "dateline": "dateline",
    "pullquote": "pullquote",
    "pull-quote": "pullquote",
    "caption": "caption",
}


def read(path: Path) -> Iterator[Paragraph]:
    yield from read_html(read_text(path), path)


def read_html(text: str, path: Path, first_line: int = 1) -> Iterator[Paragraph]:
    """The elements of an HTML fragment; `first_line` is where the fragment starts in the
    file (a ninjs body is HTML inside JSON)."""
    if not text.strip():
        return
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise UserError(f"{path}: not an HTML article ({exc})") from None
    body = root.find("body")
    walker = _Walker(first_line)
    yield from walker.blocks(body if body is not None else root, "")


class _Walker:
    def __init__(self, first_line: int) -> None:
        self.first_line = first_line
        self.headline_seen = False

    def line(self, element: lxml.html.HtmlElement) -> int:
        return self.first_line + (element.sourceline or 1) - 1

    def blocks(self, element: lxml.html.HtmlElement, inherited: str) -> Iterator[Paragraph]:
        for child in element:
            if not isinstance(child.tag, str) or child.tag in _SKIPPED:
                continue
            kind = _class_kind(child) or inherited
            if child.tag == "img":
                yield from self.image(child)
            elif child.tag == "figure":
                yield from self.figure(child)
            elif child.tag == "address":
                yield self.leaf(child, "byline")
            elif child.tag == "h1" and not self.headline_seen and not inherited:
                self.headline_seen = True
                yield self.leaf(child, "headline")
            elif any(isinstance(g.tag, str) and g.tag in _BLOCKS for g in child):
                yield from self.blocks(child, kind)
            elif child.tag in _BLOCKS:
                yield self.leaf(child, kind)
        # text directly in a container with block children is not an article's text

    def figure(self, figure: lxml.html.HtmlElement) -> Iterator[Paragraph]:
        images = list(figure.iter("img"))
        for image in images:
            yield from self.image(image)
        # The caption keeps the picture's address too: a picture with no alt text still
        # has its caption, and the edition its image.
        address = next((src for src in map(_src, images) if src), "")
        for caption in figure.iter("figcaption"):
            yield replace(self.leaf(caption, "caption"), image=address)

    def image(self, image: lxml.html.HtmlElement) -> Iterator[Paragraph]:
        alt = " ".join(str(image.get("alt", "")).split())
        if alt:
            yield Paragraph(alt, self.line(image), "alt", image=_src(image))

    def leaf(self, element: lxml.html.HtmlElement, kind: str) -> Paragraph:
        text, markup = inline_text(element)
        kind = kind or byline_kind(plain_inline_text(element))
        return Paragraph(text, self.line(element), kind, markup)


def _src(image: lxml.html.HtmlElement) -> str:
    return str(image.get("src", "")).strip()


def _class_kind(element: lxml.html.HtmlElement) -> str:
    for name in str(element.get("class", "")).split():
        if name.lower() in _CLASSES:
            return _CLASSES[name.lower()]
    return ""


#: Inline elements kept as numbered tags `<1>…</1>` (translate/markup.py), and what each
#: stands for; other inline markup is left out.
_TAGGED = {"a": "link", "em": "emphasis", "i": "emphasis", "strong": "strong", "b": "strong"}
_TAGGED["code"] = "code"


def inline_text(element: lxml.html.HtmlElement) -> tuple[str, tuple[str, ...]]:
    """An element's words with links, emphasis and code as `<1>…</1>` and `<br>` as
    `<2/>`, numbered in order, and what each tag stands for; other markup left out,
    line ends as spaces."""
    parts: list[str] = []
    markup: list[str] = []
    count = 0

    def walk(node: lxml.html.HtmlElement, top: bool) -> None:
        nonlocal count
        if node.tag == "br":
            count += 1
            markup.append("break")
            parts.append(f"<{count}/> ")
        elif node.tag == "img":
            parts.append(str(node.get("alt", "")))
        elif isinstance(node.tag, str) and node.tag not in _SKIPPED:
            number = 0
            if not top and node.tag in _TAGGED:
                count += 1
                number = count
                href = " ".join(str(node.get("href", "")).split())
                what = _TAGGED[node.tag]
                markup.append(f"link {href}" if what == "link" and href else what)
                parts.append(f"<{number}>")
            parts.append(node.text or "")
            for child in node:
                walk(child, False)
                parts.append(child.tail or "")
            if number:
                parts.append(f"</{number}>")

    walk(element, True)
    return " ".join("".join(parts).split()), tuple(markup)


def plain_inline_text(element: lxml.html.HtmlElement) -> str:
    """An element's words with no tags (alt text, bylines)."""
    return " ".join(" ".join(element.itertext()).split())
