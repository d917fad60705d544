"""Correction notes: an edition built after the article or its reviewed text changed says so.

`edition build --correction` compares what each edition will print with what its last
build printed (`edition.record`). When words changed (a paragraph of the source
corrected, added or removed, or a translation changed), the edition ends with a note in
its own language: "This article was corrected on {date}.", the first words of each
paragraph changed or added (as this edition prints them), and how many paragraphs of the
earlier version are gone. The date is the edition's own (`--date`, or the article's
dateline), never the day the command ran. The wording is newsloc's own gettext domain
(`translate/locales`), like the edition's other labels; the renderers
(`edition.formats`) place it: an `<aside class="correction">` at the end of the HTML
page (and of a ninjs document's body), a quoted block in Markdown, a bracketed block in
text.
"""

from __future__ import annotations

from newsloc.translate.edition.content import Correction, Edition
from newsloc.translate.edition.gate import first_words
from newsloc.translate.edition.record import ChangeKind, EditionRecord, Staleness
from newsloc.translate.i18n import translator
from newsloc.translate.markup import plain_text

#: Quotation marks around the first words of a corrected paragraph.
_QUOTES = {"hy": ("«", "»"), "ru": ("«", "»")}


def make_correction(staleness: Staleness | None, date_text: str) -> Correction | None:
    """The note for what changed since the last build; None when no printed word did."""
    if staleness is None:
        return None
    changed = [c for c in staleness.changes if c.kind.corrects]
    if not changed:
        return None
    lines = tuple(c.lines[0] for c in changed if c.kind is not ChangeKind.REMOVED and c.lines)
    removed = sum(1 for c in changed if c.kind is ChangeKind.REMOVED)
    return Correction(date_text=date_text, lines=lines, removed=removed)


def carried_correction(
    previous: EditionRecord | None, staleness: Staleness | None, date_text: str | None
) -> Correction | None:
    """The note the last build printed, kept when the article's paragraphs have not moved
    since (nothing changed in the source), so a rebuild does not drop it."""
    if previous is None or previous.correction is None or date_text is None:
        return None
    if staleness is not None and staleness.source_changes:
        return None
    note = previous.correction
    return Correction(date_text=note.date_text, lines=note.lines, removed=note.removed)


def _excerpt(text: str, language: str) -> str:
    opening, closing = _QUOTES.get(language.split("_")[0], ("“", "”"))
    return f"{opening}{first_words(plain_text(text))}{closing}"


def correction_sentences(edition: Edition) -> list[str]:
    """The note's sentences in the edition's language (empty: no note)."""
    correction = edition.correction
    if correction is None:
        return []
    translation = translator(edition.language)
    _, ngettext = translation.gettext, translation.ngettext
    # TRANSLATORS: first sentence of the correction note at the end of an
    # edition whose article changed since it was first published; date is
    # the edition's date as the edition writes it (e.g. "19 September 2023").
    sentences = [_("This article was corrected on %(date)s.") % {"date": correction.date_text}]
    seen: set[int] = set()
    excerpts = []
    for line in correction.lines:
        paragraph = next((p for p in edition.paragraphs if p.line == line), None)
        if paragraph is not None and line not in seen:
            seen.add(line)
            excerpts.append(_excerpt(paragraph.text, edition.language))
    if excerpts:
        sentences.append(
            # TRANSLATORS: second sentence of the correction note; paragraphs
            # is the list of the first words of each paragraph changed or added,
            # each in quotation marks, separated by semicolons.
            ngettext(
                "Paragraph changed or added: %(paragraphs)s.",
                "Paragraphs changed or added: %(paragraphs)s.",
                len(excerpts),
            )
            % {"paragraphs": "; ".join(excerpts)}
        )
    if correction.removed:
        sentences.append(
            # TRANSLATORS: last sentence of the correction note; count is the
            # number of paragraphs of the earlier version no longer in the
            # article.
            ngettext(
                "%(count)d paragraph of the earlier version was removed.",
                "%(count)d paragraphs of the earlier version were removed.",
                correction.removed,
            )
            % {"count": correction.removed}
        )
    return sentences
