"""Checking reviewed translations against the glossary (spec section 5).

A pure function over entries in document order: no files, no catalogue library. For every
entry whose source mentions a concept it reports a `Violation`, each with a stable code and
name (`CODES`, listed in docs/glossary.md), when the translation

- lacks the primary (NL101 `missing-name`): no occurrence of the source's name (any case
  form, variant or short form, as primary or as secondary); for a contested concept, fewer
  occurrences than the source has mentions of it (spec 4.8: a concept that is not contested
  needs one occurrence per segment, its further mentions may be pronouns); NL106
  `near-miss` when the name is there misspelled and apply would repair it;
- lacks a required secondary (NL102 `missing-secondary`): the first mention in the
  document (every mention under `scope = "every"`) of a dual concept must read `format`
  with the source's name first, unless the segment itself names the place by two names, or
  the translation already gives another name anywhere (4.3), or the primary's form is the
  other name itself (ru `Шуши`, 4.2);
- uses a name the source did not use, alone (NL103 `other-name`, with what apply writes;
  NL105 `uncertain-rewrite` when apply can only suggest it, 4.11); a spelling the sentence
  does not settle (`Шуши занимает`) is NL104 `ambiguous-reading`.

Warnings (exit status unchanged): NL201 `variant`, NL202 `recognised-name` (another name of
a concept that is not dual), NL203 `quotation` (a departure inside quotation marks, 4.10),
NL204 `homoglyph` (az `ә` typed for `ə`, 4.12), and every violation of a concept the source
names only by ambiguous names (`ambiguous = true`, or `ambiguous = ["Martuni"]` and the
source says Martuni).

Choices written down here (docs may quote them):

- Untranslated entries (empty translation) are skipped, but they still count as a mention
  for "first mention in the document", exactly as `apply` counts them.
- Fuzzy entries are checked too: a reviewer wants to know before clearing the flag.
- Obsolete entries are not part of the document and are ignored.
- A further mention of a concept that is not contested with no occurrence of its own is
  not reported at all (a pronoun).
- What apply writes or suggests is read from `apply`'s own renderer (`_ApplyPreview`),
  never worked out a second time, so the two cannot disagree.
- A translation in Unicode's decomposed form (NFD) is checked in NFC: the verdicts are
  those of the same text composed, and messages quote it composed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace

from newsloc.glossary.errors import GlossaryError
from newsloc.glossary.lang import language_pack
from newsloc.glossary.match import Mention, matcher_for
from newsloc.glossary.model import Concept, Glossary
from newsloc.glossary.morphology import fold
from newsloc.glossary.pairing import (
    counted_mentions,
    in_edition_order,
    inside,
    name_in_small_letters,
    other_name_in_small_letters,
    quoted_spans,
)
from newsloc.glossary.render import (
    AMBIGUOUS,
    NEAR_MISS,
    QUOTED,
    DocumentRenderer,
    SegmentRendering,
    Suggestion,
    is_dual,
    recognised_only,
)
from newsloc.glossary.target import FORM, SHORT, VARIANT, Occurrence, target_index
from newsloc.glossary.textnorm import is_nfc, nfc

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Code:
    """A kind of violation: a stable code, a name, its usual severity and what it means."""

    code: str
    name: str
    severity: str
    summary: str


#: Every kind of violation `check` reports, by code (docs/glossary.md lists them).
CODES: dict[str, Code] = {
    code.code: code
    for code in (
        Code("NL101", "missing-name", ERROR, "the translation lacks the source's name"),
        Code(
            "NL102",
            "missing-secondary",
            ERROR,
            "a dual concept's first mention lacks the other name beside it",
        ),
        Code("NL103", "other-name", ERROR, "another name stands alone where the source's belongs"),
        Code(
            "NL104",
            "ambiguous-reading",
            ERROR,
            "a spelling that is a form of the source's name and another name, not settled",
        ),
        Code(
            "NL105",
            "uncertain-rewrite",
            ERROR,
            "a wrong name apply cannot rewrite with certainty: it only suggests",
        ),
        Code("NL106", "near-miss", ERROR, "the source's name is there, misspelled"),
        Code("NL201", "variant", WARNING, "a variant spelling where the glossary has its own"),
        Code(
            "NL202",
            "recognised-name",
            WARNING,
            "another name of a concept that is not dual, accepted",
        ),
        Code(
            "NL203", "quotation", WARNING, "inside quotation marks, a name the source did not use"
        ),
        Code("NL204", "homoglyph", WARNING, "letters of another script typed inside a name"),
        Code("NL301", "markup", ERROR, "the translation lost, added or broke an inline tag"),
    )
}
MISSING_NAME, MISSING_SECONDARY, OTHER_NAME, AMBIGUOUS_READING = "NL101", "NL102", "NL103", "NL104"
UNCERTAIN_REWRITE, NEAR_MISS_CODE = "NL105", "NL106"
VARIANT_CODE, RECOGNISED_NAME, QUOTATION, HOMOGLYPH = "NL201", "NL202", "NL203", "NL204"
_BY_NAME = {code.name: code.code for code in CODES.values()}


def code_of(word: str) -> str:
    """The code a user's word means: a code (`NL101`, any letter case) or a name
    (`missing-name`); a GlossaryError naming the choices otherwise."""
    upper = word.strip().upper()
    if upper in CODES:
        return upper
    if word.strip().lower() in _BY_NAME:
        return _BY_NAME[word.strip().lower()]
    known = ", ".join(f"{c.code} {c.name}" for c in CODES.values())
    raise GlossaryError(f"unknown check code {word!r}; the codes are: {known}")


def selected_codes(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> frozenset[str]:
    """The codes to report: `select` (codes or names; empty: all) less `ignore`. A code
    prefix selects a family (`NL2` every warning code)."""

    def expand(words: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for word in words:
            prefix = word.strip().upper()
            family = {code for code in CODES if code.startswith(prefix)} if prefix else set()
            found |= family if prefix.startswith("NL") and family else {code_of(word)}
        return found

    chosen = expand(select) if list(select) else set(CODES)
    return frozenset(chosen - expand(ignore))


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
    #: The kind of violation (`CODES`).
    code: str = MISSING_NAME

    @property
    def name(self) -> str:
        return CODES[self.code].name


class _ApplyPreview:
    """`apply`'s renderer run beside the checker, so a hint says exactly what apply writes.

    Only entries with something to explain are rendered; the others are passed over, which
    leaves the renderer where rendering them would (both only mark their concepts as met),
    and lazily: a clean document never builds a renderer at all.
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

    def __init__(self, glossary: Glossary, language: str, codes: Collection[str] | None = None):
        self.glossary = glossary
        self.language = language
        self.pack = language_pack(language)
        self.index = target_index(glossary, language)
        self.matcher = matcher_for(glossary)
        self.introduced: set[str] = set()
        #: Concepts mentioned so far by an ambiguous name only (`Martuni`): apply does not
        #: count those as the place's first mention, so neither does `introduced`.
        self.mentioned_ambiguously: set[str] = set()
        self.preview = _ApplyPreview(glossary, language)
        if codes is None:
            policy = glossary.policy
            codes = selected_codes(getattr(policy, "select", ()), getattr(policy, "ignore", ()))
        self.codes = frozenset(codes)

    def check(self, entry: CheckEntry) -> list[Violation]:
        """The violations in one entry (those with a selected code); updates the state."""
        return [v for v in self._check(entry) if v.code in self.codes]

    def _check(self, entry: CheckEntry) -> list[Violation]:
        if entry.obsolete:
            return []
        if not is_nfc(entry.msgstr):
            # Decomposed text (NFD) is checked as it reads: the same verdicts, and the
            # messages quote the names in the glossary's letters.
            entry = replace(entry, msgstr=nfc(entry.msgstr))
        counted = counted_mentions(self.glossary, self.language, self.matcher.find(entry.msgid))
        mentions = in_edition_order(self.glossary, self.language, counted)
        # Whether the source uses only ambiguous names of a place (`Martuni`), by the names
        # it writes (before `order = "edition"` puts the community's name first).
        only_ambiguous: dict[str, bool] = {}
        for mention in counted:
            concept = self.glossary.concept(mention.concept_id)
            only_ambiguous[mention.concept_id] = only_ambiguous.get(
                mention.concept_id, True
            ) and concept.is_ambiguous(mention.name)
        by_concept: dict[str, list[Mention]] = {}
        for mention in mentions:
            by_concept.setdefault(mention.concept_id, []).append(mention)
        first = {
            cid
            for cid in by_concept
            if cid not in self.introduced
            and not (only_ambiguous.get(cid) and cid in self.mentioned_ambiguously)
        }
        for cid in by_concept:
            if only_ambiguous.get(cid):
                self.mentioned_ambiguously.add(cid)
            else:
                self.introduced.add(cid)
        if not entry.msgstr.strip() or not by_concept:
            self.preview.pass_over(entry.msgid)
            return []
        occurrences = self.index.find(entry.msgstr)
        found = {cid: [o for o in occurrences if o.readings_of(cid)] for cid in by_concept}
        quotes = _Quotes(entry.msgid, entry.msgstr, self.language, self.glossary)
        lacking = self._lacking(by_concept, found, quotes)
        rendering = self._preview(entry, lacking, found, by_concept)
        hints = self._near_miss_hints(rendering)
        violations: list[Violation] = []
        for concept_id, concept_mentions in by_concept.items():
            concept = self.glossary.concept(concept_id)
            # Only warnings where the source uses nothing but ambiguous names of the place
            # (`Martuni`); a source that says `Khojavend` gets errors as usual.
            ambiguous = only_ambiguous.get(concept_id, False)
            problems = self._concept_problems(
                concept,
                concept_mentions,
                found[concept_id],
                concept_id in first,
                lacking,
                hints,
                rendering,
                quotes,
                entry.msgstr,
            )
            for code, message, near in problems:
                severity = WARNING if ambiguous else CODES[code].severity
                violations.append(Violation(entry.line, concept_id, message, severity, near, code))
        return violations

    def _preview(
        self,
        entry: CheckEntry,
        lacking: dict[tuple[str, str], int],
        found: dict[str, list[Occurrence]],
        by_concept: dict[str, list[Mention]],
    ) -> SegmentRendering | None:
        """apply's rendering of the entry, when there is something it must explain: a
        missing name, or an occurrence that shows a name the source did not use."""
        suspicious = bool(lacking) or any(
            any(r.name not in {m.name for m in by_concept[cid]} for r in o.readings_of(cid))
            for cid, occurrences in found.items()
            for o in occurrences
        )
        if not suspicious:
            self.preview.pass_over(entry.msgid)
            return None
        return self.preview.render(entry.msgid, entry.msgstr)

    def _lacking(
        self,
        by_concept: dict[str, list[Mention]],
        found: dict[str, list[Occurrence]],
        quotes: _Quotes,
    ) -> dict[tuple[str, str], int]:
        """(concept id, source name) -> how many occurrences show the name, for each name
        that is missing: none shows it, or (contested) fewer than the source mentions it.
        An occurrence shows a name as its primary or as its secondary; any name of a
        concept that is not dual counts (4.2: recognised), and so does any name inside
        quotation marks for a quoted mention (a quotation warning instead)."""
        lacking: dict[tuple[str, str], int] = {}
        for concept_id, mentions in by_concept.items():
            concept = self.glossary.concept(concept_id)
            recognised = recognised_only(concept)
            quoted_mention = quotes.any_quoted(mentions)
            for name, wanted in Counter(m.name for m in mentions).items():
                have = 0
                for occurrence in found[concept_id]:
                    shown = occurrence.names_shown(concept_id)
                    quoted = quoted_mention and quotes.quoted(occurrence)
                    if name in shown or (shown and (recognised or quoted)):
                        have += 1
                if have == 0 and quoted_mention and quotes.small_letters(concept_id, name):
                    continue  # a quoted name quoted as a word, in small letters (`«ханкенди»`)
                if have == 0 or (have < wanted and concept.contested):
                    lacking[(concept_id, name)] = have
        return lacking

    def _near_miss_hints(
        self, rendering: SegmentRendering | None
    ) -> dict[tuple[str, str], list[NearMissHint]]:
        """(concept id, source name) -> the near misses apply repairs for it."""
        hints: dict[tuple[str, str], list[NearMissHint]] = {}
        for change in rendering.changes if rendering is not None else ():
            if change.how != NEAR_MISS:
                continue
            concept = self.glossary.concept(change.concept_id)
            hint = NearMissHint(change.old, change.new, self._nom(concept, change.misspelt_name))
            hints.setdefault((change.concept_id, change.name), []).append(hint)
        return hints

    def _concept_problems(
        self,
        concept: Concept,
        mentions: list[Mention],
        found: list[Occurrence],
        first: bool,
        lacking: dict[tuple[str, str], int],
        hints: dict[tuple[str, str], list[NearMissHint]],
        rendering: SegmentRendering | None,
        quotes: _Quotes,
        text: str,
    ) -> list[tuple[str, str, tuple[NearMissHint, ...]]]:
        """(code, message, near misses) for each problem of one concept in one entry
        (`text`: its translation)."""
        problems: list[tuple[str, str, tuple[NearMissHint, ...]]] = []
        counts = Counter(m.name for m in mentions)
        spelled = {m.name: m.spelling for m in mentions}
        used = set(counts)
        dual = is_dual(self.glossary, concept)
        changes = {
            c.start: c
            for c in (rendering.changes if rendering is not None else [])
            if c.concept_id == concept.id
        }
        suggestions = {
            s.start: s
            for s in (rendering.suggestions if rendering is not None else [])
            if s.concept_id == concept.id
        }

        def read_as(occurrence: Occurrence) -> str:
            """The name apply read the occurrence as, where it rewrote or suggested."""
            change, suggestion = changes.get(occurrence.start), suggestions.get(occurrence.start)
            return (change.read_as if change else "") or (suggestion.read_as if suggestion else "")

        def shows_source(occurrence: Occurrence) -> bool:
            if read_as(occurrence):
                return read_as(occurrence) in used or bool(
                    {r.name for r in occurrence.secondary_readings} & used
                )
            return bool(occurrence.names_shown(concept.id) & used)

        source_shown = any(shows_source(o) for o in found)
        quoted_mention = quotes.any_quoted(mentions)
        wrong: list[tuple[str, str, tuple[NearMissHint, ...]]] = []
        for occurrence in found:
            suggestion = suggestions.get(occurrence.start)
            if suggestion is not None and suggestion.kind == AMBIGUOUS:
                wrong.append((AMBIGUOUS_READING, self._ambiguous_message(suggestion), ()))
                continue
            if shows_source(occurrence) or (source_shown and dual):
                continue  # the source's name is there: another name beside it is a gloss
            other = read_as(occurrence) or occurrence.readings_of(concept.id)[0].name
            written = occurrence.form + occurrence.suffix
            if (quoted_mention and quotes.quoted(occurrence)) or (
                suggestion is not None and suggestion.kind == QUOTED
            ):
                message = (
                    f'inside quotation marks uses "{written}" ({other}); the source says '
                    f"{', '.join(counts)}"
                )
                problems.append((QUOTATION, message, ()))
                continue
            if recognised_only(concept):
                wanted = ", ".join(f'"{self._nom(concept, n)}"' for n in counts)
                message = f'uses "{written}" ({other}) for {wanted}: a recognised name'
                problems.append((RECOGNISED_NAME, message, ()))
                continue
            source = ", ".join(counts)
            message = f'uses "{written}" ({other}) where the source says {source}'
            change = changes.get(occurrence.start)
            if change is not None:
                wrong.append((OTHER_NAME, f'{message}; apply writes "{change.new}"', ()))
            elif suggestion is not None:
                wrong.append(
                    (
                        UNCERTAIN_REWRITE,
                        f'{message}; apply leaves it and suggests "{suggestion.new}" '
                        f"({suggestion.reason})",
                        (),
                    )
                )
            else:
                wrong.append((OTHER_NAME, message, ()))
        for name, times in counts.items():
            have = lacking.get((concept.id, name))
            if have is None or (have == 0 and wrong):
                continue  # the wrong name found says it (class 7: reported as the wrong name)
            nom = self._nom(concept, name)
            if have == 0:
                message = f'lacks "{nom}" (any case) for "{spelled[name]}"'
            else:
                message = (
                    f'"{spelled[name]}" is mentioned {times} times but "{nom}" '
                    f"appears {have} time{'s' if have != 1 else ''}"
                )
            near = tuple(hints.get((concept.id, name), ()))
            code = NEAR_MISS_CODE if near else MISSING_NAME
            problems.append((code, "; ".join([message, *(h.describe(nom) for h in near)]), near))
        problems.extend(wrong)
        if not wrong:
            problems.extend(
                (MISSING_SECONDARY, p, ())
                for p in self._secondary_problems(
                    concept, counts, found, first, quotes, mentions, text
                )
            )
        problems.extend((VARIANT_CODE, w, ()) for w in self._variant_warnings(concept, used, found))
        for occurrence in found:
            wrong_letters = self.pack.homoglyphs_in(occurrence.form + occurrence.suffix)
            if wrong_letters:
                fixed = "".join(self.pack.homoglyphs.get(c, c) for c in wrong_letters)
                message = (
                    f'"{occurrence.form}{occurrence.suffix}" is typed with the Cyrillic '
                    f'"{wrong_letters}" for "{fixed}"'
                )
                problems.append((HOMOGLYPH, message, ()))
        return problems

    def _ambiguous_message(self, suggestion: Suggestion) -> str:
        return f'{suggestion.reason}; apply suggests "{suggestion.new}"'

    def _secondary_problems(
        self,
        concept: Concept,
        counts: Counter[str],
        found: list[Occurrence],
        first: bool,
        quotes: _Quotes,
        mentions: list[Mention],
        text: str,
    ) -> list[str]:
        policy = self.glossary.policy
        if not is_dual(self.glossary, concept) or len(counts) != 1:
            return []
        ((name, _),) = counts.items()
        # A quoted mention takes nothing added (4.10): only the others may need it.
        unquoted = [m for m in mentions if not quotes.any_quoted([m])]
        if policy.scope == "every":
            required = len(unquoted)
        else:
            required = 1 if first and mentions[0] in unquoted else 0
        secondary = self.index.secondary_for(concept, name)
        if not required or secondary is None:
            return []
        decorated = [
            o
            for o in found
            if any(r.name == name for r in o.readings_of(concept.id))
            and (
                o.secondary == secondary
                or fold(self.language, o.form) == fold(self.language, secondary)
            )
        ]
        decorated_ids = {id(o) for o in decorated}
        glosses = [o for o in found if id(o) not in decorated_ids]
        if any(self._gives_other_name(o, concept, name) for o in glosses):
            return []  # the translation gives another name already, in either order (4.3)
        if other_name_in_small_letters(self.glossary, self.language, concept.id, {name}, text):
            return []  # ... or as a word in small letters (ru `словом «ханкенди»`)
        if len(decorated) >= required:
            return []
        where = "every mention" if policy.scope == "every" else "its first mention"
        example = policy.decorate(self._nom(concept, name), secondary)
        return [f'lacks the other name at {where}: expected "{example}"']

    @staticmethod
    def _gives_other_name(occurrence: Occurrence, concept: Concept, name: str) -> bool:
        """The occurrence puts another name of the concept before the reader: as its
        secondary, or as a word that is no form of `name` (a spelling that is a form of both,
        ru `Шуши`, does not count)."""
        shown = {r.name for r in occurrence.secondary_readings if r.concept_id == concept.id}
        if shown - {name}:
            return True
        readings = occurrence.readings_of(concept.id)
        return bool(readings) and not any(r.name == name for r in readings)

    def _variant_warnings(
        self, concept: Concept, used: set[str], found: list[Occurrence]
    ) -> list[str]:
        """One warning per occurrence that spells a name the source used as a variant."""
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


