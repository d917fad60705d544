"""Printing an edition as Markdown, HTML or plain text.

Every word newsloc adds (the unreviewed banner, the untranslated label, the language
names, the links to other languages) is in the edition's language, from newsloc's own
gettext catalogues (`newsloc.translate.i18n`): an edition speaks one language. The English
source shown in place of an untranslated paragraph is marked `lang="en"` in HTML; its
label is in the edition's language.
"""

from __future__ import annotations

import html
import json
import re
from urllib.parse import urlsplit

from newsloc.glossary.model import SOURCE_LANGUAGE
from newsloc.translate.edition.content import (
    Alternate,
    Edition,
    EditionFormat,
    NamedConcept,
    PublishedParagraph,
    TextOrigin,
)
from newsloc.translate.edition.corrections import correction_notes
from newsloc.translate.i18n import language_name, translator
from newsloc.translate.markup import TAG, plain_text


def untranslated_mark(language: str) -> str:
    """The label above an English paragraph no one has translated yet."""
    _ = translator(language).gettext
    # TRANSLATORS: label above a paragraph printed in English because no
    # one has translated it yet; the reader sees it in place of the
    # translation.
    return _("Not yet translated: English original")


def machine_title(language: str) -> str:
    """The tooltip on a paragraph of unreviewed machine text."""
    _ = translator(language).gettext
    # TRANSLATORS: tooltip on a paragraph of machine translation no
    # editor has checked.
    return _("machine translation, not reviewed")


def outdated_title(language: str) -> str:
    """The mark on a translation of an earlier version of a paragraph."""
    _ = translator(language).gettext
    # TRANSLATORS: mark on a paragraph whose English original has changed
    # since it was translated: the text shown translates the earlier
    # version, and no editor has checked it against the new one.
    return _("translation of an earlier version of this paragraph, not reviewed")


def unreviewed_title(paragraph: PublishedParagraph, language: str) -> str | None:
    """The mark of a paragraph no editor has checked against this article, else None."""
    if paragraph.origin is TextOrigin.MACHINE:
        return machine_title(language)
    if paragraph.origin is TextOrigin.OUTDATED:
        return outdated_title(language)
    return None


def unreviewed_banner(edition: Edition) -> str:
    """One sentence saying how much of the edition no editor has checked."""
    ngettext = translator(edition.language).ngettext
    count = edition.machine_paragraphs + edition.outdated_paragraphs
    total = len(edition.paragraphs)
    # TRANSLATORS: banner at the top of an edition; count is the number
    # of paragraphs still machine-translated, total all paragraphs. The
    # plural follows count.
    return ngettext(
        "Unreviewed machine translation: %(count)d of %(total)d paragraphs has not been "
        "checked by an editor.",
        "Unreviewed machine translation: %(count)d of %(total)d paragraphs have not been "
        "checked by an editor.",
        count,
    ) % {"count": count, "total": total}


def byline_label(language: str) -> tuple[str, str]:
    """The words an edition puts before (and after) a byline whose source has no label of
    its own: `("By ", "")`, `("Автор: ", "")`."""
    _ = translator(language).gettext
    # TRANSLATORS: a byline's label, printed only when the article's byline
    # is names alone ("Anna Petrosyan", "Newsloc staff"); name is the
    # byline as written, one or more names. Choose words that do not
    # depend on how many names there are.
    template = _("By %(name)s")
    before, found, after = template.partition("%(name)s")
    return (before, after) if found else (f"{template} ", "")


def alternate_label(alternate: Alternate, language: str) -> str:
    """How the edition in `language` names another version: `ռուսերեն`, `английский (оригинал)`."""
    _ = translator(language).gettext
    name = language_name(alternate.language, language) or alternate.language
    if alternate.original:
        # TRANSLATORS: link to the English article the edition was
        # translated from; language is the name of English in your language,
        # e.g. "անգլերեն".
        return _("%(language)s (original)") % {"language": name}
    return name


def other_versions_label(language: str) -> str:
    """The words before the list of other versions."""
    _ = translator(language).gettext
    # TRANSLATORS: before the links to the same article in the other
    # languages.
    return _("This article in other languages:")


def _others(edition: Edition) -> list[Alternate]:
    return [a for a in edition.alternates if a.language != edition.language]


