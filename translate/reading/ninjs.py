"""IPTC ninjs documents (News in JSON), versions 2.x and 3.x.

3.x: `headlines` (role "main" or the first), `descriptions` (the standfirst: role
"summary", "standfirst" or the first), `by`, `located`, `bodies` (HTML by its
`contentType`, else text); 2.x: `headline`, `description_text`/`description_html`,
`byline`, `located`, `body_html`/`body_text`. Pictures among `associations` give their
descriptions as caption and alt text (a description whose role names alt text).
Line references point at the line of the field in the JSON file (every paragraph of a
body has its body's line; catalogues keep document order).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from newsloc.translate.errors import UserError
from newsloc.translate.reading import html
from newsloc.translate.segment import Paragraph, read_text, split_paragraphs

_STANDFIRST_ROLES = ("summary", "standfirst", "lede", "subheadline", "description")
_ALT_ROLES = ("alt", "alttext", "alternative", "alt_text")


def read(path: Path) -> Iterator[Paragraph]:
    raw = read_text(path)
    try:
        document = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise UserError(f"{path}: not a ninjs document (JSON error: {exc})") from None
    if not isinstance(document, dict):
        raise UserError(f"{path}: not a ninjs document (expected a JSON object)")
    lines = _LineFinder(raw)
    yield from _item(document, path, lines, top=True)


def _item(doc: Mapping[str, Any], path: Path, lines: _LineFinder, top: bool) -> Iterator[Paragraph]:
    headline = _pick(doc.get("headlines"), ("main", "headline")) or _text(doc.get("headline"))
    if headline and top:
        yield Paragraph(_one_line(headline), lines.find(headline), "headline")
    standfirst, standfirst_html = _described(doc)
    if top and standfirst:
        yield from _rich(standfirst, standfirst_html, path, lines, "standfirst")
    byline = _text(doc.get("by")) or _text(doc.get("byline"))
    if top and byline:
        yield Paragraph(_one_line(byline), lines.find(byline), "byline")
    located = _text(doc.get("located"))
    if top and located:
        yield Paragraph(_one_line(located), lines.find(located), "dateline")
    body, body_html = _body(doc)
    if top and body:
        yield from _rich(body, body_html, path, lines, "")
    associations = doc.get("associations")
    pictures: list[Mapping[str, Any]] = []
    if isinstance(associations, list):
        pictures = [a for a in associations if isinstance(a, dict)]
    elif isinstance(associations, dict):
        pictures = [a for a in associations.values() if isinstance(a, dict)]
    for picture in pictures:
        yield from _picture(picture, lines)


def _picture(doc: Mapping[str, Any], lines: _LineFinder) -> Iterator[Paragraph]:
    descriptions = doc.get("descriptions")
    alt = _pick(descriptions, _ALT_ROLES, fallback=False)
    caption = ""
    if isinstance(descriptions, list):
        caption = next(
            (
                _text(d.get("value"))
                for d in descriptions
                if isinstance(d, dict) and str(d.get("role", "")).lower() not in _ALT_ROLES
            ),
            "",
        )
    caption = caption or _text(doc.get("description_text")) or _text(doc.get("body_text"))
    # One picture, one place: alt text and caption share the first of their lines.
    line = min(lines.find(text) for text in (alt, caption) if text) if alt or caption else 1
    address = _picture_address(doc)
    if alt:
        yield Paragraph(_one_line(alt), line, "alt", image=address)
    if caption:
        yield Paragraph(_one_line(caption), line, "caption", image=address)


def _picture_address(doc: Mapping[str, Any]) -> str:
    """Where the picture is: a rendition's `href` (the one named `original`, else the
    first), else the picture's `uri` when it is a web address (a ninjs `uri` may be an
    identifier only)."""
    renditions = doc.get("renditions")
    if isinstance(renditions, list):
        found = [r for r in renditions if isinstance(r, dict) and _text(r.get("href"))]
        chosen = next((r for r in found if r.get("name") == "original"), None)
        if chosen is None and found:
            chosen = found[0]
        if chosen is not None:
            return _text(chosen.get("href"))
    uri = _text(doc.get("uri"))
    return uri if uri.lower().startswith(("http://", "https://")) else ""


def _described(doc: Mapping[str, Any]) -> tuple[str, bool]:
    descriptions = doc.get("descriptions")
    if isinstance(descriptions, list) and descriptions:
        chosen = _choose(descriptions, _STANDFIRST_ROLES)
        if chosen is not None:
            return _text(chosen.get("value")), "html" in str(chosen.get("contentType", ""))
    if _text(doc.get("description_html")):
        return _text(doc.get("description_html")), True
    return _text(doc.get("description_text")), False


def _body(doc: Mapping[str, Any]) -> tuple[str, bool]:
    bodies = doc.get("bodies")
    if isinstance(bodies, list) and bodies:
        chosen = _choose(bodies, ("main", "body"))
        if chosen is not None:
            return _text(chosen.get("value")), "html" in str(chosen.get("contentType", ""))
    if _text(doc.get("body_html")):
        return _text(doc.get("body_html")), True
    return _text(doc.get("body_text")), False


def _rich(
    value: str, is_html: bool, path: Path, lines: _LineFinder, kind: str
) -> Iterator[Paragraph]:
    """A text or HTML field's paragraphs, `kind` given to each (body keeps its own kinds)."""
    line = lines.find(value)
    # A JSON string is one line of the file: every paragraph in it has the field's line.
    found = (
        (Paragraph(p.text, line, p.kind, p.markup) for p in html.read_html(value, path, line))
        if is_html
        else (
            Paragraph(p.text, line, p.kind) for p in split_paragraphs(value.replace("\r\n", "\n"))
        )
    )
    for paragraph in found:
        if kind and paragraph.kind in ("body", ""):
            yield Paragraph(paragraph.text, paragraph.line, kind, paragraph.markup)
        else:
            yield paragraph


def _choose(items: list[Any], roles: tuple[str, ...]) -> Mapping[str, Any] | None:
    objects = [item for item in items if isinstance(item, dict) and _text(item.get("value"))]
    for item in objects:
        if str(item.get("role", "")).lower() in roles:
            return item
    return objects[0] if objects else None


def _pick(items: Any, roles: tuple[str, ...], fallback: bool = True) -> str:
    if not isinstance(items, list):
        return ""
    objects = [item for item in items if isinstance(item, dict) and _text(item.get("value"))]
    for item in objects:
        if str(item.get("role", "")).lower() in roles:
            return _text(item.get("value"))
    return _text(objects[0].get("value")) if objects and fallback else ""


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _one_line(value: str) -> str:
    return " ".join(value.split())


class _LineFinder:
    """The line of the JSON file where a string value stands (1 when it cannot be found)."""

    def __init__(self, raw: str) -> None:
        self.raw = raw

    def find(self, value: str) -> int:
        encoded = json.dumps(value, ensure_ascii=False)[1:-1]
        at = self.raw.find(encoded)
        if at < 0:
            at = self.raw.find(json.dumps(value)[1:-1])
        return self.raw.count("\n", 0, at) + 1 if at >= 0 else 1
