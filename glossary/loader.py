"""Loading and validating glossary files (glossary-spec.md, section 2).

A glossary is parsed with the standard library's `tomllib`, checked against every rule of
the contract, and only then turned into the immutable term model. Every problem is
collected before anything is raised, so a curator fixes a file in one pass; each problem is
one line `FILE:LINE: CONCEPT_ID: message`, the line found by scanning the text for the key.
"""

from __future__ import annotations

import os
import re
import string
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from glossary.errors import GlossaryError
from glossary.model import CASES, SOURCE_LANGUAGE, Concept, Glossary, NameForms, Policy

#: The curated glossary that ships with newsloc.
DEFAULT_GLOSSARY_PATH = Path(__file__).resolve().parent / "data" / "south-caucasus.toml"

#: Keys a `[[concept]]` table may have besides its target-language tables.
CONCEPT_KEYS = ("id", "names", "kind", "note", "source", "ambiguous", "targets", "en")
GLOSSARY_KEYS = ("name", "version", "source", "targets")
POLICY_KEYS = ("contested", "scope", "format")
TOP_LEVEL_KEYS = ("glossary", "policy", "concept")
CONTESTED_VALUES = ("both", "source")
SCOPE_VALUES = ("first", "every")
FORMAT_FIELDS = ("primary", "secondary")
VARIANTS_KEY = "variants"

#: A BCP 47 primary language subtag as used here: two or three lowercase ISO 639 letters.
_LANGUAGE = re.compile(r"[a-z]{2,3}")
_BAD_ID = re.compile(r"[\s:]")
#: White space other than single spaces: names and forms are one line, spaced once.
_ODD_SPACE = re.compile(r"[^\S ]|  ")

KeyPath = tuple[Any, ...]


def load_default_glossary() -> Glossary:
    """The curated default glossary (`glossary/data/south-caucasus.toml`)."""
    return load_glossary(DEFAULT_GLOSSARY_PATH)


def load_glossary(path: str | os.PathLike[str]) -> Glossary:
    """Read and validate a glossary file; `GlossaryError` lists every problem found."""
    return parse_glossary(read_glossary_text(path), path)


def read_glossary_text(path: str | os.PathLike[str]) -> str:
    """The file's text, or a one-line `GlossaryError` naming the file and what is wrong."""
    label = os.fspath(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise GlossaryError(f"{label}: no such glossary file") from None
    except IsADirectoryError:
        raise GlossaryError(f"{label}: is a directory, not a glossary file") from None
    except OSError as exc:
        raise GlossaryError(f"{label}: cannot read the glossary file ({exc.strerror})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise GlossaryError(
            f"{label}: not UTF-8 text (bad byte at offset {exc.start}); save it as UTF-8"
        ) from None
    return text.removeprefix("\ufeff")


def parse_glossary(text: str, path: str | os.PathLike[str] | None = None) -> Glossary:
    """Validate glossary TOML `text` (read from `path`, used in messages) into a Glossary."""
    label = os.fspath(path) if path is not None else "<glossary>"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise GlossaryError(_toml_problem(label, exc, text)) from None
    builder = _Builder(label, _KeyLines(text))
    glossary = builder.build(data, Path(path) if path is not None else None)
    if builder.problems:
        raise GlossaryError(builder.report())
    assert glossary is not None
    return glossary


def _toml_problem(label: str, exc: tomllib.TOMLDecodeError, text: str) -> str:
    """tomllib's message as `FILE:LINE: not valid TOML: …`."""
    message = str(exc)
    if message.endswith("(at end of document)"):
        reason = message.removesuffix("(at end of document)").rstrip()
        return f"{label}:{max(1, len(text.splitlines()))}: not valid TOML: {reason} (at the end)"
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)\s*$", message)
    if found is None:
        return f"{label}: not valid TOML: {message}"
    reason = message[: found.start()]
    return f"{label}:{found.group(1)}: not valid TOML: {reason} (column {found.group(2)})"


# --- where keys are in the text ---------------------------------------------------------

