"""The term model: concepts, their names, and each name's forms per language and case.

Everything here is immutable once loaded, so a glossary can be shared freely between
matching, rendering and checking.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsloc.glossary.errors import GlossaryError

SOURCE_LANGUAGE = "en"

# Case keys per target language (CASES) and the languages whose forms also match at the
# start of a longer word (SUFFIXING_LANGUAGES) belong to the language packs; kept importable.
from newsloc.glossary.lang import CASES as CASES  # noqa: E402
from newsloc.glossary.lang import SUFFIXING_LANGUAGES as SUFFIXING_LANGUAGES  # noqa: E402


@dataclass(frozen=True)
class CaseForms:
    """One spelling of a name in one language, by case.

    `cases` always holds `nom`; a spelling written as a plain string in the file has only
    `nom`, which then stands for every case.
    """

    cases: dict[str, str]

    @property
    def nom(self) -> str:
        return self.cases["nom"]

    @property
    def one_form(self) -> bool:
        """True when the spelling does not show its case (one form for every case)."""
        return len(self.cases) == 1

    def form(self, case: str) -> str:
        """The form for `case`, falling back to the nominative when the case is missing."""
        return self.cases.get(case, self.cases["nom"])

    def spellings(self, language: str) -> Iterator[tuple[str, str]]:
        """Every distinct form with the first case (in CASES order) it stands for."""
        order = CASES.get(language, tuple(self.cases))
        seen: set[str] = set()
        for case in (*order, *(c for c in self.cases if c not in order)):
            text = self.cases.get(case)
            if text is not None and text not in seen:
                seen.add(text)
                yield text, case

    def to_value(self) -> str | dict[str, str]:
        """As the file may write it: a plain string for a single form, else the table."""
        return self.nom if self.one_form else dict(self.cases)


@dataclass(frozen=True)
class NameForms(CaseForms):
    """One name's spellings in one target language.

    `variants` are other spellings engines produce: detected and replaced by the name's own
    form in the variant's case, never written. `short` are abbreviations and short names
    (`США`, `Евросоюз`) that count as the name and are never rewritten.
    """

    variants: tuple[CaseForms, ...] = ()
    short: tuple[CaseForms, ...] = ()

    def variant_spellings(self) -> Iterator[str]:
        """Every form of every variant, in file order."""
        for variant in self.variants:
            yield from dict.fromkeys(variant.cases.values())


@dataclass(frozen=True)
class Concept:
    """One place or organisation; two or more names make it contested."""

    id: str
    names: tuple[str, ...]
    kind: str = ""
    note: str = ""
    source: str = ""
    ambiguous: bool = False
    #: A narrower set of target languages than the glossary's, when the concept says so.
    targets: tuple[str, ...] | None = None
    #: Extra English spellings per name (`en.Khankendi = ["Khankandi"]`).
    en_spellings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: language -> name -> forms
    forms: dict[str, dict[str, NameForms]] = field(default_factory=dict)
    #: Line of the `[[concept]]` header in the file, for messages.
    line: int | None = None
    #: The concept's own `contested = "both" | "source"` (None: the policy decides). A
    #: glossary resolved for a policy profile sets it on every contested concept.
    contested_setting: str | None = None

    @property
    def contested(self) -> bool:
        return len(self.names) > 1

    @property
    def dual(self) -> bool:
        """True when every name is kept: the secondary is demanded and inserted.

        A contested concept under `contested = "source"` is not dual: its other names are
        recognised spellings, accepted where a translation uses them, never inserted.
        """
        return self.contested and self.contested_setting != "source"

    def english_spellings(self) -> Iterator[tuple[str, str]]:
        """(spelling, name) for every English spelling that means one of this concept's names."""
        for name in self.names:
            yield name, name
            for spelling in self.en_spellings.get(name, ()):
                yield spelling, name

    def forms_of(self, language: str, name: str) -> NameForms | None:
        return self.forms.get(language, {}).get(name)

    def others(self, name: str) -> tuple[str, ...]:
        """The concept's other names, in file order: the secondary names for `name`."""
        return tuple(other for other in self.names if other != name)

    def as_dict(self) -> dict[str, Any]:
        """Everything the file says about the concept, JSON-ready (`glossary show --json`)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "names": list(self.names),
            "contested": self.contested,
            "ambiguous": self.ambiguous,
            "note": self.note,
            "source": self.source,
            "targets": list(self.targets) if self.targets is not None else None,
            "english": {name: list(self.en_spellings.get(name, ())) for name in self.names},
            "forms": {
                language: {
                    name: {
                        "cases": dict(forms.cases),
                        "variants": [variant.to_value() for variant in forms.variants],
                        "short": [short.to_value() for short in forms.short],
                    }
                    for name, forms in by_name.items()
                }
                for language, by_name in self.forms.items()
            },
            "line": self.line,
        }


@dataclass(frozen=True)
class Policy:
    """How contested concepts are rendered (the `[policy]` table)."""

    contested: str = "both"  # "both" keeps every name; "source" keeps only the source's
    scope: str = "first"  # secondary at the "first" mention in a document, or at "every" one
    format: str = "{primary} ({secondary})"

    def decorate(self, primary: str, secondary: str) -> str:
        return self.format.format(primary=primary, secondary=secondary)


@dataclass(frozen=True)
class Glossary:
    """A whole glossary file, loaded and validated."""

    name: str
    version: str
    targets: tuple[str, ...]
    concepts: tuple[Concept, ...]
    policy: Policy = field(default_factory=Policy)
    source: str = SOURCE_LANGUAGE
    path: Path | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {c.id: c for c in self.concepts})

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def concept(self, concept_id: str) -> Concept:
        """The concept with this id; KeyError when there is none."""
        return self._by_id[concept_id]  # type: ignore[attr-defined]

    def get(self, concept_id: str) -> Concept | None:
        return self._by_id.get(concept_id)  # type: ignore[attr-defined]

    def require(self, concept_id: str) -> Concept:
        """The concept with this id; a one-line `GlossaryError` (with a suggestion) if none."""
        concept = self.get(concept_id)
        if concept is not None:
            return concept
        where = str(self.path) if self.path is not None else self.name or "glossary"
        close = difflib.get_close_matches(concept_id, [c.id for c in self.concepts], n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise GlossaryError(f"{where}: no concept with id {concept_id!r}{hint}")

    @property
    def contested_count(self) -> int:
        """How many concepts have two or more names."""
        return sum(1 for concept in self.concepts if concept.contested)

    def languages_of(self, concept: Concept) -> tuple[str, ...]:
        """The target languages a concept must (and does) carry forms for."""
        return concept.targets if concept.targets is not None else self.targets
