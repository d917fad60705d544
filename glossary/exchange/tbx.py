"""TBX-Basic (ISO 30042, TBX 2008 `martif` dialect) export and import.

The martif dialect is the one CAT tools (Trados MultiTerm, memoQ, Phrase, Weblate through
translate-toolkit) read most widely. One `<termEntry>` per concept, one `<langSet>` per
language, one `<tig>` per distinct spelling; what newsloc needs beyond TBX-Basic's data
categories travels in `<note>` elements of the form `key: value`, so the file stays valid
TBX-Basic and an import gets back everything the TOML said. The mapping is in
docs/glossary-exchange.md.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.parsers import expat
from xml.sax.saxutils import escape

from babel import Locale, UnknownLocaleError

from newsloc.glossary.errors import GlossaryError
from newsloc.glossary.model import (
    CASES,
    POLICY_FIELDS,
    CaseForms,
    Concept,
    Glossary,
    NameForms,
    Policy,
    Profile,
)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: The TBX core structure DTD by its public identifier, which TBX Checker resolves to the
#: copy it carries (a bare SYSTEM name must be a file beside the .tbx); it refuses a file
#: without a DOCTYPE. Nothing fetches the DTD.
DOCTYPE = '<!DOCTYPE martif PUBLIC "ISO 30042:2008A//DTD TBX core//EN" "TBXcoreStructV02.dtd">'
#: The XCS newsloc ships (TBX-Basic's data categories, newsloc's languages), named by
#: XCSURI; validators look for it beside the .tbx file.
XCS_NAME = "newsloc-TBXBasic.xcs"
XCS_PATH = Path(__file__).resolve().parent.parent / "data" / XCS_NAME
PROPER_NOUN = "properNoun"
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
VARIANT = "variant"
SHORT_FORM = "shortForm"
#: Notes that number a name's variants and short forms, so their case forms stay together.
VARIANT_NOTE = "variant"
SHORT_NOTE = "short"


# --- writing ---------------------------------------------------------------------------------


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrib)
    if text is not None:
        element.text = text
    return element


def _tig(
    parent: ET.Element, term: str, status: str, notes: Iterable[str], term_type: str = ""
) -> None:
    tig = _sub(parent, "tig")
    _sub(tig, "term", term)
    _sub(tig, "termNote", PROPER_NOUN, type="partOfSpeech")
    if term_type:
        _sub(tig, "termNote", term_type, type="termType")
    _sub(tig, "termNote", status, type="administrativeStatus")
    for note in notes:
        _sub(tig, "note", note)


def _spellings_by_case(language: str, forms: CaseForms) -> dict[str, list[str]]:
    """Distinct spellings with every case they stand for, in contract case order."""
    order = [case for case in CASES.get(language, ()) if case in forms.cases]
    order += [case for case in forms.cases if case not in order]
    by_spelling: dict[str, list[str]] = {}
    for case in order:
        by_spelling.setdefault(forms.cases[case], []).append(case)
    return by_spelling


def _target_lang_set(entry: ET.Element, concept: Concept, language: str) -> None:
    lang_set = _sub(entry, "langSet", **{XML_LANG: language})
    for name in concept.names:
        forms = concept.forms_of(language, name)
        if forms is None:
            continue
        for spelling, cases in _spellings_by_case(language, forms).items():
            notes = [f"name: {name}", f"cases: {' '.join(cases)}"]
            if "nom" in cases:
                notes += _contested_notes(concept, language, name)
            _tig(lang_set, spelling, PREFERRED if "nom" in cases else ADMITTED, notes)
        # Variants and short forms: one <tig> per spelling, grouped by a numbered note so
        # a case table comes back whole.
        for key, term_type, status, spellings in (
            (VARIANT_NOTE, VARIANT, DEPRECATED, forms.variants),
            (SHORT_NOTE, SHORT_FORM, ADMITTED, forms.short),
        ):
            for number, spelling_forms in enumerate(spellings, start=1):
                for spelling, cases in _spellings_by_case(language, spelling_forms).items():
                    notes = [f"name: {name}", f"{key}: {number}", f"cases: {' '.join(cases)}"]
                    _tig(lang_set, spelling, status, notes, term_type)


def _contested_notes(concept: Concept, language: str, name: str) -> list[str]:
    """A usage note for people: the other names, which newsloc writes beside this one."""
    others = []
    for other in concept.others(name):
        forms = concept.forms_of(language, other)
        others.append(f"{forms.nom} ({other})" if forms else other)
    if not others:
        return []
    if concept.dual:
        return [f"contested: also called {', '.join(others)}; newsloc keeps both names"]
    return [
        f"contested: also called {', '.join(others)}; newsloc writes the source's name only "
        "and recognises the other"
    ]


def _entry(body: ET.Element, glossary: Glossary, concept: Concept) -> None:
    entry = _sub(body, "termEntry", id=concept.id)
    if concept.note:
        _sub(entry, "descrip", concept.note, type="definition")
    if concept.source:
        _sub(entry, "admin", concept.source, type="source")
    if concept.kind:
        _sub(entry, "note", f"kind: {concept.kind}")
    if concept.wholly_ambiguous:
        _sub(entry, "note", "ambiguous: true")
    elif concept.ambiguous:
        _sub(entry, "note", f"ambiguous: {'; '.join(concept.ambiguous_names)}")
    if concept.contested_own is not None:
        _sub(entry, "note", f"contested: {concept.contested_own}")
    if concept.community:
        pairs = "; ".join(f"{lang}={name}" for lang, name in concept.community.items())
        _sub(entry, "note", f"community: {pairs}")
    if concept.targets is not None:
        _sub(entry, "note", f"targets: {' '.join(concept.targets)}")
    en = _sub(entry, "langSet", **{XML_LANG: glossary.source})
    for name in concept.names:
        _tig(en, name, PREFERRED, [f"name: {name}"])
        for spelling in concept.en_spellings.get(name, ()):
            _tig(en, spelling, ADMITTED, [f"name: {name}"])
    languages = list(glossary.languages_of(concept))
    languages += [lang for lang in concept.forms if lang not in languages]
    for language in languages:
        _target_lang_set(entry, concept, language)


def _words(value: str | tuple[str, ...]) -> str:
    return " ".join(value) if isinstance(value, tuple) else value


def _policy_paragraphs(glossary: Glossary) -> list[str]:
    """`policy.KEY: value` for the `[policy]` table, `policy.profile.NAME.KEY: value` for
    each profile's keys (lists as space-separated words)."""
    policy = glossary.house_policy
    lines = [
        f"policy.{key}: {_words(getattr(policy, key))}"
        for key in POLICY_FIELDS
        if getattr(policy, key) != () or key not in ("select", "ignore")
    ]
    for profile in glossary.profiles:
        prefix = f"policy.profile.{profile.name}"
        settings = {**profile.overrides(), "both": profile.both, "single": profile.single}
        lines.append(f"{prefix}: {' '.join(settings)}")
        lines += [f"{prefix}.{key}: {_words(value)}" for key, value in settings.items()]
    return lines


