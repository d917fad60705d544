"""Checking parsed glossary TOML against every rule of the contract, and building the model.

One pass over the data collects every problem (one line each, naming the file, the concept
id and the line) and, when there are none, produces the immutable `Glossary`.
"""

from __future__ import annotations

import difflib
import re
import string
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from babel import localedata

from newsloc.glossary.model import (
    CASES,
    CONTESTED_VALUES,
    ORDER_VALUES,
    QUOTES_VALUES,
    SCOPE_VALUES,
    SOURCE_LANGUAGE,
    CaseForms,
    Concept,
    Glossary,
    NameForms,
    Policy,
    Profile,
)
from newsloc.glossary.toml_lines import KeyLines, KeyPath

#: Keys a `[[concept]]` table may have besides its target-language tables.
CONCEPT_KEYS = (
    "id",
    "names",
    "kind",
    "note",
    "source",
    "ambiguous",
    "contested",
    "community",
    "targets",
    "en",
)
GLOSSARY_KEYS = ("name", "version", "source", "targets")
#: `[policy]` keys that set one value each (a profile may override every one of them).
POLICY_VALUE_KEYS = ("contested", "scope", "format", "quotes", "order", "select", "ignore")
PROFILE_TABLE = "profile"
POLICY_KEYS = (*POLICY_VALUE_KEYS, PROFILE_TABLE)
#: Keys of a `[policy.profile.NAME]` table.
PROFILE_KEYS = (*POLICY_VALUE_KEYS, "both", "single")
TOP_LEVEL_KEYS = ("glossary", "policy", "concept")
#: The words each one-word policy key accepts.
POLICY_WORDS = {
    "contested": CONTESTED_VALUES,
    "scope": SCOPE_VALUES,
    "quotes": QUOTES_VALUES,
    "order": ORDER_VALUES,
}
FORMAT_FIELDS = ("primary", "secondary")
VARIANTS_KEY = "variants"
SHORT_KEY = "short"
#: Keys of a name's table that list other spellings rather than cases.
SPELLING_LIST_KEYS = (VARIANTS_KEY, SHORT_KEY)

#: A BCP 47 primary language subtag as used here: two or three lowercase ISO 639 letters.
_LANGUAGE = re.compile(r"[a-z]{2,3}")
_BAD_ID = re.compile(r"[\s:]")
#: A check code or a concept id in a list: no spaces, no commas.
_BAD_WORD = re.compile(r"[\s,]")
#: A profile name: a bare TOML key, so `[policy.profile.NAME]` needs no quotes.
_PROFILE_NAME = re.compile(r"[A-Za-z0-9_-]+")
#: White space other than single spaces: names and forms are one line, spaced once.
_ODD_SPACE = re.compile(r"[^\S ]|  ")


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return "a date or time"


def _control_character(value: str, allowed: str = "") -> str | None:
    """The first control character (Unicode category Cc) of `value` outside `allowed`, as
    U+XXXX, or None."""
    for char in value:
        if char not in allowed and unicodedata.category(char) == "Cc":
            return f"U+{ord(char):04X}"
    return None


def _quoted(items: Iterable[str]) -> str:
    return ", ".join(items)