def _dateline(edition: Edition, separator: str) -> str:
    parts = [edition.language_name] + ([edition.date_text] if edition.date_text else [])
    return separator.join(parts)


def _markup(paragraph: PublishedParagraph) -> dict[str, tuple[str, str]]:
    return {number: (what, href) for number, what, href in paragraph.markup}


def plain(paragraph: PublishedParagraph) -> str:
    """The paragraph's words, its inline tags left out (a line break as a space)."""
    return plain_text(paragraph.text)


def headline_text(edition: Edition) -> str | None:
    """The edition's headline as plain words, when the article has one."""
    headline = edition.headline
    return plain(headline) if headline is not None else None


def _safe_href(href: str) -> str | None:
    scheme = href.split(":", 1)[0].lower() if ":" in href.split("/", 1)[0] else ""
    return href if scheme in ("", "http", "https", "mailto") else None


def safe_image_src(src: str) -> str | None:
    """A picture's address if an edition may publish it: http(s) or relative; None for
    anything else (`javascript:`, `data:`, `file:`…). The address is first read as a
    browser reads it (WHATWG URL: control characters and spaces around it dropped, tabs
    and line ends inside it too), so `java\tscript:` is seen for what it is; a space
    inside becomes `%20`."""
    kept = "".join(char for char in src if char >= " " and char != "\x7f").strip(" ")
    cleaned = kept.replace(" ", "%20")
    if not cleaned:
        return None
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return None
    return cleaned if scheme in ("", "http", "https") else None


def _picture_src(*paragraphs: PublishedParagraph | None) -> str | None:
    """The address of the picture these alt text and caption belong to, when publishable."""
    src = next((p.image for p in paragraphs if p is not None and p.image), "")
    return safe_image_src(src) if src else None


# ---------------------------------------------------------------- plain text


def render_text(edition: Edition) -> str:
    """Paragraphs as the source had them: one per line, blank lines between."""
    blocks = [_dateline(edition, " · ")]
    if edition.unreviewed:
        blocks.append(f"[{unreviewed_banner(edition)}]")
    mark = untranslated_mark(edition.language)
    for paragraph in edition.paragraphs:
        text = plain(paragraph)
        if paragraph.needs_label:
            before, after = byline_label(edition.language)
            text = f"{before}{text}{after}"
        unchecked = unreviewed_title(paragraph, edition.language)
        if paragraph.origin is TextOrigin.SOURCE:
            blocks.append(f"[{mark}] {text}")
        elif unchecked:
            blocks.append(f"[{unchecked}] {text}")
        else:
            blocks.append(text)
    # The correction notes, oldest first, one bracketed paragraph each (edition.corrections).
    blocks.extend(f"[{note}]" for note in correction_notes(edition))
    others = _others(edition)
    if others:
        lines = [other_versions_label(edition.language)]
        lines += [f"- {alternate_label(a, edition.language)}: {a.href}" for a in others]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


# ---------------------------------------------------------------- Markdown