def export_tbx(glossary: Glossary, generator: str = "newsloc") -> str:
    """The glossary as a TBX-Basic document (UTF-8 XML text, declaration included)."""
    root = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: glossary.source})
    header = _sub(root, "martifHeader")
    file_desc = _sub(header, "fileDesc")
    _sub(_sub(file_desc, "titleStmt"), "title", glossary.name)
    source_desc = _sub(file_desc, "sourceDesc")
    for line in (
        f"version: {glossary.version}",
        f"targets: {' '.join(glossary.targets)}",
        *_policy_paragraphs(glossary),
        f"generator: {generator}",
    ):
        _sub(source_desc, "p", line)
    _sub(_sub(header, "encodingDesc"), "p", XCS_NAME, type="XCSURI")
    body = _sub(_sub(root, "text"), "body")
    for concept in glossary:
        _entry(body, glossary, concept)
    ET.indent(root, space="  ")
    head = f'<?xml version="1.0" encoding="UTF-8"?>\n{DOCTYPE}\n'
    return head + ET.tostring(root, "unicode") + "\n"


def export_xcs(glossary: Glossary) -> str:
    """The XCS that `export_tbx`'s XCSURI names, declaring every language the glossary has.

    The shipped file declares en, hy, az and ru; a glossary with other targets gets them
    added (English names from CLDR), so every `<langSet>` of its export is declared.
    """
    text = XCS_PATH.read_text(encoding="utf-8")
    declared = set(re.findall(r"<langCode>([^<]+)</langCode>", text))
    wanted = [glossary.source, *glossary.targets]
    wanted += [lang for concept in glossary for lang in concept.forms if lang not in wanted]
    extra = "".join(
        f"    <langInfo><langCode>{escape(code)}</langCode>"
        f"<langName>{escape(_english_name(code))}</langName></langInfo>\n"
        for code in dict.fromkeys(wanted)
        if code not in declared
    )
    return text.replace("  </languages>\n", extra + "  </languages>\n", 1)


