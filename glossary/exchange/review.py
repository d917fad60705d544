"""Glossary review as a gettext catalogue: one entry per name, its nominative as msgstr.

Reviewers know Poedit and Weblate, not TOML. `review_catalogue` writes what they need to
judge a name beside it as extracted comments (kind, note, source, the other case forms,
variants, the contested partner); `glossary.exchange.review_import` reads their edits back.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import polib

from newsloc.base.po.conventions import WRAP_WIDTH, plural_forms
from newsloc.base.po.writer import format_catalogue
from newsloc.base.version import generator
from newsloc.glossary.errors import GlossaryError
from newsloc.glossary.model import CASES, CaseForms, Concept, Glossary

#: Separates the concept id from the name in msgctxt: `stepanakert|Stepanakert`.
CONTEXT_SEPARATOR = "|"

_HEADER_COMMENT = (
    "Glossary review for {language}: {name} {version}.\n"
    "Each entry is one name of one place; msgstr is its base (nominative) form.\n"
    "Change msgstr to correct it; leave it as it is (or empty) to keep it.\n"
    "Only msgstr is read back: the other case forms are listed for reference\n"
    "and are corrected in the glossary file itself."
)


def review_context(concept_id: str, name: str) -> str:
    return f"{concept_id}{CONTEXT_SEPARATOR}{name}"


def _display_path(path: Path) -> str:
    """Relative to the working directory when the file lies below it, absolute otherwise."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def _comments(glossary: Glossary, concept: Concept, language: str, name: str) -> list[str]:
    forms = concept.forms_of(language, name)
    assert forms is not None
    lines = []
    if concept.kind:
        lines.append(f"kind: {concept.kind}")
    if concept.note:
        lines.append(f"note: {concept.note}")
    if concept.source:
        lines.append(f"source: {concept.source}")
    if concept.is_ambiguous(name):
        lines.append("ambiguous: the English name also means something else; never rewritten")
    elif concept.ambiguous:
        listed = ", ".join(concept.ambiguous_names)
        lines.append(
            f"ambiguous: only {listed} (the English also means something else; never "
            f"rewritten); a source that says {name} is rewritten as usual"
        )
    others = []
    for other in concept.others(name):
        other_forms = concept.forms_of(language, other)
        others.append(f"{other} ({other_forms.nom})" if other_forms else other)
    if others:
        also = f"contested: also called {', '.join(others)}"
        if concept.dual:
            lines.append(f"{also}; both names are kept")
        else:
            lines.append(f"{also}; only the source's name is written, the other is recognised")
        if concept.contested_own is not None:
            lines.append(f"contested setting (this concept's own): {concept.contested_own}")
        if concept.community:
            used = "; ".join(f"{lang}: {name}" for lang, name in concept.community.items())
            lines.append(f"name each community uses: {used}")
    spellings = concept.en_spellings.get(name, ())
    if spellings:
        lines.append(f"English spellings: {'; '.join(spellings)}")
    for case in CASES.get(language, tuple(forms.cases)):
        if case != "nom" and case in forms.cases:
            lines.append(f"{case}: {forms.cases[case]}")
    if set(forms.cases) == {"nom"}:
        lines.append("one form, used for every case")
    if forms.variants:
        variants = "; ".join(_listed(variant) for variant in forms.variants)
        lines.append(f"variants (detected, never written): {variants}")
    if forms.short:
        short = "; ".join(_listed(item) for item in forms.short)
        lines.append(f"short forms (count as the name, never rewritten): {short}")
    return lines


def review_catalogue(
    glossary: Glossary, language: str, now: dt.datetime | None = None
) -> polib.POFile:
    """A catalogue with one entry per name of every concept that has `language`."""
    if language not in glossary.targets:
        label = glossary.path or glossary.name
        raise GlossaryError(
            f"{label}: no target language {language!r} (this glossary has "
            f"{', '.join(glossary.targets)})"
        )
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M%z")
    catalogue = polib.POFile(wrapwidth=WRAP_WIDTH)
    catalogue.header = _HEADER_COMMENT.format(
        language=language, name=glossary.name, version=glossary.version
    )
    catalogue.metadata = {
        "Project-Id-Version": f"{glossary.name} {glossary.version}",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": stamp,
        "PO-Revision-Date": stamp,
        "Last-Translator": "",
        "Language-Team": "",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms(language),
        "X-Generator": generator(),
        "X-Glossary-Name": glossary.name,
        "X-Glossary-Version": glossary.version,
    }
    for concept in glossary:
        if language not in glossary.languages_of(concept):
            continue
        occurrences = []
        if glossary.path is not None and concept.line is not None:
            occurrences.append((_display_path(glossary.path), str(concept.line)))
        for name in concept.names:
            forms = concept.forms_of(language, name)
            if forms is None:
                continue
            catalogue.append(
                polib.POEntry(
                    msgctxt=review_context(concept.id, name),
                    msgid=name,
                    msgstr=forms.nom,
                    comment="\n".join(_comments(glossary, concept, language, name)),
                    occurrences=list(occurrences),
                )
            )
    return catalogue


def export_review(glossary: Glossary, language: str, now: dt.datetime | None = None) -> str:
    """The review catalogue as .po text."""
    return format_catalogue(review_catalogue(glossary, language, now))


def _listed(spelling: CaseForms) -> str:
    """A variant or short form for a comment: its forms, the nominative first."""
    return ", ".join(dict.fromkeys(spelling.cases.values()))
