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
            text, markup = tagged_text(token.children)
            yield Paragraph(text, line, last_kind, markup)
            continue
        images = [child for child in token.children if child.type == "image"]
        if images and not plain_text([c for c in token.children if c.type != "image"]):
            for image in images:
                src = str(image.attrGet("src") or "").strip()
                yield Paragraph(plain_text(image.children or []), line, "alt", image=src)
                caption = str(image.attrGet("title") or "")
                if caption:
                    yield Paragraph(" ".join(caption.split()), line, "caption", image=src)
            last_kind = "caption"
            continue
        text, markup = tagged_text(token.children)
        if quote_depth:
            kind = "pullquote"
        elif last_kind == "headline" and _wholly_emphasised(token.children):
            kind = "standfirst"
            text, markup = plain_text(token.children), ()  # the emphasis marks the element
        else:
            kind = byline_kind(plain_text(token.children))
        last_kind = kind
        yield Paragraph(text, line, kind, markup)


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


#: Inline markup kept as numbered tags (translate/markup.py), and what each stands for.
_PAIRED = {"em_open": "emphasis", "strong_open": "strong", "link_open": "link"}


def tagged_text(children: list[Token]) -> tuple[str, tuple[str, ...]]:
    """The words of an inline run with links, emphasis and code as `<1>…</1>` and hard
    line breaks as `<2/>`, numbered in order (translate/markup.py); and what each tag
    stands for ("link URL", "emphasis", "strong", "code", "break")."""
    parts: list[str] = []
    numbers: list[int] = []
    markup: list[str] = []
    count = 0
    for child in children:
        if child.type in ("text", "html_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            count += 1
            markup.append("break")
            parts.append(f"<{count}/> ")
        elif child.type == "code_inline":
            count += 1
            markup.append("code")
            parts.append(f"<{count}>{child.content}</{count}>")
        elif child.type in _PAIRED:
            count += 1
            numbers.append(count)
            what = _PAIRED[child.type]
            href = " ".join(str(child.attrGet("href") or "").split())
            markup.append(f"link {href}" if what == "link" and href else what)
            parts.append(f"<{count}>")
        elif child.type.endswith("_close") and child.type.replace("_close", "_open") in _PAIRED:
            parts.append(f"</{numbers.pop()}>" if numbers else "")
        elif child.type == "image":
            parts.append(plain_text(child.children or []))
    return " ".join("".join(parts).split()), tuple(markup)


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