class _Quotes:
    """Which mentions and occurrences of an entry stand inside quotation marks (4.10)."""

    def __init__(self, source: str, translation: str, language: str, glossary: Glossary):
        verbatim = getattr(glossary.policy, "quotes", "verbatim") == "verbatim"
        self.source = quoted_spans(source) if verbatim else []
        self.target = quoted_spans(translation, language) if verbatim else []
        self._glossary, self._language, self._translation = glossary, language, translation

    def small_letters(self, concept_id: str, name: str) -> bool:
        """The name stands in the translation as a word in small letters (`«ханкенди»`)."""
        return name_in_small_letters(
            self._glossary, self._language, concept_id, {name}, self._translation
        )

    def any_quoted(self, mentions: list[Mention]) -> bool:
        """A mention inside quotation marks, where the translation quotes too."""
        return bool(self.target) and any(inside(self.source, m.start, m.end) for m in mentions)

    def quoted(self, occurrence: Occurrence) -> bool:
        """The occurrence stands inside quotation marks in the translation (a quoted pair
        when a mention of its concept is quoted too: `any_quoted`)."""
        return inside(self.target, occurrence.start, occurrence.end)


def check_entries(
    glossary: Glossary,
    language: str,
    entries: Iterable[CheckEntry],
    codes: Collection[str] | None = None,
) -> list[Violation]:
    """Every violation in a document's entries, in document order; `codes` (default: the
    policy's select/ignore, else every code) limits the kinds reported."""
    checker = Checker(glossary, language, codes)
    violations: list[Violation] = []
    for entry in entries:
        violations.extend(checker.check(entry))
    return violations
