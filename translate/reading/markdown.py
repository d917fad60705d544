"""Markdown (CommonMark) articles, parsed with markdown-it-py.

The first level-1 heading is the headline; a paragraph right after it that is wholly
emphasised (`*…*` or `**…**`) is the standfirst; a paragraph that is only an image gives
its alt text (`![alt](src "caption")`) and its title as the caption; a block quote is a
pull quote; a `By …` paragraph is the byline; every other paragraph, list item or heading
is body text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from newsloc.translate.segment import Paragraph, byline_kind, read_text


def read(path: Path) -> Iterator[Paragraph]:
    tokens = MarkdownIt("commonmark").parse(read_text(path))
    headline_seen = False
    last_kind = ""
    quote_depth = 0
    for index, token in enumerate(tokens):
        if token.type == "blockquote_open":
            quote_depth += 1
        elif token.type == "blockquote_close":
            quote_depth -= 1
        if token.type != "inline" or not token.children:
            continue
        line = (token.map[0] + 1) if token.map else 1
        opener = tokens[index - 1]
        if opener.type == "heading_open":
            last_kind = "headline" if opener.tag == "h1" and not headline_seen else "body"
            headline_seen = headline_seen or last_kind == "headline"
            yield Paragraph(plain_text(token.children), line, last_kind)
            continue
        images = [child for child in token.children if child.type == "image"]
        if images and not plain_text([c for c in token.children if c.type != "image"]):
            for image in images:
                yield Paragraph(plain_text(image.children or []), line, "alt")
                caption = str(image.attrGet("title") or "")
                if caption:
                    yield Paragraph(" ".join(caption.split()), line, "caption")
            last_kind = "caption"
            continue
        text = plain_text(token.children)
        if quote_depth:
            kind = "pullquote"
        elif last_kind == "headline" and _wholly_emphasised(token.children):
            kind = "standfirst"
        else:
            kind = byline_kind(text)
        last_kind = kind
        yield Paragraph(text, line, kind)


def plain_text(children: list[Token]) -> str:
    """The words of an inline run, markup left out, line breaks as spaces."""
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(plain_text(child.children or []))
    return " ".join("".join(parts).split())


def _wholly_emphasised(children: list[Token]) -> bool:
    """`*…*` or `**…**` around the whole paragraph."""
    meaningful = [c for c in children if not (c.type == "text" and not c.content.strip())]
    return (
        len(meaningful) >= 3
        and meaningful[0].type in ("em_open", "strong_open")
        and meaningful[-1].type == meaningful[0].type.replace("_open", "_close")
        and _nesting_closes_at_end(meaningful)
    )


def _nesting_closes_at_end(children: list[Token]) -> bool:
    depth = 0
    for position, child in enumerate(children):
        depth += child.nesting
        if depth == 0 and position < len(children) - 1:
            return False
    return True
