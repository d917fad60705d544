"""Checking reviewed translations against the glossary (spec section 5).

A pure function over entries in document order: no files, no catalogue library. For every
entry whose source mentions a concept it reports a `Violation` when the translation

- lacks the primary: no occurrence of the source's name (any case form, variant or short
  form, as primary or as secondary); for a contested concept, fewer occurrences than the
  source has mentions of it (spec 4.8: a concept that is not contested needs one
  occurrence per segment, its further mentions may be pronouns);
- lacks a required secondary: the first mention in the document (every mention under
  `scope = "every"`) of a contested concept must read `format` with the source's name
  first, unless the segment itself names the place by two names;
- uses a name the source did not use without the source's name beside it (in the format).

Choices written down here (docs may quote them):

- Untranslated entries (empty translation) are skipped, but they still count as a mention
  for "first mention in the document", exactly as `apply` counts them, so the two agree on
  where the secondary belongs.
- Fuzzy entries are checked too: a reviewer wants to know before clearing the flag.
- Obsolete entries are not part of the document and are ignored.
- Ambiguous concepts (`ambiguous = true`) give warnings, never errors.
- A variant found for the source's name gives a warning naming the glossary's spelling.
- A further mention of a concept that is not contested with no occurrence of its own is
  not reported at all: translators routinely use a pronoun, and a warning on every one
  would bury the warnings that matter.
- A missing name that `apply` would find as a near miss (spec 4.6) stays an error, but
  its message says so: `; "Կահիրոյում" looks like a misspelling of it (apply writes
  "Կահիրեում")`. What apply writes is read from `apply`'s own renderer (`_ApplyPreview`),
  never worked out a second time, so the two cannot disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from newsloc.glossary.match import Mention, matcher_for
from newsloc.glossary.model import Concept, Glossary
from newsloc.glossary.render import NEAR_MISS, DocumentRenderer, SegmentRendering
from newsloc.glossary.target import FORM, SHORT, VARIANT, Occurrence, target_index

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class CheckEntry:
    """One segment as the checker sees it: source, translation and where it is."""

    msgid: str
    msgstr: str
    line: int = 0
    fuzzy: bool = False
    obsolete: bool = False


@dataclass(frozen=True)
class NearMissHint:
    """A missing name that is in fact there, misspelled: what `apply` would write for it."""

    #: The translation's text that apply takes for the name (suffix included in hy/az).
    found: str
    #: What apply writes in its place (the secondary too, where apply adds it).
    apply_writes: str
    #: The nominative of the name it was taken for misspelling.
    misspelling_of: str

    def describe(self, wanted: str) -> str:
        """`"Կահիրոյում" looks like a misspelling of it (apply writes "Կահիրեում")`; `it`
        is the name the message asks for (`wanted`), else the name misspelled is given."""
        of = "it" if self.misspelling_of == wanted else f'"{self.misspelling_of}"'
        return (
            f'"{self.found}" looks like a misspelling of {of} (apply writes "{self.apply_writes}")'
        )


@dataclass(frozen=True)
class Violation:
    """One way a translation breaks the glossary contract."""

    line: int
    concept_id: str
    message: str
    severity: str = ERROR
    #: Near misses apply would repair for this missing name (the message names them too).
    near_misses: tuple[NearMissHint, ...] = ()


class _ApplyPreview:
    """`apply`'s renderer run beside the checker, so a hint says exactly what apply writes.

    Only entries with a missing name are rendered; the others are passed over, which
    leaves the renderer where rendering them would (both only mark their concepts as met),
    and lazily: a document with no missing name never builds a renderer at all.
    """

    def __init__(self, glossary: Glossary, language: str):
        self.glossary = glossary
        self.language = language
        self._renderer: DocumentRenderer | None = None
        self._behind: list[str] = []  # sources not yet passed over, in document order

    def pass_over(self, source: str) -> None:
        self._behind.append(source)

    def render(self, source: str, translation: str) -> SegmentRendering:
        if self._renderer is None:
            self._renderer = DocumentRenderer(self.glossary, self.language)
        for earlier in self._behind:
            self._renderer.pass_over(earlier)
        self._behind.clear()
        return self._renderer.render(source, translation)


class Checker:
    """Checks a document's entries in order, remembering which concepts were introduced."""

    def __init__(self, glossary: Glossary, language: str):
        self.glossary = glossary
        self.language = language
        self.index = target_index(glossary, language)
        self.matcher = matcher_for(glossary)
        self.introduced: set[str] = set()
        self.preview = _ApplyPreview(glossary, language)

    def check(self, entry: CheckEntry) -> list[Violation]:
        """The violations in one entry; updates the document state."""
        if entry.obsolete:
            return []
        mentions = [m for m in self.matcher.find(entry.msgid) if self._applies(m)]
        by_concept: dict[str, list[Mention]] = {}
        for mention in mentions:
            by_concept.setdefault(mention.concept_id, []).append(mention)
        first = {cid for cid in by_concept if cid not in self.introduced}
        self.introduced.update(by_concept)
        if not entry.msgstr.strip() or not by_concept:
            self.preview.pass_over(entry.msgid)
            return []
        occurrences = self.index.find(entry.msgstr)
        found = {cid: [o for o in occurrences if o.readings_of(cid)] for cid in by_concept}
        lacking = self._lacking(by_concept, found)
        hints = self._near_miss_hints(entry, lacking)
        violations: list[Violation] = []
        for concept_id, concept_mentions in by_concept.items():
            concept = self.glossary.concept(concept_id)
            problems = self._concept_problems(
                concept, concept_mentions, found[concept_id], concept_id in first, lacking, hints
            )
            severity = WARNING if concept.ambiguous else ERROR
            violations.extend(
                Violation(entry.line, concept_id, message, severity, near)
                for message, near in problems
            )
            violations.extend(
                Violation(entry.line, concept_id, message, WARNING)
                for message in self._variant_warnings(concept, concept_mentions, found[concept_id])
            )
        return violations

    def _lacking(
        self, by_concept: dict[str, list[Mention]], found: dict[str, list[Occurrence]]
    ) -> dict[tuple[str, str], int]:
        """(concept id, source name) -> how many occurrences show the name, for each name
        that is missing: none shows it, or (contested) fewer than the source mentions it.
        An occurrence shows a name as its primary or as its secondary."""
        lacking: dict[tuple[str, str], int] = {}
        for concept_id, mentions in by_concept.items():
            contested = self.glossary.concept(concept_id).contested
            for name, wanted in Counter(m.name for m in mentions).items():
                have = sum(1 for o in found[concept_id] if name in o.names_shown(concept_id))
                if have == 0 or (have < wanted and contested):
                    lacking[(concept_id, name)] = have
        return lacking

    def _near_miss_hints(
        self, entry: CheckEntry, lacking: dict[tuple[str, str], int]
    ) -> dict[tuple[str, str], list[NearMissHint]]:
        """(concept id, source name) -> the near misses apply repairs for it, read from
        apply's rendering of the entry; rendered only when some name is missing."""
        if not lacking:
            self.preview.pass_over(entry.msgid)
            return {}
        hints: dict[tuple[str, str], list[NearMissHint]] = {}
        for change in self.preview.render(entry.msgid, entry.msgstr).changes:
            if change.how != NEAR_MISS:
                continue
            concept = self.glossary.concept(change.concept_id)
            hint = NearMissHint(change.old, change.new, self._nom(concept, change.misspelt_name))
            hints.setdefault((change.concept_id, change.name), []).append(hint)
        return hints

    def _applies(self, mention: Mention) -> bool:
        concept = self.glossary.get(mention.concept_id)
        return (
            concept is not None
            and self.language in self.glossary.languages_of(concept)
            and concept.forms_of(self.language, mention.name) is not None
        )

    def _concept_problems(
        self,
        concept: Concept,
        mentions: list[Mention],
        found: list[Occurrence],
        first: bool,
        lacking: dict[tuple[str, str], int],
        hints: dict[tuple[str, str], list[NearMissHint]],
    ) -> list[tuple[str, tuple[NearMissHint, ...]]]:
        """(message, near misses) for each problem; a missing name's message ends with
        what apply would write for it when it is there, misspelled."""
        problems: list[tuple[str, tuple[NearMissHint, ...]]] = []
        counts = Counter(m.name for m in mentions)
        spelled = {m.name: m.spelling for m in mentions}
        used = set(counts)
        for name, wanted in counts.items():
            have = lacking.get((concept.id, name))
            if have is None:
                continue
            nom = self._nom(concept, name)
            if have == 0:
                message = f'lacks "{nom}" (any case) for "{spelled[name]}"'
            else:
                message = (
                    f'"{spelled[name]}" is mentioned {wanted} times but "{nom}" '
                    f"appears {have} time{'s' if have != 1 else ''}"
                )
            near = tuple(hints.get((concept.id, name), ()))
            problems.append(("; ".join([message, *(h.describe(nom) for h in near)]), near))
        problems.extend((p, ()) for p in self._secondary_problems(concept, counts, found, first))
        for occurrence in found:
            if occurrence.names_shown(concept.id) & used:
                continue
            other = occurrence.readings_of(concept.id)[0].name
            wanted_nom = ", ".join(f'"{self._nom(concept, n)}"' for n in counts)
            message = (
                f'uses "{occurrence.form}" ({other}), which the source does not use, '
                f"without {wanted_nom} beside it"
            )
            problems.append((message, ()))
        return problems

    def _secondary_problems(
        self, concept: Concept, counts: Counter[str], found: list[Occurrence], first: bool
    ) -> list[str]:
        policy = self.glossary.policy
        if not concept.contested or policy.contested != "both" or len(counts) != 1:
            return []
        ((name, mentions),) = counts.items()
        required = mentions if policy.scope == "every" else (1 if first else 0)
        secondary = self.index.secondary_for(concept, name)
        if not required or secondary is None:
            return []
        decorated = [
            o
            for o in found
            if o.secondary == secondary and any(r.name == name for r in o.readings_of(concept.id))
        ]
        if len(decorated) >= required:
            return []
        where = "every mention" if policy.scope == "every" else "its first mention"
        example = policy.decorate(self._nom(concept, name), secondary)
        return [f'lacks the other name at {where}: expected "{example}"']

    def _variant_warnings(
        self, concept: Concept, mentions: list[Mention], found: list[Occurrence]
    ) -> list[str]:
        """One warning per occurrence that spells a name the source used as a variant."""
        used = {m.name for m in mentions}
        warnings = []
        for occurrence in found:
            readings = [r for r in occurrence.readings_of(concept.id) if r.name in used]
            if not readings or any(r.kind in (FORM, SHORT) for r in readings):
                continue
            reading = readings[0]
            assert reading.kind == VARIANT
            forms = concept.forms_of(self.language, reading.name)
            wanted = forms.form(reading.case) if forms is not None else reading.name
            warnings.append(f'uses the variant "{occurrence.form}"; the glossary writes "{wanted}"')
        return warnings

    def _nom(self, concept: Concept, name: str) -> str:
        forms = concept.forms_of(self.language, name)
        return forms.nom if forms is not None else name


def check_entries(
    glossary: Glossary, language: str, entries: Iterable[CheckEntry]
) -> list[Violation]:
    """Every violation in a document's entries, in document order."""
    checker = Checker(glossary, language)
    violations: list[Violation] = []
    for entry in entries:
        violations.extend(checker.check(entry))
    return violations