def _english_name(code: str) -> str:
    try:
        return Locale.parse(code).get_display_name("en") or code
    except (ValueError, UnknownLocaleError):
        return code


# --- reading ---------------------------------------------------------------------------------

#: TBX v3 (`<tbx>`, `<conceptEntry>`, `<langSec>`, `<termSec>`) names for the same structure.
_ENTRY_TAGS = {"termEntry", "conceptEntry"}
_LANG_TAGS = {"langSet", "langSec"}
_TERM_TAGS = {"tig", "termSec", "ntig"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, names: set[str]) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) in names]


def _text(element: ET.Element | None) -> str:
    return "".join(element.itertext()).strip() if element is not None else ""


def _keyed_notes(element: ET.Element) -> dict[str, str]:
    """`key: value` notes directly under `element` (first one wins)."""
    notes: dict[str, str] = {}
    for note in _children(element, {"note"}):
        key, sep, value = _text(note).partition(":")
        if sep and key.strip() not in notes:
            notes[key.strip()] = value.strip()
    return notes


@dataclass
class _Term:
    text: str
    name: str | None
    cases: list[str]
    status: str
    variant: bool
    short: bool = False
    #: The number of the variant or short form this spelling belongs to ("" when none).
    group: str = ""


@dataclass
class _NameBuilder:
    cases: dict[str, str] = field(default_factory=dict)
    #: (kind, group) -> case forms, in the order the file lists them.
    spellings: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)

    def add(self, kind: str, term: _Term) -> None:
        group = term.group or f"#{len(self.spellings)}"  # ungrouped: a spelling of its own
        cases = self.spellings.setdefault((kind, group), {})
        for case in term.cases or ["nom"]:
            cases.setdefault(case, term.text)

    def built(self, kind: str) -> tuple[CaseForms, ...]:
        return tuple(
            CaseForms(cases if "nom" in cases else {"nom": next(iter(cases.values())), **cases})
            for (k, _), cases in self.spellings.items()
            if k == kind
        )


def _term(tig: ET.Element) -> _Term:
    term = next((el for el in tig.iter() if _local(el.tag) == "term"), None)
    notes: dict[str, str] = {}
    term_notes: dict[str, str] = {}
    for element in tig.iter():
        tag = _local(element.tag)
        if tag == "note":
            key, sep, value = _text(element).partition(":")
            if sep:
                notes.setdefault(key.strip(), value.strip())
        elif tag == "termNote":
            term_notes.setdefault(element.get("type", ""), _text(element))
    status = term_notes.get("administrativeStatus", "")
    term_type = term_notes.get("termType", "")
    short = term_type in (SHORT_FORM, "abbreviation", "acronym") and status != DEPRECATED
    return _Term(
        text=_text(term),
        name=notes.get("name"),
        cases=notes.get("cases", "").split(),
        status=status,
        variant=not short and (term_type == VARIANT or status == DEPRECATED),
        short=short,
        group=notes.get(SHORT_NOTE if short else VARIANT_NOTE, ""),
    )