_HEADER = re.compile(r"\s*(\[\[?)(.*?)(\]\]?)\s*(#.*)?$")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _parse_key(text: str, pos: int) -> tuple[list[str], int] | None:
    """A dotted TOML key starting at `pos`: its parts and the position after it."""
    parts: list[str] = []
    while True:
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        if pos >= len(text):
            return None
        char = text[pos]
        if char in "\"'":
            end = pos + 1
            while end < len(text) and text[end] != char:
                end += 2 if char == '"' and text[end] == "\\" else 1
            if end >= len(text):
                return None
            raw = text[pos + 1 : end]
            parts.append(_unescape(raw) if char == '"' else raw)
            pos = end + 1
        else:
            bare = _BARE_KEY.match(text, pos)
            if bare is None:
                return None
            parts.append(bare.group())
            pos = bare.end()
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        if pos < len(text) and text[pos] == ".":
            pos += 1
            continue
        return parts, pos


def _unescape(raw: str) -> str:
    try:
        return tomllib.loads(f'k = "{raw}"')["k"]
    except tomllib.TOMLDecodeError:
        return raw


def _open_multiline_after(text: str, open_quotes: str | None) -> str | None:
    """The multi-line string delimiter still open after reading `text`, if any.

    `open_quotes` is the delimiter open when `text` starts; strings and comments are
    skipped properly, so three quotes inside an ordinary string do not open anything.
    """
    position, size = 0, len(text)
    while position < size:
        if open_quotes is not None:
            if open_quotes == '"""' and text[position] == "\\":
                position += 2
            elif text.startswith(open_quotes, position):
                position += 3
                while position < size and text[position] == open_quotes[0]:
                    position += 1  # up to two quotes may end the content itself
                open_quotes = None
            else:
                position += 1
            continue
        char = text[position]
        if char == "#":
            return None
        if text.startswith(('"""', "'''"), position):
            open_quotes = text[position : position + 3]
            position += 3
        elif char == '"':
            position += 1
            while position < size and text[position] != '"':
                position += 2 if text[position] == "\\" else 1
            position += 1
        elif char == "'":
            end = text.find("'", position + 1)
            position = size if end < 0 else end + 1
        else:
            position += 1
    return open_quotes


class _KeyLines:
    """Maps key paths to the line where the text defines them.

    Paths are `("glossary", "targets")`, `("policy", "format")` or
    `("concept", INDEX, "ru", "Stepanakert")`; a path that no line spells out (a key inside
    an inline table) resolves to its nearest enclosing key, then to its table header.
    """

    def __init__(self, text: str):
        self._lines: dict[KeyPath, int] = {}
        #: Keys in file order, grouped by table (a concept, [glossary], [policy]).
        self._by_table: dict[KeyPath, list[tuple[KeyPath, int]]] = {}
        self._scan(text)

    @staticmethod
    def _table_of(path: KeyPath) -> KeyPath:
        return path[:2] if path[:1] == ("concept",) else path[:1]

    def _record(self, path: KeyPath, line: int) -> None:
        if path not in self._lines:
            self._lines[path] = line
            self._by_table.setdefault(self._table_of(path), []).append((path, line))

    def _scan(self, text: str) -> None:
        prefix: KeyPath = ()
        concepts = -1
        in_multiline: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_multiline is not None:
                in_multiline = _open_multiline_after(line, in_multiline)
                continue
            header = _HEADER.match(line)
            if header is not None and header.group(1) in ("[", "[[") and "=" not in line:
                parsed = _parse_key(header.group(2), 0)
                if parsed is None:
                    continue
                keys = parsed[0]
                if header.group(1) == "[[" and keys == ["concept"]:
                    concepts += 1
                    prefix = ("concept", concepts)
                elif keys[0] == "concept" and concepts >= 0:
                    prefix = ("concept", concepts, *keys[1:])
                else:
                    prefix = tuple(keys)
                self._record(prefix, number)
                continue
            parsed = _parse_key(line, 0)
            if parsed is not None and parsed[1] < len(line) and line[parsed[1]] == "=":
                self._record((*prefix, *parsed[0]), number)
                in_multiline = _open_multiline_after(line[parsed[1] + 1 :], None)

    def line_of(self, path: KeyPath) -> int | None:
        """The line of `path`, of the first key inside it, or of its nearest ancestor."""
        if not path:
            return None
        if path in self._lines:
            return self._lines[path]
        depth = len(path)
        for candidate, line in self._by_table.get(self._table_of(path), ()):
            if candidate[:depth] == path:
                return line
        for cut in range(depth - 1, 0, -1):
            if path[:cut] in self._lines:
                return self._lines[path[:cut]]
        return None