class GlossaryBuilder:
    """Walks the parsed TOML once, collecting every problem and building the model."""

    def __init__(self, label: str, lines: KeyLines):
        self.label = label
        self.lines = lines
        #: (line, message): reported in line order, file-wide problems first.
        self.problems: list[tuple[int, str]] = []
        #: Every concept id met, with whether the concept has two or more names.
        self.contested_ids: dict[str, bool] = {}

    def problem(self, path: KeyPath, subject: str, message: str) -> None:
        line = self.lines.line_of(path)
        where = f"{self.label}:{line}" if line is not None else self.label
        self.problems.append((line or 0, f"{where}: {subject}: {message}"))

    def report(self) -> list[str]:
        return [message for _, message in sorted(self.problems, key=lambda item: item[0])]

    # -- plain values --

    def text(
        self, value: Any, path: KeyPath, subject: str, what: str, prose: bool = False
    ) -> str | None:
        """A non-empty string without stray spaces, or None after recording the problem.

        Names and forms must be spaced once on one line (matching relies on it); `prose`
        (a note, a reference) may have line breaks.
        """
        if not isinstance(value, str):
            self.problem(path, subject, f"{what} must be a string, not {_kind_of(value)}")
            return None
        if not value.strip():
            self.problem(path, subject, f"{what} is empty")
            return None
        if prose:
            return self._no_control(value, path, subject, what, "\t\n\r") and value.strip()
        if value != value.strip():
            self.problem(path, subject, f"{what} {value!r} has leading or trailing spaces")
            return None
        if _ODD_SPACE.search(value):
            self.problem(
                path, subject, f"{what} {value!r} has a tab, line break or double space inside"
            )
            return None
        return self._no_control(value, path, subject, what)

    def _no_control(
        self, value: str, path: KeyPath, subject: str, what: str, allowed: str = ""
    ) -> str | None:
        """`value`, or None after recording its first control character: NUL and the like
        break catalogues, review files and TBX (a multi-line string's closing line break
        is no mistake, so prose may have line breaks and tabs)."""
        control = _control_character(value, allowed)
        if control is None:
            return value
        self.problem(path, subject, f"{what} {value!r} has a control character ({control})")
        return None

    def text_list(self, value: Any, path: KeyPath, subject: str, what: str) -> list[str] | None:
        """A non-empty list of unique non-empty strings."""
        if not isinstance(value, list):
            self.problem(path, subject, f"{what} must be a list of strings, not {_kind_of(value)}")
            return None
        if not value:
            self.problem(path, subject, f"{what} is an empty list")
            return None
        result: list[str] = []
        ok = True
        for item in value:
            checked = self.text(item, path, subject, f"an item of {what}")
            if checked is None:
                ok = False
            elif checked in result:
                self.problem(path, subject, f"{what} lists {checked!r} twice")
                ok = False
            else:
                result.append(checked)
        return result if ok else None

    def languages(self, value: Any, path: KeyPath, subject: str, what: str) -> list[str] | None:
        codes = self.text_list(value, path, subject, what)
        if codes is None:
            return None
        bad = [code for code in codes if not _LANGUAGE.fullmatch(code)]
        if bad:
            self.problem(
                path,
                subject,
                f"{what}: {_quoted(bad)} not a BCP 47 primary language subtag "
                "(two or three lowercase letters, e.g. hy, az, ru)",
            )
            return None
        if SOURCE_LANGUAGE in codes:
            self.problem(path, subject, f"{what} lists the source language {SOURCE_LANGUAGE!r}")
            return None
        unknown = [code for code in codes if not localedata.exists(code)]
        if unknown:
            self.problem(
                path,
                subject,
                f"{what}: {_quoted(unknown)} not a language CLDR knows (e.g. hy, az, ru)",
            )
            return None
        return codes

    def unknown_keys(
        self, table: dict[str, Any], allowed: Iterable[str], path: KeyPath, subject: str
    ) -> None:
        allowed = tuple(allowed)
        for key in table:
            if key not in allowed:
                self.problem(
                    (*path, key),
                    subject,
                    f"unknown key {key!r} (allowed: {_quoted(allowed)})",
                )

    # -- sections --

    def build(self, data: dict[str, Any], path: Path | None) -> Glossary | None:
        explained = self.missing_glossary_table(data) if "glossary" not in data else ()
        for key in data:
            if key not in TOP_LEVEL_KEYS and key not in explained:
                self.problem(
                    (key,),
                    "glossary file",
                    f"unknown top-level key {key!r} (allowed: [glossary], [policy], [[concept]])",
                )
        meta = self.glossary_table(data.get("glossary"), path)
        policy_data = data.get("policy", {})
        policy = self.policy_table(policy_data)
        concepts = self.concepts(data.get("concept", []), meta[2])
        profiles = self.profiles(policy_data)
        if self.problems:
            return None
        name, version, targets = meta
        return Glossary(
            name=name,
            version=version,
            targets=tuple(targets or ()),
            concepts=tuple(concepts),
            policy=policy,
            path=path,
            profiles=profiles,
        )

    def missing_glossary_table(self, data: dict[str, Any]) -> tuple[str, ...]:
        """One line for a missing `[glossary]` table, naming what probably took its place.

        A misspelt `[glosary]`, or the header left out so that `name`, `targets`… sit at the
        top level, would otherwise read as several unrelated problems. Returns the top-level
        keys this line explains, which are then not reported again.
        """
        subject = "[glossary]"
        for key, value in data.items():
            if key not in TOP_LEVEL_KEYS and isinstance(value, dict) and "targets" in value:
                self.problem(
                    (key,), subject, f"missing [glossary] table; is [{key}] meant to be it?"
                )
                return (key,)
        stray = tuple(key for key in data if key in GLOSSARY_KEYS)
        if stray:
            self.problem(
                (stray[0],),
                subject,
                f"missing [glossary] table: {_quoted(stray)} are at the top level; "
                "put [glossary] on the line above them",
            )
            return stray
        self.problem((), subject, "missing [glossary] table (it must list the targets)")
        return ()

    def glossary_table(self, table: Any, path: Path | None) -> tuple[str, str, list[str] | None]:
        """Name, version and targets; targets None when they are unusable (reported)."""
        subject = "[glossary]"
        fallback_name = path.stem if path is not None else ""
        if table is None:  # reported by missing_glossary_table
            return fallback_name, "", None
        if not isinstance(table, dict):
            self.problem(("glossary",), subject, f"must be a table, not {_kind_of(table)}")
            return fallback_name, "", None
        where = ("glossary",)
        self.unknown_keys(table, GLOSSARY_KEYS, where, subject)
        name = fallback_name
        if "name" in table:
            name = self.text(table["name"], (*where, "name"), subject, "name") or name
        version = ""
        if "version" in table:
            value = table["version"]
            if isinstance(value, int | float) and not isinstance(value, bool):
                self.problem(
                    (*where, "version"),
                    subject,
                    f'version must be a string; quote it: version = "{value}"',
                )
            else:
                version = self.text(value, (*where, "version"), subject, "version") or ""
        source = table.get("source", SOURCE_LANGUAGE)
        if source != SOURCE_LANGUAGE:
            self.problem(
                (*where, "source"),
                subject,
                f"source must be {SOURCE_LANGUAGE!r} (newsloc matches English source text), "
                f"not {source!r}",
            )
        if "targets" not in table:
            self.problem(where, subject, 'missing targets (e.g. targets = ["hy", "az", "ru"])')
            return name, version, None
        targets = self.languages(table["targets"], (*where, "targets"), subject, "targets")
        return name, version, targets

    def policy_table(self, table: Any) -> Policy:
        subject = "[policy]"
        where: KeyPath = ("policy",)
        if not isinstance(table, dict):
            self.problem(where, subject, f"must be a table, not {_kind_of(table)}")
            return Policy()
        self.unknown_keys(table, POLICY_KEYS, where, subject)
        values = self.policy_values(table, where, subject)
        return Policy(**values) if values is not None else Policy()

    def policy_values(self, table: dict[str, Any], where: KeyPath, subject: str) -> dict | None:
        """The policy keys `table` sets, checked; None when one of them is unusable."""
        values: dict[str, Any] = {}
        ok = True
        for key, words in POLICY_WORDS.items():
            if key in table:
                value = table[key]
                if value in words:
                    values[key] = value
                else:
                    ok = False
                    self.problem(
                        (*where, key),
                        subject,
                        f"{key} must be one of {_quoted(words)}, not {value!r}",
                    )
        if "format" in table:
            problem = _format_problem(table["format"])
            if problem is None:
                values["format"] = table["format"]
            else:
                ok = False
                self.problem((*where, "format"), subject, problem)
        for key in ("select", "ignore"):
            if key in table:
                codes = self.words(table[key], (*where, key), subject, key, "check code")
                if codes is None:
                    ok = False
                else:
                    values[key] = tuple(codes)
        return values if ok else None

    def words(
        self, value: Any, path: KeyPath, subject: str, what: str, item: str
    ) -> list[str] | None:
        """A list of unique words (check codes, concept ids): no spaces, no commas. An empty
        list is allowed (a profile may clear `select`)."""
        if value == []:
            return []
        items = self.text_list(value, path, subject, what)
        if items is None:
            return None
        bad = [word for word in items if _BAD_WORD.search(word)]
        if bad:
            self.problem(path, subject, f"{what}: {_quoted(map(repr, bad))} is not a {item}")
            return None
        return items

    def profiles(self, policy: Any) -> tuple[Profile, ...]:
        """The `[policy.profile.NAME]` tables, checked against the concepts read before."""
        if not isinstance(policy, dict) or PROFILE_TABLE not in policy:
            return ()
        where: KeyPath = ("policy", PROFILE_TABLE)
        tables = policy[PROFILE_TABLE]
        if not isinstance(tables, dict):
            self.problem(
                where,
                "[policy.profile]",
                f"must hold [policy.profile.NAME] tables, not {_kind_of(tables)}",
            )
            return ()
        profiles = []
        for name, table in tables.items():
            profile = self.profile(name, table, (*where, name))
            if profile is not None:
                profiles.append(profile)
        return tuple(profiles)

    def profile(self, name: str, table: Any, where: KeyPath) -> Profile | None:
        subject = f"[policy.profile.{name}]"
        before = len(self.problems)
        if not _PROFILE_NAME.fullmatch(name):
            self.problem(
                where,
                subject,
                f"profile name {name!r}: use letters, digits, '-' and '_' only",
            )
        if not isinstance(table, dict):
            self.problem(where, subject, f"must be a table, not {_kind_of(table)}")
            return None
        self.unknown_keys(table, PROFILE_KEYS, where, subject)
        values = self.policy_values(table, where, subject) or {}
        lists: dict[str, list[str]] = {}
        for key in ("both", "single"):
            if key not in table:
                continue
            ids = self.words(table[key], (*where, key), subject, key, "concept id")
            if ids is None:
                continue
            for concept_id in ids:
                self.profile_concept(concept_id, (*where, key), subject, key)
            lists[key] = ids
        twice = [i for i in lists.get("both", []) if i in lists.get("single", [])]
        if twice:
            self.problem(
                (*where, "single"),
                subject,
                f"{_quoted(twice)} listed in both and in single; a concept is one or the other",
            )
        if len(self.problems) > before:
            return None
        return Profile(
            name=name,
            **values,
            both=tuple(lists.get("both", [])),
            single=tuple(lists.get("single", [])),
            line=self.lines.line_of(where),
        )

    def profile_concept(self, concept_id: str, path: KeyPath, subject: str, key: str) -> None:
        """A concept id a profile names must be a contested concept of this glossary."""
        contested = self.contested_ids.get(concept_id)
        if contested is None:
            close = difflib.get_close_matches(concept_id, list(self.contested_ids), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            self.problem(path, subject, f"{key}: unknown concept id {concept_id!r}{hint}")
        elif not contested:
            self.problem(
                path,
                subject,
                f"{key}: {concept_id!r} has one name; only a contested concept can be "
                "kept dual or reduced to the source's name",
            )

    def concepts(self, items: Any, targets: list[str] | None) -> list[Concept]:
        if not isinstance(items, list):
            self.problem(
                ("concept",),
                "concept",
                f"concepts must be [[concept]] tables, not {_kind_of(items)}",
            )
            return []
        concepts: list[Concept] = []
        first_line_of_id: dict[str, int | None] = {}
        english: dict[str, tuple[str, str]] = {}
        for index, item in enumerate(items):
            concept = self.concept(index, item, targets, first_line_of_id, english)
            if concept is not None:
                concepts.append(concept)
        return concepts

    def concept(
        self,
        index: int,
        table: Any,
        targets: list[str] | None,
        first_line_of_id: dict[str, int | None],
        english: dict[str, tuple[str, str]],
    ) -> Concept | None:
        where: KeyPath = ("concept", index)
        subject = f"concept #{index + 1}"
        before = len(self.problems)
        if not isinstance(table, dict):
            self.problem(where, subject, f"must be a table, not {_kind_of(table)}")
            return None
        concept_id = None
        if "id" not in table:
            self.problem(where, subject, "missing id")
        else:
            concept_id = self.text(table["id"], (*where, "id"), subject, "id")
            if concept_id is not None and _BAD_ID.search(concept_id):
                self.problem((*where, "id"), subject, f"id {concept_id!r} has spaces or ':'")
                concept_id = None
        if concept_id is not None:
            subject = concept_id
            if concept_id in first_line_of_id:
                first = first_line_of_id[concept_id]
                at = f" (first at line {first})" if first is not None else ""
                self.problem((*where, "id"), subject, f"duplicate id {concept_id!r}{at}")
            else:
                first_line_of_id[concept_id] = self.lines.line_of(where)

        own_targets = None
        if "targets" in table:
            own_targets = self.languages(table["targets"], (*where, "targets"), subject, "targets")
            if own_targets is not None and targets is not None:
                wider = [code for code in own_targets if code not in targets]
                if wider:
                    self.problem(
                        (*where, "targets"),
                        subject,
                        f"targets {_quoted(wider)} not among the glossary's targets "
                        f"({_quoted(targets)}); a concept may only narrow them",
                    )
        # When the glossary's targets are unusable (already reported), any language key is
        # taken at its word, and completeness cannot be judged; `id` and the other concept
        # keys look like language codes but are not.
        known = (
            targets
            if targets is not None
            else [
                key
                for key in table
                if _LANGUAGE.fullmatch(key) and key != SOURCE_LANGUAGE and key not in CONCEPT_KEYS
            ]
        )
        languages = targets or []
        if own_targets is not None:
            languages = [code for code in own_targets if targets is None or code in targets]

        allowed = (*CONCEPT_KEYS, *known)
        for key in table:
            if key in allowed:
                continue
            if _LANGUAGE.fullmatch(key):
                self.problem(
                    (*where, key),
                    subject,
                    f"forms for {key!r}, which is not a target language "
                    f"(targets: {_quoted(known)})",
                )
            else:
                self.problem(
                    (*where, key),
                    subject,
                    f"unknown key {key!r} (allowed: {_quoted(CONCEPT_KEYS)}, and the target "
                    f"languages {_quoted(known)})",
                )

        names: list[str] = []
        if "names" not in table:
            self.problem(where, subject, 'missing names (e.g. names = ["Stepanakert"])')
        else:
            names = self.text_list(table["names"], (*where, "names"), subject, "names") or []

        extras: dict[str, str | bool] = {}
        for key in ("kind", "note", "source"):
            if key in table:
                value = self.text(table[key], (*where, key), subject, key, prose=key != "kind")
                if value is not None:
                    extras[key] = value
        ambiguous = self.ambiguous(table.get("ambiguous", False), where, subject, names)

        contested_own = None
        if "contested" in table:
            contested_own = self.concept_contested(table["contested"], where, subject, names)
        if concept_id is not None:
            self.contested_ids.setdefault(concept_id, len(names) > 1)

        community = self.community(table.get("community"), where, subject, names, languages)
        en_spellings = self.english(table.get("en"), where, subject, names)
        forms: dict[str, dict[str, NameForms]] = {}
        for language in known:
            if language in table:
                forms[language] = self.language_forms(
                    table[language], language, (*where, language), subject, names
                )
        if names:
            for language in languages:
                given = table.get(language)
                given = given if isinstance(given, dict) else {}
                missing = [name for name in names if name not in given]
                if missing and (language not in table or isinstance(table[language], dict)):
                    path = (*where, language) if language in table else (*where, "names")
                    self.problem(
                        path,
                        subject,
                        f"no {language} form for {_quoted(missing)} (every name needs a form "
                        f"in every target language: {_quoted(languages)})",
                    )

        if concept_id is not None:
            self.claim_english(concept_id, names, en_spellings, where, english)
        if len(self.problems) > before or concept_id is None:
            return None
        return Concept(
            id=concept_id,
            names=tuple(names),
            kind=str(extras.get("kind", "")),
            note=str(extras.get("note", "")),
            source=str(extras.get("source", "")),
            ambiguous_names=ambiguous,
            targets=tuple(own_targets) if own_targets is not None else None,
            en_spellings={name: tuple(spellings) for name, spellings in en_spellings.items()},
            forms=forms,
            line=self.lines.line_of(where),
            contested_own=contested_own,
            community=community,
        )

    def ambiguous(
        self, value: Any, where: KeyPath, subject: str, names: list[str]
    ) -> tuple[str, ...]:
        """`ambiguous = true` (every name), `false`, or a list of the concept's English
        names that also mean something else (`ambiguous = ["Martuni"]`): the ambiguous ones."""
        path = (*where, "ambiguous")
        if isinstance(value, bool):
            return tuple(names) if value else ()
        if not isinstance(value, list):
            self.problem(
                path,
                subject,
                f"ambiguous must be true, false or a list of the concept's names, "
                f"not {_kind_of(value)}",
            )
            return ()
        listed = self.text_list(value, path, subject, "ambiguous") or []
        unknown = [name for name in listed if name not in names]
        if unknown:
            self.problem(
                path,
                subject,
                f"ambiguous: {', '.join(map(repr, unknown))} "
                f"{'is' if len(unknown) == 1 else 'are'} not one of its names ({_quoted(names)})",
            )
            return ()
        return tuple(name for name in names if name in listed)

    def community(
        self, table: Any, where: KeyPath, subject: str, names: list[str], languages: list[str]
    ) -> dict[str, str]:
        """`community = { hy = "Stepanakert", az = "Khankendi" }`: for each listed target
        language, the one of the concept's names that language's community uses."""
        if table is None:
            return {}
        path = (*where, "community")
        if not isinstance(table, dict):
            self.problem(
                path,
                subject,
                f"community must be a table of language = name, not {_kind_of(table)}",
            )
            return {}
        if len(names) < 2:
            self.problem(path, subject, "community applies to a concept with two or more names")
            return {}
        result: dict[str, str] = {}
        for language, name in table.items():
            if languages and language not in languages:
                self.problem(
                    path,
                    subject,
                    f"community.{language}: not a target language ({_quoted(languages)})",
                )
            elif name not in names:
                self.problem(
                    path,
                    subject,
                    f"community.{language}: {name!r} is not one of its names ({_quoted(names)})",
                )
            else:
                result[language] = name
        return result

    def concept_contested(
        self, value: Any, where: KeyPath, subject: str, names: list[str]
    ) -> str | None:
        """A concept's own `contested = "both" | "source"`, only on a contested concept."""
        path = (*where, "contested")
        if value not in CONTESTED_VALUES:
            self.problem(
                path,
                subject,
                f"contested must be one of {_quoted(CONTESTED_VALUES)}, not {value!r}",
            )
            return None
        if len(names) < 2:
            self.problem(
                path,
                subject,
                f"contested applies to a concept with two or more names; this one has {len(names)}",
            )
            return None
        return str(value)

    def english(
        self, table: Any, where: KeyPath, subject: str, names: list[str]
    ) -> dict[str, list[str]]:
        """The `en.<Name> = [...]` spellings, checked to belong to one of the names."""
        if table is None:
            return {}
        path = (*where, "en")
        if not isinstance(table, dict):
            self.problem(
                path, subject, f"en must be a table of name = [spellings], not {_kind_of(table)}"
            )
            return {}
        result: dict[str, list[str]] = {}
        for name, value in table.items():
            key_path = (*path, name)
            if names and name not in names:
                self.problem(
                    key_path,
                    subject,
                    f"en.{name}: {name!r} is not one of its names ({_quoted(names)})",
                )
                continue
            items = [value] if isinstance(value, str) else value
            spellings = self.text_list(items, key_path, subject, f"en.{name}")
            if spellings is not None:
                result[name] = spellings
        return result

    def claim_english(
        self,
        concept_id: str,
        names: list[str],
        en_spellings: dict[str, list[str]],
        where: KeyPath,
        english: dict[str, tuple[str, str]],
    ) -> None:
        """Record each English spelling; one spelling may mean only one concept and name."""
        claims = [(name, name, (*where, "names")) for name in names]
        for name, spellings in en_spellings.items():
            claims += [(spelling, name, (*where, "en", name)) for spelling in spellings]
        for spelling, name, path in claims:
            owner = english.get(spelling)
            if owner is None:
                english[spelling] = (concept_id, name)
            elif owner[0] != concept_id:
                self.problem(
                    path,
                    concept_id,
                    f"English spelling {spelling!r} already belongs to concept {owner[0]!r}",
                )
            elif owner[1] == name:
                self.problem(
                    path, concept_id, f"English spelling {spelling!r} is listed twice for {name!r}"
                )
            else:
                self.problem(
                    path,
                    concept_id,
                    f"English spelling {spelling!r} cannot mean both {owner[1]!r} and {name!r}",
                )

    def language_forms(
        self, table: Any, language: str, path: KeyPath, subject: str, names: list[str]
    ) -> dict[str, NameForms]:
        if not isinstance(table, dict):
            self.problem(
                path,
                subject,
                f"{language} must be a table of name = forms, not {_kind_of(table)}",
            )
            return {}
        result: dict[str, NameForms] = {}
        for name, value in table.items():
            if names and name not in names:
                self.problem(
                    (*path, name),
                    subject,
                    f"{language}.{name}: {name!r} is not one of its names ({_quoted(names)})",
                )
                continue
            forms = self.name_forms(value, language, (*path, name), subject, f"{language}.{name}")
            if forms is not None:
                result[name] = forms
        return result

    def name_forms(
        self, value: Any, language: str, path: KeyPath, subject: str, what: str
    ) -> NameForms | None:
        if isinstance(value, str):
            form = self.text(value, path, subject, what)
            return NameForms(cases={"nom": form}) if form is not None else None
        if not isinstance(value, dict):
            self.problem(
                path,
                subject,
                f"{what} must be a string or a table of cases, not {_kind_of(value)}",
            )
            return None
        cases = self.case_table(value, language, path, subject, what, extra=SPELLING_LIST_KEYS)
        lists: dict[str, tuple[CaseForms, ...]] = {}
        ok = cases is not None
        for key in SPELLING_LIST_KEYS:
            if key in value:
                spellings = self.spelling_list(
                    value[key], language, (*path, key), subject, f"{what}.{key}"
                )
                if spellings is None:
                    ok = False
                else:
                    lists[key] = spellings
        if not ok or cases is None:
            return None
        both = _spellings(lists.get(VARIANTS_KEY, ())) & _spellings(lists.get(SHORT_KEY, ()))
        if both:
            self.problem(
                path,
                subject,
                f"{what}: {', '.join(map(repr, sorted(both)))} is both a variant (replaced by "
                "the name) and a short name (never rewritten); keep it in one of the two lists",
            )
            return None
        return NameForms(
            cases=cases,
            variants=lists.get(VARIANTS_KEY, ()),
            short=lists.get(SHORT_KEY, ()),
        )

    def case_table(
        self,
        table: dict[str, Any],
        language: str,
        path: KeyPath,
        subject: str,
        what: str,
        extra: tuple[str, ...] = (),
    ) -> dict[str, str] | None:
        """A table of case forms (with `nom`), in the language's case order; keys in `extra`
        are left to the caller."""
        cases_allowed = CASES.get(language, ("nom",))
        ok = True
        cases: dict[str, str] = {}
        for key, item in table.items():
            if key in extra:
                continue
            if key in cases_allowed:
                form = self.text(item, (*path, key), subject, f"{what}.{key}")
                if form is None:
                    ok = False
                else:
                    cases[key] = form
            else:
                self.problem(
                    (*path, key),
                    subject,
                    f"{what}: unknown case {key!r} for {language} "
                    f"(allowed: {_quoted((*cases_allowed, *extra))})",
                )
                ok = False
        if "nom" not in table:
            self.problem(path, subject, f"{what}: a table of forms must have nom")
            ok = False
        if not ok:
            return None
        return {case: cases[case] for case in cases_allowed if case in cases}

    def spelling_list(
        self, value: Any, language: str, path: KeyPath, subject: str, what: str
    ) -> tuple[CaseForms, ...] | None:
        """`variants` or `short`: a list of spellings, each a plain string (one form for
        every case) or a table of case forms like a name's; a single one may stand alone."""
        items = [value] if isinstance(value, str | dict) else value
        if not isinstance(items, list):
            self.problem(
                path,
                subject,
                f"{what} must be a list of strings or tables of cases, not {_kind_of(value)}",
            )
            return None
        if not items:
            self.problem(path, subject, f"{what} is an empty list")
            return None
        result: list[CaseForms] = []
        ok = True
        for number, item in enumerate(items, start=1):
            label = f"{what}[{number}]"
            if isinstance(item, str):
                text = self.text(item, path, subject, label)
                cases = {"nom": text} if text is not None else None
            elif isinstance(item, dict):
                cases = self.case_table(item, language, path, subject, label)
            else:
                self.problem(
                    path,
                    subject,
                    f"{label} must be a string or a table of cases, not {_kind_of(item)}",
                )
                cases = None
            if cases is None:
                ok = False
            elif any(cases["nom"] == earlier.nom for earlier in result):
                self.problem(path, subject, f"{what} lists {cases['nom']!r} twice")
                ok = False
            else:
                result.append(CaseForms(cases))
        return tuple(result) if ok else None


def _spellings(items: tuple[CaseForms, ...]) -> set[str]:
    """Every form of every spelling in a `variants` or `short` list."""
    return {form for item in items for form in item.cases.values()}


def _format_problem(fmt: Any) -> str | None:
    """Why `fmt` cannot be the policy format, or None when it can."""
    if not isinstance(fmt, str):
        return f"format must be a string, not {_kind_of(fmt)}"
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(fmt) if field is not None]
    except ValueError as exc:
        return f"format {fmt!r} is not a valid format string ({exc}); write {{{{ for a brace"
    unknown = [field for field in fields if field not in FORMAT_FIELDS]
    if unknown:
        return (
            f"format {fmt!r} uses {_quoted(repr(f) for f in unknown)}; only {{primary}} and "
            "{secondary} may appear (write {{ and }} for literal braces)"
        )
    missing = [field for field in FORMAT_FIELDS if field not in fields]
    if missing:
        return f"format {fmt!r} must contain {{primary}} and {{secondary}}"
    try:
        fmt.format(primary="x", secondary="y")
    except (ValueError, KeyError, IndexError) as exc:
        return f"format {fmt!r} cannot be applied ({exc})"
    return None
