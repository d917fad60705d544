"""Finding a glossary's place names in a translation (the target side of spec section 4).

`TargetIndex` knows every form of every name in one target language and finds them in a
text in one pass, longest first, recognising a rendering that already carries its
secondary (`Степанакерт (Ханкенди)`) as one occurrence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsloc.glossary.match import WORD_CHARS
from newsloc.glossary.model import CASES, SUFFIXING_LANGUAGES, Concept, Glossary

#: A character that continues a word, exactly as in source matching, so an accented
#: letter never ends a name.
WORD_CLASS = f"[{WORD_CHARS}]"


@dataclass(frozen=True)
class Reading:
    """One way to read a target spelling: which concept, which name, which case."""

    concept_id: str
    name: str
    case: str | None  # None: a variant spelling (read as the nominative)


@dataclass(frozen=True)
class Occurrence:
    """A place name found in a translation, with its decoration when it has one.

    `start`/`end` cover the whole rendering (primary word plus the format's secondary);
    `word_start`/`word_end` the primary word itself, suffix included (hy/az).
    """

    start: int
    end: int
    word_start: int
    word_end: int
    form: str
    suffix: str
    readings: tuple[Reading, ...]
    secondary: str | None = None
    #: Readings of the names shown in the secondary (for checking).
    secondary_readings: tuple[Reading, ...] = ()

    def readings_of(self, concept_id: str) -> tuple[Reading, ...]:
        return tuple(r for r in self.readings if r.concept_id == concept_id)

    def names_shown(self, concept_id: str) -> set[str]:
        """Every name of the concept this occurrence puts in front of the reader."""
        shown = {r.name for r in self.readings if r.concept_id == concept_id}
        shown.update(r.name for r in self.secondary_readings if r.concept_id == concept_id)
        return shown


def _pattern_for(spelling: str) -> str:
    """A regex for a spelling in which any run of spaces matches any whitespace run."""
    return r"\s+".join(re.escape(part) for part in spelling.split())


def _normalise(text: str) -> str:
    return " ".join(text.split())


class TargetIndex:
    """Finds every glossary place name in a text of one target language.

    One pass, longest spelling first, no overlaps: ru `Нагорного Карабаха` is one
    occurrence of Nagorno-Karabakh, never a Karabakh. In hy/az a spelling may begin a longer
    word; the rest of the word is the occurrence's suffix.
    """

    def __init__(self, glossary: Glossary, language: str):
        self.glossary = glossary
        self.language = language
        self.suffixing = language in SUFFIXING_LANGUAGES
        self.readings: dict[str, list[Reading]] = {}
        for concept in glossary:
            if language not in glossary.languages_of(concept):
                continue
            for name in concept.names:
                forms = concept.forms_of(language, name)
                if forms is None:
                    continue
                spellings: list[tuple[str, str | None]] = list(forms.spellings(language))
                for variant in forms.variants:
                    spellings += [
                        (text, None if variant.one_form else case)
                        for text, case in variant.spellings(language)
                    ]
                for spelling, case in spellings:
                    key = _normalise(spelling)
                    if key:
                        self.readings.setdefault(key, []).append(Reading(concept.id, name, case))
        order = {case: i for i, case in enumerate(CASES.get(language, ()))}
        for readings in self.readings.values():
            readings.sort(key=lambda r: order.get(r.case, len(order)) if r.case else len(order))
        spellings = sorted(self.readings, key=lambda s: (-len(s), s))
        self._regex: re.Pattern[str] | None = None
        if spellings:
            alternatives = "|".join(_pattern_for(s) for s in spellings)
            tail = f"(?P<suffix>{WORD_CLASS}*)" if self.suffixing else f"(?!{WORD_CLASS})"
            self._regex = re.compile(f"(?<!{WORD_CLASS})(?P<form>{alternatives}){tail}")
        self._secondaries = {
            concept.id: self._secondary_texts(concept)
            for concept in glossary
            if language in glossary.languages_of(concept) and concept.contested
        }

    def secondary_for(self, concept: Concept, name: str) -> str | None:
        """The other names' nominatives joined by ", ", or None when they lack forms."""
        others = []
        for other in concept.others(name):
            forms = concept.forms_of(self.language, other)
            if forms is None:
                return None
            others.append(forms.nom)
        return ", ".join(others) if others else None

    def _secondary_texts(self, concept: Concept) -> list[str]:
        texts = {self.secondary_for(concept, name) for name in concept.names}
        return sorted((t for t in texts if t), key=lambda t: (-len(t), t))

    def reading_of(self, text: str) -> list[Reading]:
        """The readings of a spelling (exactly as written, spaces normalised)."""
        return self.readings.get(_normalise(text), [])

    def find(self, text: str) -> list[Occurrence]:
        """Every occurrence in `text`, in order, decorated renderings recognised as one."""
        if self._regex is None:
            return []
        tokens = [
            Occurrence(
                start=m.start(),
                end=m.end(),
                word_start=m.start(),
                word_end=m.end(),
                form=m.group("form"),
                suffix=m.groupdict().get("suffix") or "",
                readings=tuple(self.reading_of(m.group("form"))),
            )
            for m in self._regex.finditer(text)
        ]
        decorated = [self._decorate(text, token, tokens) for token in tokens]
        # A decorated rendering swallows the tokens of its secondary.
        return [
            occurrence
            for occurrence in decorated
            if not any(
                other is not occurrence
                and other.secondary is not None
                and other.start <= occurrence.start
                and occurrence.end <= other.end
                for other in decorated
            )
        ]

    def _decorate(self, text: str, token: Occurrence, tokens: list[Occurrence]) -> Occurrence:
        """The token widened to its decoration when the format's secondary surrounds it."""
        lead_part, trail_part = _split_format(self.glossary.policy.format)
        for concept_id in dict.fromkeys(r.concept_id for r in token.readings):
            for secondary in self._secondaries.get(concept_id, ()):
                lead = lead_part.replace("{secondary}", secondary)
                trail = trail_part.replace("{secondary}", secondary)
                start = token.word_start - len(lead)
                if start < 0 or text[start : token.word_start] != lead:
                    continue
                if not text.startswith(trail, token.word_end):
                    continue
                end = token.word_end + len(trail)
                inside = [t for t in tokens if t is not token and t.start >= start and t.end <= end]
                return Occurrence(
                    start=start,
                    end=end,
                    word_start=token.word_start,
                    word_end=token.word_end,
                    form=token.form,
                    suffix=token.suffix,
                    readings=token.readings,
                    secondary=secondary,
                    secondary_readings=tuple(r for t in inside for r in t.readings),
                )
        return token


def _split_format(fmt: str) -> tuple[str, str]:
    """Split a policy format around `{primary}` into (lead, trail) templates on `{secondary}`.

    `"{primary} ({secondary})"` gives `("", " ({secondary})")`.
    """
    before, _, after = fmt.partition("{primary}")
    return before, after
