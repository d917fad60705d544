"""Cross-edition audit: how each language renders every place the article names.

`glossary check` asks whether one catalogue follows the glossary; a desk chief sending
three editions out together also asks whether they agree with each other. For every
concept the source mentions, the audit pairs the k-th source mention in an entry with the
k-th occurrence of the concept's forms in that entry's translation (the glossary's own
`pairing.counted_mentions` and `pairing.pair_mentions`, the functions rendering and checking
use) and reports per language:

- how the place is rendered (every distinct form, the first mention first);
- mentions that have no rendering (missing) and mentions in untranslated entries;
- which of the concept's names the translation shows, so one edition calling the town
  Khankendi where the others say Stepanakert stands out;
- whether the first mention carries the other name (contested places whose names the
  policy keeps both of).

An issue is a difference between languages or a gap in one: a missing or untranslated
mention, names that differ, the other name kept at the first mention in one edition and
dropped in another. The glossary `Checker`'s messages are included per language as well.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import polib

from newsloc.glossary.catalogue_language import catalogue_language
from newsloc.glossary.check import CheckEntry, Checker
from newsloc.glossary.match import Mention, matcher_for
from newsloc.glossary.model import Glossary
from newsloc.glossary.pairing import counted_mentions, pair_mentions
from newsloc.glossary.target import Occurrence, target_index
from newsloc.translate.catalog.discovery import find_catalogs
from newsloc.translate.catalog.display import as_placed, outside_the_body
from newsloc.translate.catalog.entry_state import live_entries, translation_of
from newsloc.translate.catalog.storage import load_catalog


@dataclass
class LanguageRendering:
    """One language's rendering of one concept across the whole article."""

    language: str
    mentions: int = 0
    found: int = 0
    untranslated: int = 0
    #: Distinct renderings as they stand in the translation, in document order.
    renderings: list[str] = field(default_factory=list)
    #: The concept's names (English, canonical) the translation shows as the primary.
    names: list[str] = field(default_factory=list)
    #: The rendering at the first mention; None when it is missing or untranslated.
    first: str | None = None
    #: Whether the first mention carries the other name (None: not a contested concept whose
    #: names are both kept under the policy, or no first mention).
    first_has_secondary: bool | None = None
    violations: list[str] = field(default_factory=list)

    @property
    def missing(self) -> int:
        return self.mentions - self.untranslated - self.found


@dataclass
class ConceptAudit:
    """One concept the source mentions, against every language."""

    concept: str
    names: list[str]
    contested: bool
    mentions: int
    languages: dict[str, LanguageRendering]
    issues: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        for language, rendering in self.languages.items():
            data["languages"][language]["missing"] = rendering.missing
        return data


@dataclass(frozen=True)
class AuditReport:
    """The audit of one domain's catalogues."""

    domain: str
    languages: list[str]
    catalogs: list[str]
    concepts: list[ConceptAudit]

    @property
    def disagreements(self) -> int:
        return sum(1 for concept in self.concepts if concept.issues)

    def as_dict(self) -> dict[str, object]:
        return {
            "domain": self.domain,
            "languages": self.languages,
            "catalogs": self.catalogs,
            "disagreements": self.disagreements,
            "concepts": [concept.as_dict() for concept in self.concepts],
        }


def _shown_name(occurrence: Occurrence, mention: Mention) -> str:
    """The concept name an occurrence shows as the primary; the source's on a tie."""
    names = [r.name for r in occurrence.readings_of(mention.concept_id)]
    return mention.name if mention.name in names else names[0]


