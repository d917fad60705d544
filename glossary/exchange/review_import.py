"""Reviewed glossary catalogues back into the TOML file, touching only the edited values.

The file is edited through tomlkit, so its comments, order and layout survive; only the
`nom` form (or the plain string) of each edited name changes. The whole new text is checked
with the loader before it replaces the file, in one atomic rename.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import polib
import tomlkit
from tomlkit.exceptions import TOMLKitError

from newsloc.base.files import Snapshot, atomic_write_text
from newsloc.base.po.conventions import read_catalogue
from newsloc.glossary.catalogue_language import catalogue_language
from newsloc.glossary.errors import GlossaryError
from newsloc.glossary.exchange.review import CONTEXT_SEPARATOR
from newsloc.glossary.loader import parse_glossary, read_glossary_text
from newsloc.glossary.model import Concept, Glossary


@dataclass(frozen=True)
class NameChange:
    """One reviewed nominative: `stepanakert Stepanakert ru: Степанакерт → …`."""

    concept_id: str
    name: str
    language: str
    old: str
    new: str
    #: Case forms kept as they were beside the new nominative; they may need updating too.
    kept_cases: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.concept_id} {self.name} {self.language}: {self.old} → {self.new}"


@dataclass
class ReviewResult:
    """What a review import changed (or would change, on a dry run) and what to look at."""

    language: str
    changes: list[NameChange] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    text: str = ""
    written: bool = False
    #: What the glossary file held when it was read: a save since then is not overwritten.
    read_from: Snapshot | None = None


def _read_catalogue(po_path: Path) -> polib.POFile:
    if not po_path.is_file():
        raise GlossaryError(f"{po_path}: no such file")
    return read_catalogue(po_path)


def _split_context(glossary: Glossary, context: str) -> tuple[Concept, str] | None:
    """The concept and name a msgctxt names; ids or names holding `|` still resolve."""
    start = 0
    while (index := context.find(CONTEXT_SEPARATOR, start)) >= 0:
        concept = glossary.get(context[:index])
        name = context[index + 1 :]
        if concept is not None and name in concept.names:
            return concept, name
        start = index + 1
    return None


def _entry_problem(po_path: Path, entry: polib.POEntry, glossary: Glossary) -> str | None:
    """Why an entry cannot be applied, or None when it can (or asks for nothing)."""
    where = f"{po_path}:{entry.linenum}"
    if entry.msgid_plural:
        return f"{where}: {entry.msgid!r}: plural entries do not belong in a glossary review"
    if not entry.msgctxt:
        return f"{where}: {entry.msgid!r}: no msgctxt; expected CONCEPT{CONTEXT_SEPARATOR}NAME"
    found = _split_context(glossary, entry.msgctxt)
    if found is None:
        concept_id = entry.msgctxt.split(CONTEXT_SEPARATOR, 1)[0]
        if glossary.get(concept_id) is None:
            return f"{where}: {concept_id}: no such concept in {glossary.path}"
        return f"{where}: {concept_id}: no such name in msgctxt {entry.msgctxt!r}"
    concept, name = found
    if entry.msgid != name:
        return f"{where}: {concept.id}: msgid {entry.msgid!r} does not match the name {name!r}"
    if "\n" in entry.msgstr.strip():
        return f"{where}: {concept.id}: the {name} msgstr has a line break"
    return None


def _concept_tables(document: Any) -> dict[str, Any]:
    """concept id -> its TOML table, built once (a scan per edit made imports quadratic)."""
    return {str(table.get("id")): table for table in document.get("concept", [])}


def _set_nominative(tables: dict[str, Any], change: NameChange) -> tuple[str, ...]:
    """Edit one value in place; return the case keys kept beside the new nominative."""
    if change.concept_id not in tables:
        raise GlossaryError(f"concept {change.concept_id}: not found in the TOML document")
    forms_table = tables[change.concept_id][change.language]
    value = forms_table[change.name]
    if isinstance(value, str):
        forms_table[change.name] = change.new
        return ()
    value["nom"] = change.new
    return tuple(key for key in value if key not in ("nom", "variants"))


def plan_review_import(
    po_path: str | os.PathLike[str], glossary_path: str | os.PathLike[str]
) -> ReviewResult:
    """Read a reviewed catalogue and compute the new glossary text, without writing."""
    po_path, glossary_path = Path(po_path), Path(glossary_path)
    original = read_glossary_text(glossary_path)
    glossary = parse_glossary(original, glossary_path)
    catalogue = _read_catalogue(po_path)
    language = catalogue_language(po_path, catalogue, glossary)
    result = ReviewResult(
        language=language, text=original, read_from=Snapshot.of(original.encode("utf-8"))
    )
    reviewed = catalogue.metadata.get("X-Glossary-Version", "")
    if reviewed and reviewed != glossary.version:
        result.warnings.append(
            f"{po_path}: reviewed against glossary version {reviewed}, the file is now "
            f"{glossary.version}; edits apply by concept id and name"
        )

    problems: list[str] = []
    planned: list[tuple[int, NameChange]] = []
    seen: dict[str, int] = {}
    for entry in catalogue:
        if entry.obsolete:
            continue
        problem = _entry_problem(po_path, entry, glossary)
        if problem:
            problems.append(problem)
            continue
        concept, name = _split_context(glossary, entry.msgctxt)  # type: ignore[misc]
        if entry.msgctxt in seen:
            problems.append(
                f"{po_path}:{entry.linenum}: {concept.id}: {name} is reviewed twice "
                f"(first at line {seen[entry.msgctxt]})"
            )
            continue
        seen[entry.msgctxt] = entry.linenum or 0
        forms = concept.forms_of(language, name)
        new = entry.msgstr.strip()
        if forms is None:
            problems.append(
                f"{po_path}:{entry.linenum}: {concept.id}: the concept has no {language} forms"
            )
        elif new and new != forms.nom:
            if entry.fuzzy:
                result.warnings.append(
                    f"{po_path}:{entry.linenum}: {concept.id}: {name} is marked fuzzy, "
                    "so its msgstr was not applied; clear the flag once reviewed"
                )
            else:
                change = NameChange(concept.id, name, language, forms.nom, new)
                planned.append((entry.linenum or 0, change))
    if problems:
        raise GlossaryError(problems)
    if planned:
        result.changes, result.text = _edit(po_path, glossary_path, original, planned)
    return result


def _apply(original: str, glossary_path: Path, planned: list[NameChange]) -> tuple[Any, list]:
    try:
        document = tomlkit.parse(original)
    except TOMLKitError as exc:
        raise GlossaryError(f"{glossary_path}: cannot edit the TOML ({exc})") from None
    changes = []
    tables = _concept_tables(document)
    for change in planned:
        kept = _set_nominative(tables, change)
        changes.append(replace(change, kept_cases=kept))
    return document, changes


def _edit(
    po_path: Path, glossary_path: Path, original: str, planned: list[tuple[int, NameChange]]
) -> tuple[list[NameChange], str]:
    """The changes made and the new text, checked whole with the loader before it is used."""
    document, changes = _apply(original, glossary_path, [change for _, change in planned])
    new_text = tomlkit.dumps(document)
    try:
        updated = parse_glossary(new_text, glossary_path)
    except GlossaryError as exc:
        raise GlossaryError(_culprits(po_path, glossary_path, original, planned, exc)) from None
    for change in changes:
        forms = updated.concept(change.concept_id).forms_of(change.language, change.name)
        if forms is None or forms.nom != change.new:  # the edit did not land where it should
            raise GlossaryError(f"{glossary_path}: {change.concept_id}: could not apply {change}")
    return changes, new_text


def _culprits(
    po_path: Path,
    glossary_path: Path,
    original: str,
    planned: list[tuple[int, NameChange]],
    whole: GlossaryError,
) -> list[str]:
    """One line per reviewed entry that alone makes the glossary invalid, naming its .po line."""
    lines = []
    for line, change in planned:
        document, _ = _apply(original, glossary_path, [change])
        try:
            parse_glossary(tomlkit.dumps(document), glossary_path)
        except GlossaryError as exc:
            reason = exc.problems[0].split(": ", 1)[-1]
            lines.append(
                f"{po_path}:{line}: {change.concept_id}: {change.name} {change.language} "
                f"{change.new!r} would make the glossary invalid ({reason})"
            )
    if not lines:  # only the edits together break it
        lines = [f"{po_path}: the reviewed forms together would make the glossary invalid:"]
        lines += whole.problems
    return lines


def import_review(
    po_path: str | os.PathLike[str],
    glossary_path: str | os.PathLike[str],
    dry_run: bool = False,
) -> ReviewResult:
    """Apply a reviewed catalogue to the glossary file (atomically), unless `dry_run`."""
    result = plan_review_import(po_path, glossary_path)
    if result.changes and not dry_run:
        atomic_write_text(glossary_path, result.text, expected=result.read_from)
        result.written = True
    return result
