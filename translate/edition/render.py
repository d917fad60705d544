"""Printing an edition as Markdown, HTML or plain text.

Editorial marks (the unreviewed banner, the untranslated label) are in English in every
edition: they are instructions to the newsroom, not part of the story, and a wrong
sentence in the reader's language would be worse than a clear one in English.
"""

from __future__ import annotations

import html
import re

from newsloc.glossary.model import SOURCE_LANGUAGE
from newsloc.translate.edition.model import (
    Edition,
    EditionFormat,
    Paragraph,
    TextOrigin,
)

UNTRANSLATED_MARK = "Not yet translated: English original"


def unreviewed_banner(edition: Edition) -> str:
    """One sentence saying how much of the edition no editor has checked."""
    count = edition.machine_paragraphs
    total = len(edition.paragraphs)
    verb = "has" if count == 1 else "have"
    return (
        f"Unreviewed machine translation: {count} of {total} paragraphs {verb} not been "
        "checked by an editor."
    )


def _dateline(edition: Edition, separator: str) -> str:
    parts = [edition.language_name] + ([edition.date_text] if edition.date_text else [])
    return separator.join(parts)


# ---------------------------------------------------------------- plain text


def render_text(edition: Edition) -> str:
    """Paragraphs as the source had them: one per line, blank lines between."""
    blocks = [_dateline(edition, " · ")]
    if edition.unreviewed:
        blocks.append(f"[{unreviewed_banner(edition)}]")
    for paragraph in edition.paragraphs:
        if paragraph.origin is TextOrigin.SOURCE:
            blocks.append(f"[{UNTRANSLATED_MARK}] {paragraph.text}")
        else:
            blocks.append(paragraph.text)
    return "\n\n".join(blocks) + "\n"


# ---------------------------------------------------------------- Markdown

_MD_INLINE = re.compile(r"([\\`*_\[\]<>|])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """Backslash-escape what Markdown would read as markup, so the text prints as is."""
    escaped = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LINE_START.sub(
        lambda m: m.group(1) + re.sub(r"([#>+\-=.)])", r"\\\1", m.group(2)), escaped
    )


def _markdown_paragraph(paragraph: Paragraph) -> str:
    text = escape_markdown(paragraph.text)
    if paragraph.origin is TextOrigin.SOURCE:
        return f"**[{UNTRANSLATED_MARK}]** {text}"
    if paragraph.is_byline:
        return f"*{text}*"
    return text


def render_markdown(edition: Edition) -> str:
    """Plain Markdown: a dateline in italics, then the paragraphs."""
    blocks = [f"*{escape_markdown(_dateline(edition, ' · '))}*"]
    if edition.unreviewed:
        blocks.append(f"> **{unreviewed_banner(edition)}**")
    blocks.extend(_markdown_paragraph(p) for p in edition.paragraphs)
    return "\n\n".join(blocks) + "\n"


# ---------------------------------------------------------------- HTML

#: DejaVu Sans and the Noto fonts cover Armenian (U+0530–U+058F) and Azerbaijani ə ğ ı ş.
FONT_STACK = '"Noto Sans", "Noto Sans Armenian", "DejaVu Sans", "Arial Unicode MS", sans-serif'

_CSS = f"""
:root {{ color-scheme: light; }}
body {{ margin: 0; background: #f6f5f1; color: #1d1d1b;
  font-family: {FONT_STACK}; font-size: 18px; line-height: 1.65; }}
article {{ max-width: 40rem; margin: 2.5rem auto; padding: 2rem 2.5rem 2.5rem;
  background: #ffffff; border-top: 4px solid #8c1c13;
  box-shadow: 0 1px 3px rgba(0, 0, 0, 0.08); }}
.masthead {{ margin: 0 0 1.75rem; padding-bottom: 0.75rem; border-bottom: 1px solid #dcd9d0;
  color: #5a5852; font-size: 0.9rem; letter-spacing: 0.02em; }}
.masthead .language {{ font-weight: 700; color: #8c1c13; }}
.masthead .sep {{ margin: 0 0.4em; color: #b5b2a8; }}
p {{ margin: 0 0 1.1em; }}
.banner {{ margin: 0 0 1.75rem; padding: 0.75rem 1rem; background: #fff3cd;
  border-left: 4px solid #d39e00; font-size: 0.95rem; }}
.machine {{ border-left: 3px solid #f0d58a; padding-left: 0.8rem; margin-left: -0.95rem; }}
.untranslated {{ padding: 0.6rem 0.9rem; background: #f1f0ec; color: #57554f;
  border-left: 3px dashed #9a978e; }}
.untranslated .mark {{ display: block; font-size: 0.8rem; font-weight: 700;
  text-transform: uppercase; letter-spacing: 0.04em; color: #8c1c13; }}
.byline {{ margin-top: 1.75rem; padding-top: 0.75rem; border-top: 1px solid #dcd9d0;
  color: #5a5852; font-style: italic; }}
@media (max-width: 44rem) {{ article {{ margin: 0; padding: 1.25rem; }} }}
""".strip()


def _html_paragraph(paragraph: Paragraph) -> str:
    text = html.escape(paragraph.text)
    if paragraph.origin is TextOrigin.SOURCE:
        return (
            f'<p class="untranslated" lang="{SOURCE_LANGUAGE}">'
            f'<span class="mark">{html.escape(UNTRANSLATED_MARK)}</span>{text}</p>'
        )
    classes = [
        name
        for name, on in (
            ("byline", paragraph.is_byline),
            ("machine", paragraph.origin is TextOrigin.MACHINE),
        )
        if on
    ]
    attrs = f' class="{" ".join(classes)}"' if classes else ""
    if paragraph.origin is TextOrigin.MACHINE:
        attrs += ' title="machine translation, not reviewed"'
    return f"<p{attrs}>{text}</p>"


def render_html(edition: Edition) -> str:
    """A self-contained page: inline CSS, no scripts, no external resources."""
    lang = html.escape(edition.language.replace("_", "-"), quote=True)
    title = html.escape(f"{edition.domain} · {_dateline(edition, ' · ')}")
    masthead = f'<span class="language">{html.escape(edition.language_name)}</span>'
    if edition.date_text and edition.date:
        masthead += (
            '<span class="sep">·</span>'
            f'<time datetime="{edition.date.isoformat()}">{html.escape(edition.date_text)}</time>'
        )
    body = [f'<header class="masthead">{masthead}</header>']
    if edition.unreviewed:
        body.append(
            f'<p class="banner" role="note" lang="{SOURCE_LANGUAGE}">'
            f"<strong>{html.escape(unreviewed_banner(edition))}</strong></p>"
        )
    body.extend(_html_paragraph(p) for p in edition.paragraphs)
    content = "\n".join(body)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>\n{_CSS}\n</style>\n</head>\n"
        f"<body>\n<article>\n{content}\n</article>\n</body>\n</html>\n"
    )


_RENDERERS = {
    EditionFormat.MD: render_markdown,
    EditionFormat.HTML: render_html,
    EditionFormat.TXT: render_text,
}


def render(edition: Edition, fmt: EditionFormat) -> str:
    """The edition's text in `fmt`."""
    return _RENDERERS[fmt](edition)
