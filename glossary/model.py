"""The term model: concepts, their names, and each name's forms per language and case.

Everything here is immutable once loaded, so a glossary can be shared freely between
matching, rendering and checking.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
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
    #: The English names that also mean something else (glossary-spec.md section 1):
    #: every name for `ambiguous = true`, the listed ones for `ambiguous = ["Martuni"]`.
    #: A mention of one of them is never rewritten and check only warns about it; a
    #: mention of another name of the concept is rendered and checked as usual.
    ambiguous_names: tuple[str, ...] = ()
    #: A narrower set of target languages than the glossary's, when the concept says so.
    targets: tuple[str, ...] | None = None
    #: Extra English spellings per name (`en.Khankendi = ["Khankandi"]`).
    en_spellings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: language -> name -> forms
    forms: dict[str, dict[str, NameForms]] = field(default_factory=dict)
    #: Line of the `[[concept]]` header in the file, for messages.
    line: int | None = None
    #: The setting in effect, `"both"` or `"source"`, on every contested concept of a
    #: `Glossary` (resolved from the profile, the concept's own setting and the policy); None
    #: on a concept that is not contested, or one not yet part of a glossary.
    contested_setting: str | None = None
    #: The concept's own `contested = "both" | "source"`, as the file writes it (None: the
    #: policy decides). Only a profile's `both`/`single` lists override it.
    contested_own: str | None = None
    #: Which name each edition language's community uses (`community = { hy = "Stepanakert",
    #: az = "Khankendi" }`): the primary under `order = "edition"`. A language not listed
    #: keeps the source's order.
    community: dict[str, str] = field(default_factory=dict)

    @property
    def contested(self) -> bool:
        return len(self.names) > 1

    @property
    def ambiguous(self) -> bool:
        """True when at least one English name of the concept is ambiguous."""
        return bool(self.ambiguous_names)

    @property
    def wholly_ambiguous(self) -> bool:
        """True when every English name is ambiguous (`ambiguous = true`)."""
        return bool(self.names) and set(self.names) <= set(self.ambiguous_names)

    def is_ambiguous(self, name: str) -> bool:
        """True when the English name `name` also means something else: a mention of it is
        never rewritten, and check only warns about it."""
        return name in self.ambiguous_names

    @property
    def ambiguous_setting(self) -> bool | list[str]:
        """As the file may write it: `true` for every name, the list of ambiguous names
        when only some are, `false` for none."""
        if self.wholly_ambiguous:
            return True
        return list(self.ambiguous_names) if self.ambiguous_names else False

    @property
    def dual(self) -> bool:
        """True when every name is kept: the secondary is demanded and inserted.

        A contested concept under `contested = "source"` is not dual: its other names are
        recognised spellings, accepted where a translation uses them, never inserted.
        """
        return self.contested and self.contested_setting != "source"

    def community_name(self, language: str) -> str | None:
        """The name `language`'s community uses, when the file says (order = "edition")."""
        return self.community.get(language)

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
            "contested_setting": self.contested_setting if self.contested else None,
            "contested_own": self.contested_own,
            "community": dict(self.community),
            "ambiguous": self.ambiguous_setting,
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


#: Values of the policy keys that take one of a few words (glossary-spec.md, section 2).
CONTESTED_VALUES = ("both", "source")
SCOPE_VALUES = ("first", "every")
QUOTES_VALUES = ("verbatim", "render")
ORDER_VALUES = ("source", "edition")


@dataclass(frozen=True)
class Policy:
    """How contested concepts are rendered and checked (the `[policy]` table, or a profile)."""

    contested: str = "both"  # "both" keeps every name; "source" keeps only the source's
    scope: str = "first"  # secondary at the "first" mention in a document, or at "every" one
    format: str = "{primary} ({secondary})"
    #: Inside quotation marks: "verbatim" keeps the source's name with nothing added
    #: (section 4.10); "render" treats quoted text like the rest.
    quotes: str = "verbatim"
    #: Which name comes first: "source" (the source's name is the primary) or "edition" (the
    #: name the edition language's community uses, whatever the source says).
    order: str = "source"
    #: Check codes to report (empty: every code) and to leave out.
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    #: The profile this policy comes from (None: the file's `[policy]` table).
    profile: str | None = None

    def decorate(self, primary: str, secondary: str) -> str:
        return self.format.format(primary=primary, secondary=secondary)

    def as_dict(self) -> dict[str, Any]:
        return {
            "profile": self.profile,
            "contested": self.contested,
            "scope": self.scope,
            "format": self.format,
            "quotes": self.quotes,
            "order": self.order,
            "select": list(self.select),
            "ignore": list(self.ignore),
        }