class _EntryReader:
    """Turns one `<termEntry>` back into a Concept, collecting problems instead of stopping."""

    def __init__(self, path: Path, source: str, problems: list[str]):
        self.path = path
        self.source = source
        self.problems = problems

    def problem(self, concept_id: str, message: str) -> None:
        self.problems.append(f"{self.path}: concept {concept_id}: {message}")

    def read(self, entry: ET.Element, number: int) -> tuple[Concept, list[str]] | None:
        concept_id = entry.get("id") or f"entry-{number}"
        lang_sets: dict[str, list[_Term]] = {}
        for lang_set in _children(entry, _LANG_TAGS):
            language = (lang_set.get(XML_LANG) or lang_set.get("lang") or "").lower()
            terms = [_term(tig) for tig in _children(lang_set, _TERM_TAGS)]
            lang_sets.setdefault(language, []).extend(t for t in terms if t.text)
        english = lang_sets.pop(self.source, [])
        if not english:
            self.problem(concept_id, f"no {self.source} term")
            return None
        names, en_spellings = self._english(english)
        forms: dict[str, dict[str, NameForms]] = {}
        for language, terms in lang_sets.items():
            built = self._target(concept_id, language, terms, names)
            if built:
                forms[language] = built
        notes = _keyed_notes(entry)
        definition = next(
            (el for el in _children(entry, {"descrip"}) if el.get("type") == "definition"), None
        )
        source = next(
            (el for el in _children(entry, {"admin", "descrip"}) if el.get("type") == "source"),
            None,
        )
        targets = tuple(notes["targets"].split()) if "targets" in notes else None
        own = notes.get("contested")
        community = dict(
            pair.split("=", 1) for pair in notes.get("community", "").split("; ") if "=" in pair
        )
        concept = Concept(
            id=concept_id,
            names=tuple(names),
            kind=notes.get("kind", ""),
            note=_text(definition),
            source=_text(source),
            ambiguous_names=self._ambiguous(concept_id, notes.get("ambiguous", ""), names),
            targets=targets,
            en_spellings={name: tuple(spellings) for name, spellings in en_spellings.items()},
            forms=forms,
            contested_own=own if own in ("both", "source") else None,
            community=community,
        )
        return concept, list(forms)

    def _ambiguous(self, concept_id: str, value: str, names: list[str]) -> tuple[str, ...]:
        """The `ambiguous:` note: `true` (every name), `false` or nothing (none), or the
        ambiguous names separated by `; ` (`ambiguous: Martuni`)."""
        if value.lower() in ("", "false"):
            return ()
        if value.lower() == "true":
            return tuple(names)
        listed = [name.strip() for name in value.split(";") if name.strip()]
        unknown = [name for name in listed if name not in names]
        if unknown:
            self.problem(
                concept_id,
                f"ambiguous note names {', '.join(map(repr, unknown))}, not one of its names "
                f"({', '.join(names)})",
            )
        return tuple(name for name in names if name in listed)

    @staticmethod
    def _english(terms: list[_Term]) -> tuple[list[str], dict[str, list[str]]]:
        """Names (terms whose `name:` note is themselves) and the other English spellings.

        A TBX written elsewhere has no `name:` notes: its first term is the name and the other
        English terms are spellings of it.
        """
        names = [t.text for t in terms if t.name == t.text]
        if not names:
            names = [terms[0].text]
        spellings: dict[str, list[str]] = {}
        for term in terms:
            if term.text in names:
                continue
            owner = term.name if term.name in names else names[0]
            spellings.setdefault(owner, []).append(term.text)
        return names, spellings

    def _target(
        self, concept_id: str, language: str, terms: list[_Term], names: list[str]
    ) -> dict[str, NameForms]:
        builders: dict[str, _NameBuilder] = {}
        for term in terms:
            name = term.name
            if name is None:
                name = names[0]
            elif name not in names:
                self.problem(concept_id, f"{language} term {term.text!r} names unknown {name!r}")
                continue
            builder = builders.setdefault(name, _NameBuilder())
            if term.variant or term.short:
                builder.add(SHORT_NOTE if term.short else VARIANT_NOTE, term)
                continue
            cases = term.cases or (["nom"] if "nom" not in builder.cases else [])
            if not cases:  # a further synonym in a TBX written elsewhere: detect, never write
                builder.add(VARIANT_NOTE, term)
            for case in cases:
                builder.cases.setdefault(case, term.text)
        result = {}
        for name, builder in builders.items():
            if "nom" not in builder.cases:
                self.problem(concept_id, f"{language} has no base form for {name}")
                continue
            result[name] = NameForms(
                dict(builder.cases),
                variants=builder.built(VARIANT_NOTE),
                short=builder.built(SHORT_NOTE),
            )
        return result


def _header(root: ET.Element) -> tuple[str, dict[str, str]]:
    title = next((el for el in root.iter() if _local(el.tag) == "title"), None)
    values: dict[str, str] = {}
    for desc in (el for el in root.iter() if _local(el.tag) == "sourceDesc"):
        for paragraph in desc:
            key, sep, value = _text(paragraph).partition(":")
            if sep:
                values.setdefault(key.strip(), value.strip())
    return _text(title), values


