"""Correction notes: an edition built after the article or its reviewed text changed says so.

`edition build --correction` compares what each edition will print with what its last
build printed (`edition.record`). When words changed (a paragraph of the source
corrected, added or removed, or a translation changed), the edition gets a new note in
its own language: "This article was corrected on {date}.", the first words of each
paragraph changed or added (as this edition prints them), and how many paragraphs of the
earlier version are gone. The date is the edition's own (`--date`, or the article's
dateline), never the day the command ran.

A newsroom never un-publishes a correction: every note an edition printed is kept in the
record with the words it quoted, and every later build of that edition prints them all,
oldest first, with the new one last. The wording is newsloc's own gettext domain
(`translate/locales`), like the edition's other labels; the renderers (`edition.formats`)
place the notes: an `<aside class="correction">` at the end of the HTML page (and of a
ninjs document's body), a quoted block in Markdown, bracketed paragraphs in text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsloc.translate.edition.content import Correction, Edition
from newsloc.translate.edition.gate import first_words
from newsloc.translate.edition.record import (
    ChangeKind,
    EditionRecord,
    ParagraphState,
    Staleness,
    follow_lines,
)
from newsloc.translate.i18n import translator
from newsloc.translate.markup import plain_text

#: Quotation marks around the first words of a corrected paragraph.
_QUOTES = {"hy": ("«", "»"), "ru": ("«", "»")}


def excerpt(text: str, language: str) -> str:
    """The first words of a paragraph as a note quotes them, in the language's marks."""
    opening, closing = _QUOTES.get(language.split("_")[0], ("“", "”"))
    return f"{opening}{first_words(plain_text(text))}{closing}"


def _excerpts(lines: Sequence[int], edition: Edition) -> tuple[str, ...]:
    """The quoted first words of the paragraphs at `lines`, as `edition` prints them."""
    by_line = {p.line: p for p in edition.paragraphs}
    seen: set[int] = set()
    found = []
    for line in lines:
        paragraph = by_line.get(line)
        if paragraph is not None and line not in seen:
            seen.add(line)
            found.append(excerpt(paragraph.text, edition.language))
    return tuple(found)


def make_correction(
    staleness: Staleness | None, edition: Edition, date_text: str
) -> Correction | None:
    """The note for what changed since the last build; None when no printed word did."""
    if staleness is None:
        return None
    changed = [c for c in staleness.changes if c.kind.corrects]
    if not changed:
        return None
    lines = tuple(c.lines[0] for c in changed if c.kind is not ChangeKind.REMOVED and c.lines)
    removed = sum(1 for c in changed if c.kind is ChangeKind.REMOVED)
    return Correction(
        date_text=date_text, excerpts=_excerpts(lines, edition), removed=removed, lines=lines
    )


def kept_corrections(
    previous: EditionRecord | None, now: Sequence[ParagraphState], edition: Edition
) -> tuple[Correction, ...]:
    """Every note the last build printed, as it printed them.

    A note from a record written before notes kept their words (`newsloc-editions/1`
    with one `correction` object holding only line numbers) is settled here, once: each
    line is followed to the paragraph it pairs with now (`record.follow_lines`) and its
    first words are quoted as this edition prints them; from then on the record holds
    those words."""
    if previous is None:
        return ()
    notes = []
    for note in previous.corrections:
        if not note.excerpts and note.lines:
            moved = follow_lines(previous.paragraphs, now)
            lines = [moved[line] for line in note.lines if line in moved]
            note = replace(note, excerpts=_excerpts(lines, edition), lines=tuple(lines))
        notes.append(note)
    return tuple(notes)


def correction_notes(edition: Edition) -> list[str]:
    """Each of the edition's notes as one paragraph of text, oldest first (empty: none)."""
    return [" ".join(correction_sentences(note, edition.language)) for note in edition.corrections]


def correction_sentences(correction: Correction, language: str) -> list[str]:
    """One note's sentences in the edition's language."""
    translation = translator(language)
    _, ngettext = translation.gettext, translation.ngettext
    # TRANSLATORS: first sentence of the correction note at the end of an
    # edition whose article changed since it was first published; date is
    # the edition's date as the edition writes it (e.g. "19 September 2023").
    sentences = [_("This article was corrected on %(date)s.") % {"date": correction.date_text}]
    if correction.excerpts:
        sentences.append(
            # TRANSLATORS: second sentence of the correction note; paragraphs
            # is the list of the first words of each paragraph changed or added,
            # each in quotation marks, separated by semicolons.
            ngettext(
                "Paragraph changed or added: %(paragraphs)s.",
                "Paragraphs changed or added: %(paragraphs)s.",
                len(correction.excerpts),
            )
            % {"paragraphs": "; ".join(correction.excerpts)}
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