def _audit_language(
    glossary: Glossary, language: str, entries: list[polib.POEntry]
) -> dict[str, LanguageRendering]:
    """Every concept mentioned in `entries`, as this language renders it."""
    matcher = matcher_for(glossary)
    index = target_index(glossary, language)
    checker = Checker(glossary, language)
    found: dict[str, LanguageRendering] = {}
    #: Concepts the body has named: the first mention is the body's (a headline or a
    #: caption names the place first but does not spend it: translate/catalog/display.py).
    in_body: set[str] = set()
    for entry in entries:
        translation = translation_of(entry)
        with as_placed(entry, checker, glossary):
            violations = checker.check(CheckEntry(entry.msgid, translation))
        for violation in violations:
            rendering = found.setdefault(violation.concept_id, LanguageRendering(language))
            rendering.violations.append(violation.message)
        # The mentions that count and their pairing are the glossary's own (one home).
        mentions = counted_mentions(glossary, language, matcher.find(entry.msgid))
        occurrences = index.find(translation) if translation.strip() else []
        for pair in pair_mentions(mentions, occurrences):
            mention = pair.mention
            rendering = found.setdefault(mention.concept_id, LanguageRendering(language))
            first = not outside_the_body(entry) and mention.concept_id not in in_body
            if not outside_the_body(entry):
                in_body.add(mention.concept_id)
            rendering.mentions += 1
            if not translation.strip():
                rendering.untranslated += 1
                continue
            occurrence = pair.occurrence
            if occurrence is None:
                continue
            rendering.found += 1
            text = translation[occurrence.start : occurrence.end]
            if first and text in rendering.renderings:
                rendering.renderings.remove(text)
            if first:  # the first mention first
                rendering.renderings.insert(0, text)
            elif text not in rendering.renderings:
                rendering.renderings.append(text)
            name = _shown_name(occurrence, mention)
            if first and name in rendering.names:
                rendering.names.remove(name)
            if first:
                rendering.names.insert(0, name)
            elif name not in rendering.names:
                rendering.names.append(name)
            if first:
                rendering.first = text
                if glossary.concept(mention.concept_id).dual:
                    rendering.first_has_secondary = occurrence.secondary is not None
    return found


def _languages_where(renderings: Iterable[LanguageRendering], test: bool) -> str:
    return ", ".join(r.language for r in renderings if test)


def _issues(concept: ConceptAudit) -> list[str]:
    """What differs between the languages, or is missing in one of them."""
    issues: list[str] = []
    cells = list(concept.languages.values())
    for cell in cells:
        if cell.missing:
            issues.append(f"{cell.language}: {cell.missing} of {cell.mentions} mentions missing")
        if cell.untranslated:
            issues.append(
                f"{cell.language}: {cell.untranslated} of {cell.mentions} mentions untranslated"
            )
    shown = {cell.language: tuple(cell.names) for cell in cells if cell.names}
    if len(set(shown.values())) > 1:
        groups: dict[tuple[str, ...], list[str]] = {}
        for language, names in shown.items():
            groups.setdefault(names, []).append(language)
        issues.append(
            "names differ: "
            + "; ".join(
                f"{', '.join(languages)}: {' / '.join(names)}"
                for names, languages in groups.items()
            )
        )
    if concept.contested:
        judged = [cell for cell in cells if cell.first_has_secondary is not None]
        kept = [cell.language for cell in judged if cell.first_has_secondary]
        dropped = [cell.language for cell in judged if not cell.first_has_secondary]
        if kept and dropped:
            issues.append(
                f"other name at the first mention: kept in {', '.join(kept)}, "
                f"dropped in {', '.join(dropped)}"
            )
    return issues


def audit_catalogs(locales: Path, domain: str | None, glossary: Glossary) -> AuditReport:
    """Audit every language's catalogue of one domain against the others."""
    catalogs = find_catalogs(locales, domain)
    loaded = []
    for found in catalogs:
        po = load_catalog(found.path)
        loaded.append((catalogue_language(found.path, po, glossary), found, po))
    per_language = {
        language: _audit_language(glossary, language, live_entries(po))
        for language, _, po in loaded
    }
    languages = [language for language, _, _ in loaded]
    order: dict[str, int] = {}
    for renderings in per_language.values():
        for concept_id in renderings:
            order.setdefault(concept_id, len(order))
    concepts = []
    for concept_id in sorted(order, key=order.__getitem__):
        cells = {
            language: per_language[language].get(concept_id, LanguageRendering(language))
            for language in languages
        }
        mentioned = [cell for cell in cells.values() if cell.mentions]
        if not mentioned:
            continue  # only violations, no mention (cannot happen with one source)
        definition = glossary.concept(concept_id)
        audit = ConceptAudit(
            concept=concept_id,
            names=list(definition.names),
            contested=definition.contested,
            mentions=max(cell.mentions for cell in mentioned),
            languages=cells,
        )
        audit.issues = _issues(audit)
        concepts.append(audit)
    return AuditReport(
        domain=catalogs[0].domain,
        languages=languages,
        catalogs=[str(found.path) for _, found, _ in loaded],
        concepts=concepts,
    )