def _narrowed(concept: Concept, targets: tuple[str, ...]) -> Concept:
    present = tuple(lang for lang in targets if lang in concept.forms)
    if concept.targets is not None or present == targets:
        return concept
    return replace(concept, targets=present)


class _PrologEnd(Exception):
    """The root element started: the document type declaration, if any, is behind us."""


def _refuse_entity_declarations(text: str, path: Path) -> None:
    """Refuse a TBX whose DOCTYPE declares entities, before anything is expanded.

    Entities are how XML bombs ("billion laughs") grow a small file into gigabytes and how
    external entities read local files; no termbase needs them. A DOCTYPE that only names a
    DTD (`<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">`) is fine: expat never
    fetches it. Only the prolog is scanned; the document is parsed afterwards as usual.
    """
    scanner = expat.ParserCreate()

    def entity(name: str, *_: object) -> None:
        raise GlossaryError(
            f"{path}: the DOCTYPE declares entities (<!ENTITY {name} …>), which can expand "
            "without bound or read local files; remove the declarations"
        )

    def root_started(*_: object) -> None:
        raise _PrologEnd

    scanner.EntityDeclHandler = entity
    scanner.UnparsedEntityDeclHandler = entity
    scanner.StartElementHandler = root_started
    try:
        scanner.Parse(text, True)
    except (_PrologEnd, expat.ExpatError):
        return  # not well-formed XML is reported by the real parse, with its line


def read_tbx(text: str, path: Path, version: str) -> Glossary:
    """A Glossary from TBX text; newsloc's own `key: value` notes restore what TBX lacks."""
    _refuse_entity_declarations(text, path)
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise GlossaryError(f"{path}: not well-formed XML: {exc}") from None
    if _local(root.tag) not in {"martif", "tbx"}:
        raise GlossaryError(f"{path}: not a TBX file (root element <{_local(root.tag)}>)")
    source = (root.get(XML_LANG) or "en").lower()
    title, header = _header(root)
    problems: list[str] = []
    reader = _EntryReader(path, source, problems)
    concepts: list[Concept] = []
    languages: list[str] = []
    entries = [el for el in root.iter() if _local(el.tag) in _ENTRY_TAGS]
    for number, entry in enumerate(entries, start=1):
        read = reader.read(entry, number)
        if read:
            concepts.append(read[0])
            languages += [lang for lang in read[1] if lang not in languages]
    if problems:
        raise GlossaryError(problems)
    if not concepts:
        raise GlossaryError(f"{path}: no term entries found")
    if "targets" in header:
        targets = tuple(header["targets"].split())
    else:  # written elsewhere: a concept lacking some language says so itself
        targets = tuple(languages)
        concepts = [_narrowed(concept, targets) for concept in concepts]
    policy, profiles = _read_policy(header)
    return Glossary(
        name=title or f"Imported from {path.name}",
        version=header.get("version", version),
        targets=targets,
        concepts=tuple(concepts),
        policy=policy,
        source=source,
        profiles=profiles,
    )


_LIST_KEYS = ("select", "ignore", "both", "single")


def _setting(key: str, value: str) -> str | tuple[str, ...]:
    return tuple(value.split()) if key in _LIST_KEYS else value


def _read_policy(header: dict[str, str]) -> tuple[Policy, tuple[Profile, ...]]:
    """The policy and profiles `_policy_paragraphs` wrote; the loader checks them again
    when the imported glossary is written as TOML and re-read."""
    values = {
        key: _setting(key, header[f"policy.{key}"])
        for key in POLICY_FIELDS
        if f"policy.{key}" in header
    }
    policy = Policy(**values)  # type: ignore[arg-type]
    profiles = []
    for key, value in header.items():
        if not key.startswith("policy.profile.") or key.count(".") != 2:
            continue
        name = key.removeprefix("policy.profile.")
        settings = {
            setting: _setting(setting, header.get(f"{key}.{setting}", ""))
            for setting in value.split()
            if setting in (*POLICY_FIELDS, "both", "single")
        }
        profiles.append(Profile(name=name, **settings))  # type: ignore[arg-type]
    return policy, tuple(profiles)