# --- validation and building ------------------------------------------------------------


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


def _quoted(items: Iterable[str]) -> str:
    return ", ".join(items)


class _Builder:
    """Walks the parsed TOML once, collecting every problem and building the model."""

    def __init__(self, label: str, lines: _KeyLines):
        self.label = label
        self.lines = lines
        #: (line, message): reported in line order, file-wide problems first.
        self.problems: list[tuple[int, str]] = []

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
            return value.strip()  # a multi-line string's closing line break is no mistake
        if value != value.strip():
            self.problem(path, subject, f"{what} {value!r} has leading or trailing spaces")
            return None
        if _ODD_SPACE.search(value):
            self.problem(
                path, subject, f"{what} {value!r} has a tab, line break or double space inside"
            )
            return None
        return value

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
        for key in data:
            if key not in TOP_LEVEL_KEYS:
                self.problem(
                    (key,),
                    "glossary file",
                    f"unknown top-level key {key!r} (allowed: [glossary], [policy], [[concept]])",
                )
        meta = self.glossary_table(data.get("glossary"), path)
        policy = self.policy_table(data.get("policy", {}))
        concepts = self.concepts(data.get("concept", []), meta[2])
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
        )

    def glossary_table(self, table: Any, path: Path | None) -> tuple[str, str, list[str] | None]:
        """Name, version and targets; targets None when they are unusable (reported)."""
        subject = "[glossary]"
        fallback_name = path.stem if path is not None else ""
        if table is None:
            self.problem((), subject, "missing [glossary] table (it must list the targets)")
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
        where = ("policy",)
        if not isinstance(table, dict):
            self.problem(where, subject, f"must be a table, not {_kind_of(table)}")
            return Policy()
        self.unknown_keys(table, POLICY_KEYS, where, subject)
        defaults = Policy()
        contested = table.get("contested", defaults.contested)
        if contested not in CONTESTED_VALUES:
            self.problem(
                (*where, "contested"),
                subject,
                f"contested must be one of {_quoted(CONTESTED_VALUES)}, not {contested!r}",
            )
        scope = table.get("scope", defaults.scope)
        if scope not in SCOPE_VALUES:
            self.problem(
                (*where, "scope"),
                subject,
                f"scope must be one of {_quoted(SCOPE_VALUES)}, not {scope!r}",
            )
        fmt = table.get("format", defaults.format)
        problem = _format_problem(fmt)
        if problem is not None:
            self.problem((*where, "format"), subject, problem)
        if not isinstance(contested, str) or not isinstance(scope, str) or problem is not None:
            return defaults
        return Policy(contested=contested, scope=scope, format=fmt)

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
        # taken at its word, and completeness cannot be judged.
        known = (
            targets
            if targets is not None
            else [key for key in table if _LANGUAGE.fullmatch(key) and key != SOURCE_LANGUAGE]
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
        ambiguous = table.get("ambiguous", False)
        if not isinstance(ambiguous, bool):
            self.problem(
                (*where, "ambiguous"),
                subject,
                f"ambiguous must be true or false, not {_kind_of(ambiguous)}",
            )

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
            ambiguous=bool(ambiguous),
            targets=tuple(own_targets) if own_targets is not None else None,
            en_spellings={name: tuple(spellings) for name, spellings in en_spellings.items()},
            forms=forms,
            line=self.lines.line_of(where),
        )

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
        cases_allowed = CASES.get(language, ("nom",))
        ok = True
        cases: dict[str, str] = {}
        variants: list[str] = []
        for key, item in value.items():
            if key == VARIANTS_KEY:
                items = [item] if isinstance(item, str) else item
                checked = self.text_list(items, (*path, key), subject, f"{what}.variants")
                if checked is None:
                    ok = False
                else:
                    variants = checked
            elif key in cases_allowed:
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
                    f"(allowed: {_quoted(cases_allowed)}, variants)",
                )
                ok = False
        if "nom" not in value:
            self.problem(path, subject, f"{what}: a table of forms must have nom")
            ok = False
        if not ok:
            return None
        ordered = {case: cases[case] for case in cases_allowed if case in cases}
        return NameForms(cases=ordered, variants=tuple(variants))


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