#: Policy keys a profile may override, in the order files and exports write them.
POLICY_FIELDS = ("contested", "scope", "format", "quotes", "order", "select", "ignore")


@dataclass(frozen=True)
class Profile:
    """A named editorial policy profile (`[policy.profile.NAME]`): a desk's house style.

    Each policy key it leaves as None keeps the `[policy]` table's value. `both` lists the
    concepts kept dual under this profile, `single` those reduced to the source's name; they
    override the concept's own `contested` setting.
    """

    name: str
    contested: str | None = None
    scope: str | None = None
    format: str | None = None
    quotes: str | None = None
    order: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    both: tuple[str, ...] = ()
    single: tuple[str, ...] = ()
    #: Line of the `[policy.profile.NAME]` header, for messages.
    line: int | None = None

    def overrides(self) -> dict[str, Any]:
        """The policy keys this profile sets, in `POLICY_FIELDS` order."""
        values = {key: getattr(self, key) for key in POLICY_FIELDS}
        return {key: value for key, value in values.items() if value is not None}

    def applied_to(self, policy: Policy) -> Policy:
        """`policy` with this profile's keys put over it."""
        return replace(policy, profile=self.name, **self.overrides())

    def setting_for(self, concept_id: str) -> str | None:
        """The setting the profile gives the concept ("both", "source"), else None."""
        if concept_id in self.both:
            return "both"
        if concept_id in self.single:
            return "source"
        return None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name}
        for key, value in self.overrides().items():
            data[key] = list(value) if isinstance(value, tuple) else value
        data["both"] = list(self.both)
        data["single"] = list(self.single)
        return data


def resolve_setting(concept: Concept, policy: Policy, profile: Profile | None = None) -> str | None:
    """The contested setting in effect for `concept`: the profile's `both`/`single` first,
    then the concept's own `contested`, then the policy's; None when not contested."""
    if not concept.contested:
        return None
    chosen = profile.setting_for(concept.id) if profile is not None else None
    return chosen or concept.contested_own or policy.contested


@dataclass(frozen=True)
class Glossary:
    """A whole glossary file, loaded and validated.

    `policy` is the policy in effect: the file's `[policy]` table, or a profile applied to it
    by `with_profile`. Every contested concept's `contested_setting` is resolved for it, so
    `concept.dual` answers the one question render and check ask.
    """

    name: str
    version: str
    targets: tuple[str, ...]
    concepts: tuple[Concept, ...]
    policy: Policy = field(default_factory=Policy)
    source: str = SOURCE_LANGUAGE
    path: Path | None = None
    #: The named profiles (`[policy.profile.NAME]`), in file order.
    profiles: tuple[Profile, ...] = ()
    #: The `[policy]` table as the file writes it, when a profile is in effect (None: `policy`).
    file_policy: Policy | None = None

    def __post_init__(self) -> None:
        profile = self.profile(self.policy.profile) if self.policy.profile else None
        resolved = tuple(
            concept
            if concept.contested_setting is not None or not concept.contested
            else replace(concept, contested_setting=resolve_setting(concept, self.policy, profile))
            for concept in self.concepts
        )
        object.__setattr__(self, "concepts", resolved)
        object.__setattr__(self, "_by_id", {c.id: c for c in resolved})

    @property
    def house_policy(self) -> Policy:
        """The `[policy]` table as the file writes it, whatever profile is in effect."""
        return self.file_policy if self.file_policy is not None else self.policy

    def profile(self, name: str) -> Profile | None:
        """The profile called `name`, or None."""
        return next((profile for profile in self.profiles if profile.name == name), None)

    def with_profile(self, name: str | None) -> Glossary:
        """This glossary under the profile `name` (None: the file's `[policy]` table).

        The policy becomes the profile's (its keys over `[policy]`), and every contested
        concept's `contested_setting` is resolved again: the profile's `both`/`single` first,
        then the concept's own `contested`, then the policy's. An unknown name is a one-line
        `GlossaryError` listing the profiles.
        """
        base = self.house_policy
        chosen: Profile | None = None
        if name is not None:
            chosen = self.profile(name)
            if chosen is None:
                where = str(self.path) if self.path is not None else self.name or "glossary"
                known = ", ".join(p.name for p in self.profiles)
                have = f"profiles: {known}" if known else "it has no [policy.profile.NAME] tables"
                raise GlossaryError(f"{where}: no policy profile {name!r} ({have})")
        policy = chosen.applied_to(base) if chosen is not None else base
        concepts = tuple(
            replace(concept, contested_setting=resolve_setting(concept, policy, chosen))
            for concept in self.concepts
        )
        return replace(
            self,
            concepts=concepts,
            policy=policy,
            file_policy=base if chosen is not None else None,
        )

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