_MD_INLINE = re.compile(r"([\\`*_\[\]<>|&~])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """Backslash-escape what Markdown would read as markup, so the text prints as is
    (`&` too: `&lt;b&gt;` in an article is shown as written, not as `<b>`)."""
    escaped = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LINE_START.sub(
        lambda m: m.group(1) + re.sub(r"([#>+\-=.)])", r"\\\1", m.group(2)), escaped
    )


def markdown_inline(paragraph: PublishedParagraph) -> str:
    """The paragraph's words escaped, its tags as Markdown: links, emphasis, code, breaks."""
    table = _markup(paragraph)
    parts: list[str] = []
    links: list[str] = []
    position = 0
    text = paragraph.text
    for match in TAG.finditer(text):
        parts.append(escape_markdown(text[position : match.start()]))
        position = match.end()
        closing, number, lone = match.groups()
        what, href = table.get(number, ("", ""))
        if lone:
            parts.append("\\\n")
        elif what == "link" and _safe_href(href) is not None:
            parts.append("](<" + links.pop() + ">)" if closing else "[")
            if not closing:
                links.append(href)
        elif what in _MD_MARKS:
            parts.append(_MD_MARKS[what])
    parts.append(escape_markdown(text[position:]))
    return "".join(parts)


_MD_MARKS = {"emphasis": "*", "strong": "**", "code": "`"}


def _markdown_paragraph(paragraph: PublishedParagraph, language: str) -> str:
    text = markdown_inline(paragraph)
    if paragraph.needs_label:
        before, after = byline_label(language)
        text = f"{escape_markdown(before)}{text}{escape_markdown(after)}"
    if paragraph.origin is TextOrigin.SOURCE:
        text = f"**[{escape_markdown(untranslated_mark(language))}]** {text}"
    elif paragraph.is_byline or paragraph.kind in ("standfirst", "caption", "byline", "dateline"):
        text = f"*{text}*"
    unchecked = unreviewed_title(paragraph, language)
    if unchecked:  # as HTML's title on the paragraph, but visible: Markdown has no tooltips
        text = f"*\\[{escape_markdown(unchecked)}\\]* {text}"
    if paragraph.kind == "headline":
        return f"# {text}"
    if paragraph.kind == "pullquote":
        return f"> {text}"
    if paragraph.kind == "alt":
        return f"![{escape_markdown(plain(paragraph))}]({_markdown_src(paragraph)})"
    return text


def _markdown_src(paragraph: PublishedParagraph) -> str:
    """An image's destination, `<lachin-road.jpg>` ("" when there is none to publish)."""
    src = _picture_src(paragraph)
    if src is None:
        return ""
    return "<" + src.replace("<", "%3C").replace(">", "%3E") + ">"


def _markdown_blocks(paragraphs: list[PublishedParagraph], language: str) -> list[str]:
    """Each paragraph's Markdown; a caption whose picture has no alt text gets the
    picture, `![](<src>)`, above it."""
    blocks: list[str] = []
    previous: PublishedParagraph | None = None
    for paragraph in paragraphs:
        follows_its_alt = (
            previous is not None and previous.kind == "alt" and _same_picture(previous, paragraph)
        )
        if paragraph.kind == "caption" and not follows_its_alt and _markdown_src(paragraph):
            blocks.append(f"![]({_markdown_src(paragraph)})")
        blocks.append(_markdown_paragraph(paragraph, language))
        previous = paragraph
    return blocks


def _same_picture(alt: PublishedParagraph, caption: PublishedParagraph) -> bool:
    """An alt text and a caption after it belong to one picture unless their addresses
    say otherwise."""
    return not alt.image or not caption.image or alt.image == caption.image


def render_markdown(edition: Edition) -> str:
    """Plain Markdown: a dateline in italics, then the paragraphs."""
    paragraphs = list(edition.paragraphs)
    blocks = []
    if paragraphs and paragraphs[0].kind == "headline":  # the title above the masthead
        blocks.append(_markdown_paragraph(paragraphs.pop(0), edition.language))
    blocks.append(f"*{escape_markdown(_dateline(edition, ' · '))}*")
    if edition.unreviewed:
        blocks.append(f"> **{escape_markdown(unreviewed_banner(edition))}**")
    blocks.extend(_markdown_blocks(paragraphs, edition.language))
    notes = correction_notes(edition)
    if notes:  # the correction notes, oldest first: one quoted block (edition.corrections)
        blocks.append("\n>\n".join(f"> *{escape_markdown(note)}*" for note in notes))
    others = _others(edition)
    if others:
        links = " · ".join(
            f"[{escape_markdown(alternate_label(a, edition.language))}](<{a.href}>)" for a in others
        )
        blocks.append(f"{escape_markdown(other_versions_label(edition.language))} {links}")
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
.machine.outdated {{ border-left-color: #e3a36b; }}
.untranslated {{ margin: 0 0 1.1em; padding: 0.6rem 0.9rem; background: #f1f0ec; color: #57554f;
  border-left: 3px dashed #9a978e; }}
.untranslated p {{ margin: 0; }}
.languages {{ margin-top: 1.75rem; padding-top: 0.75rem; border-top: 1px solid #dcd9d0;
  font-size: 0.9rem; color: #5a5852; }}
.languages ul {{ display: inline; margin: 0; padding: 0; }}
.languages li {{ display: inline; margin-left: 0.6em; }}
.languages a {{ color: #8c1c13; }}
.untranslated .mark {{ display: block; font-size: 0.8rem; font-weight: 700;
  text-transform: uppercase; letter-spacing: 0.04em; color: #8c1c13; }}
h1 {{ margin: 0 0 0.75rem; font-size: 2rem; line-height: 1.25; }}
.standfirst {{ font-size: 1.15rem; color: #3a3934; font-weight: 600; }}
.dateline {{ font-variant: small-caps; color: #5a5852; }}
figure {{ margin: 0 0 1.1em; }}
figure.picture {{ min-height: 0.5rem; border-left: 3px solid #dcd9d0; }}
figure.picture img {{ display: block; max-width: 100%; height: auto; margin: 0 0 0.5rem; }}
figcaption {{ font-size: 0.9rem; color: #5a5852; margin: 0 0 1.1em; }}
.pullquote {{ margin: 1.5em 0; padding: 0 1.25rem; border-left: 4px solid #8c1c13;
  font-size: 1.25rem; font-style: italic; }}
.byline {{ margin-top: 1.75rem; padding-top: 0.75rem; border-top: 1px solid #dcd9d0;
  color: #5a5852; font-style: italic; }}
.correction {{ margin: 1.75rem 0 0; padding: 0.75rem 1rem; background: #eef3f8;
  border-left: 4px solid #2c5d8a; font-size: 0.95rem; }}
.correction p {{ margin: 0; }}
.correction p + p {{ margin-top: 0.5rem; }}
@media (max-width: 44rem) {{ article {{ margin: 0; padding: 1.25rem; }} }}
""".strip()


def _lang(code: str) -> str:
    """A BCP 47 tag for `lang` and `hreflang` attributes."""
    return html.escape(code.replace("_", "-"), quote=True)


_HTML_TAGS = {"emphasis": "em", "strong": "strong", "code": "code"}


def html_inline(paragraph: PublishedParagraph) -> str:
    """The paragraph's words escaped, its tags as HTML: `<a href>`, `<em>`, `<strong>`,
    `<code>`, `<br>` (an edition only gets well-formed tags: edition.build)."""
    table = _markup(paragraph)
    parts: list[str] = []
    position = 0
    text = paragraph.text
    for match in TAG.finditer(text):
        parts.append(html.escape(text[position : match.start()]))
        position = match.end()
        closing, number, lone = match.groups()
        what, href = table.get(number, ("", ""))
        if lone:
            parts.append("<br>")
            continue
        safe = _safe_href(href) if what == "link" else None
        if safe is not None:
            parts.append("</a>" if closing else f'<a href="{html.escape(safe, quote=True)}">')
        else:
            name = _HTML_TAGS.get(what, "span")
            parts.append(f"</{name}>" if closing else f"<{name}>")
    parts.append(html.escape(text[position:]))
    return "".join(parts)


#: Each element's HTML: (element, class).
_HTML_ELEMENTS = {
    "headline": ("h1", "headline"),
    "standfirst": ("p", "standfirst"),
    "byline": ("p", "byline"),
    "dateline": ("p", "dateline"),
    "caption": ("figcaption", "caption"),
    "pullquote": ("blockquote", "pullquote"),
}


def _html_paragraph(paragraph: PublishedParagraph, language: str) -> str:
    text = html_inline(paragraph)
    if paragraph.needs_label:
        text = _html_byline_label(text, paragraph, language)
    tag, element_class = _HTML_ELEMENTS.get(paragraph.kind, ("p", ""))
    if paragraph.origin is TextOrigin.SOURCE:
        mark = html.escape(untranslated_mark(language))
        if tag != "p":
            return (
                f'<{tag} class="{element_class} untranslated" lang="{SOURCE_LANGUAGE}">'
                f'<span class="mark" lang="{_lang(language)}">{mark}</span> {text}</{tag}>'
            )
        return (
            f'<div class="untranslated"><span class="mark">{mark}</span>'
            f'<p lang="{SOURCE_LANGUAGE}">{text}</p></div>'
        )
    classes = [
        name
        for name, on in (
            (element_class, bool(element_class) and element_class != "byline"),
            ("byline", paragraph.is_byline or paragraph.kind == "byline"),
            ("machine", paragraph.origin is TextOrigin.MACHINE),
            ("machine outdated", paragraph.origin is TextOrigin.OUTDATED),
        )
        if on
    ]
    attrs = f' class="{" ".join(classes)}"' if classes else ""
    unchecked = unreviewed_title(paragraph, language)
    if unchecked:
        attrs += f' title="{html.escape(unchecked, quote=True)}"'
    return f"<{tag}{attrs}>{text}</{tag}>"


def _html_byline_label(text: str, paragraph: PublishedParagraph, language: str) -> str:
    """The byline's names with the edition's label around them (its own `lang` when the
    names are printed as the English source)."""
    lang = f' lang="{_lang(language)}"' if paragraph.origin is TextOrigin.SOURCE else ""
    before, after = byline_label(language)
    if before.strip():
        text = f'<span class="label"{lang}>{html.escape(before.rstrip())}</span> {text}'
    if after.strip():
        text = f'{text} <span class="label"{lang}>{html.escape(after.lstrip())}</span>'
    return text


def _html_blocks(paragraphs: list[PublishedParagraph], language: str) -> list[str]:
    """Each paragraph's HTML; a picture's alt text and the caption after it share one
    `<figure>`."""
    blocks: list[str] = []
    pending_alt: PublishedParagraph | None = None
    for paragraph in paragraphs:
        if paragraph.kind == "alt":
            if pending_alt is not None:
                blocks.append(_figure(pending_alt, None, language))
            pending_alt = paragraph
            continue
        if paragraph.kind == "caption":
            if pending_alt is not None and not _same_picture(pending_alt, paragraph):
                blocks.append(_figure(pending_alt, None, language))
                pending_alt = None
            blocks.append(_figure(pending_alt, paragraph, language))
            pending_alt = None
            continue
        if pending_alt is not None:
            blocks.append(_figure(pending_alt, None, language))
            pending_alt = None
        blocks.append(_html_paragraph(paragraph, language))
    if pending_alt is not None:
        blocks.append(_figure(pending_alt, None, language))
    return blocks


def _figure(
    alt: PublishedParagraph | None, caption: PublishedParagraph | None, language: str
) -> str:
    """A picture: `<img src alt>` with the translated alt text, and its caption. Without an
    address to publish (a plain-text article, an address that is not http(s) or
    relative), the alt text stands as the figure's accessible name."""
    attrs = ' class="picture"'
    src = _picture_src(alt, caption)
    image = ""
    if src is not None:
        alt_text = html.escape(plain(alt), quote=True) if alt is not None else ""
        lang = ""
        if alt is not None and alt.origin is TextOrigin.SOURCE:
            lang = f' lang="{SOURCE_LANGUAGE}"'
        image = f'<img src="{html.escape(src, quote=True)}" alt="{alt_text}"{lang}>'
    elif alt is not None:
        label = html.escape(plain(alt), quote=True)
        attrs += f' role="figure" aria-label="{label}"'
        if alt.origin is TextOrigin.SOURCE:
            attrs += f' data-alt-lang="{SOURCE_LANGUAGE}"'
    inner = _html_paragraph(caption, language) if caption is not None else ""
    return f"<figure{attrs}>{image}{inner}</figure>"


def _html_alternates(edition: Edition) -> str:
    """`<link rel="alternate" hreflang>` for every version, this one included."""
    links = [
        f'<link rel="alternate" hreflang="{_lang(a.language)}" '
        f'href="{html.escape(a.href, quote=True)}">'
        for a in edition.alternates
    ]
    if edition.alternates and edition.index_href:
        links.append(
            '<link rel="alternate" hreflang="x-default" '
            f'href="{html.escape(edition.index_href, quote=True)}">'
        )
    return "".join(f"{link}\n" for link in links)


def _html_switcher(edition: Edition) -> str:
    others = _others(edition)
    if not others:
        return ""
    items = " ".join(
        f'<li><a href="{html.escape(a.href, quote=True)}" hreflang="{_lang(a.language)}" '
        f'rel="alternate">{html.escape(alternate_label(a, edition.language))}</a></li>'
        for a in others
    )
    label = html.escape(other_versions_label(edition.language))
    return f'<nav class="languages"><span>{label}</span><ul>{items}</ul></nav>'


def _date_source(edition: Edition) -> str:
    """`data-source` on the masthead's date: where it comes from (dateline or --date)."""
    if not edition.date_source:
        return ""
    return f' data-source="{html.escape(edition.date_source, quote=True)}"'


def correction_html(edition: Edition) -> str:
    """The correction notes as one `<aside>`, a paragraph each, oldest first (empty: none)."""
    notes = correction_notes(edition)
    if not notes:
        return ""
    paragraphs = "".join(f"<p>{html.escape(note)}</p>" for note in notes)
    return f'<aside class="correction" role="note">{paragraphs}</aside>'


def render_html(edition: Edition) -> str:
    """A self-contained page: inline CSS, no scripts, no external resources."""
    lang = _lang(edition.language)
    headline = headline_text(edition)
    title = html.escape(headline or f"{edition.domain} · {_dateline(edition, ' · ')}")
    masthead = f'<span class="language">{html.escape(edition.language_name)}</span>'
    if edition.date_text and edition.date:
        masthead += (
            '<span class="sep">·</span>'
            f'<time datetime="{edition.date.isoformat()}"{_date_source(edition)}>'
            f"{html.escape(edition.date_text)}</time>"
        )
    paragraphs = list(edition.paragraphs)
    body = []
    if paragraphs and paragraphs[0].kind == "headline":  # the title above the masthead
        body.append(_html_paragraph(paragraphs.pop(0), edition.language))
    body.append(f'<header class="masthead">{masthead}</header>')
    if edition.unreviewed:
        body.append(
            '<p class="banner" role="note">'
            f"<strong>{html.escape(unreviewed_banner(edition))}</strong></p>"
        )
    body.extend(_html_blocks(paragraphs, edition.language))
    body.append(correction_html(edition))
    switcher = _html_switcher(edition)
    if switcher:
        body.append(switcher)
    content = "\n".join(block for block in body if block)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n{_html_alternates(edition)}"
        f"<style>\n{_CSS}\n</style>\n</head>\n"
        f"<body>\n<article>\n{content}\n</article>\n</body>\n</html>\n"
    )


# ---------------------------------------------------------------- index


def _index_entries(
    editions: list[Edition], alternates: tuple[Alternate, ...]
) -> list[tuple[Edition, Alternate, str]]:
    """(edition, its link, its own name for itself) for every version, original first."""
    by_language = {alternate.language: alternate for alternate in alternates}
    return [
        (
            edition,
            by_language[edition.language],
            alternate_label(by_language[edition.language], edition.language),
        )
        for edition in editions
    ]


def render_index(
    domain: str, editions: list[Edition], alternates: tuple[Alternate, ...], fmt: EditionFormat
) -> str:
    """The page listing every version of the article, each named in its own language.

    The index speaks every language at once, so newsloc adds no sentence of its own: the
    original's headline as the heading (the domain when the article has none), then one
    link per version, named by its language and its own headline, with its date.
    """
    entries = _index_entries(editions, alternates)
    if fmt is EditionFormat.NINJS:  # a ninjs package: the versions as associations
        package = {
            "uri": f"urn:newsloc:{domain}",
            "type": "composite",
            "associations": [
                {"name": f"version-{e.language}", "uri": a.href, "type": "text",
                 "language": e.language.replace("_", "-")}
                for e, a, _ in entries
            ],
        }  # fmt: skip
        return json.dumps(package, ensure_ascii=False, indent=2) + "\n"
    heading = next((h for h in map(headline_text, editions) if h), domain)
    named = [(e, a, _with_headline(label, e)) for e, a, label in entries]
    entries = named
    if fmt is EditionFormat.TXT:
        lines = [heading, ""]
        for edition, alternate, label in entries:
            date = f" · {edition.date_text}" if edition.date_text else ""
            lines.append(f"{label}{date}: {alternate.href}")
        return "\n".join(lines) + "\n"
    if fmt is EditionFormat.MD:
        lines = [f"# {escape_markdown(heading)}", ""]
        for edition, alternate, label in entries:
            date = f" · {escape_markdown(edition.date_text)}" if edition.date_text else ""
            lines.append(f"- [{escape_markdown(label)}](<{alternate.href}>){date}")
        return "\n".join(lines) + "\n"
    links = "".join(
        f'<link rel="alternate" hreflang="{_lang(a.language)}" '
        f'href="{html.escape(a.href, quote=True)}">\n'
        for _, a, _ in entries
    )
    items = "\n".join(
        f'<li lang="{_lang(edition.language)}"><a href="{html.escape(a.href, quote=True)}" '
        f'hreflang="{_lang(a.language)}">{html.escape(label)}</a>'
        + (
            f' <span class="sep">·</span> <time datetime="{edition.date.isoformat()}">'
            f"{html.escape(edition.date_text)}</time>"
            if edition.date and edition.date_text
            else ""
        )
        + "</li>"
        for edition, a, label in entries
    )
    title = html.escape(heading)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="mul">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n{links}<style>\n{_CSS}\n"
        ".index li { margin: 0 0 0.5em; }\n</style>\n</head>\n"
        f'<body>\n<article class="index">\n<h1>{title}</h1>\n<ul>\n{items}\n</ul>\n'
        "</article>\n</body>\n</html>\n"
    )


# ---------------------------------------------------------------- ninjs


def render_ninjs(edition: Edition) -> str:
    """An IPTC ninjs 3 document: language, headline, standfirst as description, the body
    as HTML, byline, dateline as `located`, and the other language versions as
    associations with rel "translation"."""
    by_kind: dict[str, list[PublishedParagraph]] = {}
    for paragraph in edition.paragraphs:
        by_kind.setdefault(paragraph.kind, []).append(paragraph)
    document: dict[str, object] = {
        "uri": f"urn:newsloc:{edition.domain}:{edition.language}",
        "type": "text",
        "language": edition.language.replace("_", "-"),
    }
    if edition.date is not None:
        document["contentCreated"] = edition.date.isoformat()
    if edition.unreviewed:  # a note to the receiving desk, in the edition's language
        document["edNote"] = unreviewed_banner(edition)
    headline = headline_text(edition)
    if headline:
        document["headlines"] = [{"role": "main", "value": headline}]
    standfirst = " ".join(plain(p) for p in by_kind.get("standfirst", []))
    if standfirst:
        document["descriptions"] = [{"role": "summary", "value": standfirst}]
    body = [p for p in edition.paragraphs if p.kind not in ("headline", "standfirst", "byline")]
    body = [p for p in body if not p.is_byline and p.kind != "dateline"]
    if body:
        html_body = "\n".join([*_html_blocks(body, edition.language), correction_html(edition)])
        html_body = html_body.rstrip("\n")
        document["bodies"] = [{"role": "main", "contentType": "text/html", "value": html_body}]
    bylines = [plain(p) for p in edition.paragraphs if p.kind == "byline" or p.is_byline]
    if bylines:
        document["by"] = " ".join(bylines)
    datelines = [plain(p) for p in by_kind.get("dateline", [])]
    if datelines:
        document["located"] = datelines[0]
    places = [_ninjs_concept(c) for c in edition.concepts if not c.organisation]
    if places:
        document["places"] = places
    organisations = [_ninjs_concept(c) for c in edition.concepts if c.organisation]
    if organisations:
        document["organisations"] = organisations
    others = _others(edition)
    if others:
        document["associations"] = [
            {
                "name": alternate_label(a, edition.language),
                "uri": a.href,
                "rel": "translation",
                "type": "text",
                "language": a.language.replace("_", "-"),
            }
            for a in others
        ]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _ninjs_concept(concept: NamedConcept) -> dict[str, str]:
    """A ninjs place or organisation: its name in the edition's language, and the glossary
    concept's id as `literal` and `uri` (the same in every language version)."""
    return {
        "name": concept.name,
        "uri": concept.uri,
        "literal": concept.concept_id,
    }


def _with_headline(label: str, edition: Edition) -> str:
    """`հայերեն: Ինժեներները …`: the version's language and, when it has one, its headline."""
    headline = headline_text(edition)
    return f"{label}: {headline}" if headline else label


_RENDERERS = {
    EditionFormat.MD: render_markdown,
    EditionFormat.HTML: render_html,
    EditionFormat.TXT: render_text,
    EditionFormat.NINJS: render_ninjs,
}


def render(edition: Edition, fmt: EditionFormat) -> str:
    """The edition's text in `fmt`."""
    return _RENDERERS[fmt](edition)
