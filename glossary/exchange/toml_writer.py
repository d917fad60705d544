"""Write a Glossary back as a TOML file in the style of glossary-spec.md.

Imports (TSV, CSV, TBX) build a `Glossary` in memory; this turns it into the text a curator
would have written by hand: one `[[concept]]` table per concept, forms as dotted keys with
inline tables (`ru.Stepanakert = { nom = "…", gen = "…" }`), plain strings for one-form names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsloc.glossary.model import CASES, CaseForms, Concept, Glossary, NameForms, Policy, Profile

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_key(key: str) -> str:
    """A bare key when TOML allows one (`Nagorno-Karabakh`), a quoted key otherwise."""
    return key if _BARE_KEY.fullmatch(key) else toml_string(key)


def _array(items: Iterable[str]) -> str:
    return "[" + ", ".join(toml_string(item) for item in items) + "]"


def _forms_value(language: str, forms: CaseForms) -> str:
    """A plain string for a single form, an inline table (cases in contract order) otherwise."""
    lists = (
        [("variants", forms.variants), ("short", forms.short)]
        if isinstance(forms, NameForms)
        else []
    )
    if forms.one_form and not any(items for _, items in lists):
        return toml_string(forms.nom)
    order = CASES.get(language, ())
    keys = [case for case in order if case in forms.cases]
    keys += [case for case in forms.cases if case not in keys]
    parts = [f"{toml_key(case)} = {toml_string(forms.cases[case])}" for case in keys]
    for key, items in lists:
        if items:
            values = ", ".join(_forms_value(language, item) for item in items)
            parts.append(f"{key} = [{values}]")
    return "{ " + ", ".join(parts) + " }"


def _concept_lines(glossary: Glossary, concept: Concept) -> list[str]:
    lines = ["[[concept]]", f"id = {toml_string(concept.id)}"]
    if concept.kind:
        lines.append(f"kind = {toml_string(concept.kind)}")
    lines.append(f"names = {_array(concept.names)}")
    if concept.contested_own is not None:
        lines.append(f"contested = {toml_string(concept.contested_own)}")
    if concept.community:
        pairs = ", ".join(
            f"{toml_key(language)} = {toml_string(name)}"
            for language, name in concept.community.items()
        )
        lines.append(f"community = {{ {pairs} }}")
    if concept.note:
        lines.append(f"note = {toml_string(concept.note)}")
    if concept.source:
        lines.append(f"source = {toml_string(concept.source)}")
    if concept.wholly_ambiguous:
        lines.append("ambiguous = true")
    elif concept.ambiguous:
        lines.append(f"ambiguous = {_array(concept.ambiguous_names)}")
    if concept.targets is not None:
        lines.append(f"targets = {_array(concept.targets)}")
    for name in concept.names:
        spellings = concept.en_spellings.get(name, ())
        if spellings:
            lines.append(f"en.{toml_key(name)} = {_array(spellings)}")
    languages = list(glossary.languages_of(concept))
    languages += [lang for lang in concept.forms if lang not in languages]
    for language in languages:
        for name in concept.names:
            forms = concept.forms_of(language, name)
            if forms is not None:
                value = _forms_value(language, forms)
                lines.append(f"{toml_key(language)}.{toml_key(name)} = {value}")
    return lines


def _value(value: str | tuple[str, ...]) -> str:
    return _array(value) if isinstance(value, tuple) else toml_string(value)


def _policy_lines(policy: Policy) -> list[str]:
    """The `[policy]` keys: the three every file has, `quotes`, and the others when set."""
    defaults = Policy()
    lines = [
        f"contested = {toml_string(policy.contested)}",
        f"scope = {toml_string(policy.scope)}",
        f"format = {toml_string(policy.format)}",
        f"quotes = {toml_string(policy.quotes)}",
    ]
    for key in ("order", "select", "ignore"):
        value = getattr(policy, key)
        if value != getattr(defaults, key):
            lines.append(f"{key} = {_value(value)}")
    return lines


def _profile_lines(profile: Profile) -> list[str]:
    lines = [f"{key} = {_value(value)}" for key, value in profile.overrides().items()]
    for key in ("both", "single"):
        ids = getattr(profile, key)
        if ids:
            lines.append(f"{key} = {_array(ids)}")
    return lines


def glossary_to_toml(glossary: Glossary, header_comment: str = "") -> str:
    """The whole glossary as TOML text that `glossary.loader` reads back to an equal model."""
    lines: list[str] = []
    for comment_line in header_comment.splitlines():
        lines.append(f"# {comment_line}".rstrip())
    if lines:
        lines.append("")
    lines += [
        "[glossary]",
        f"name = {toml_string(glossary.name)}",
        f"version = {toml_string(glossary.version)}",
        f"source = {toml_string(glossary.source)}",
        f"targets = {_array(glossary.targets)}",
        "",
        "[policy]",
        *_policy_lines(glossary.house_policy),
    ]
    for profile in glossary.profiles:
        lines += ["", f"[policy.profile.{toml_key(profile.name)}]", *_profile_lines(profile)]
    for concept in glossary:
        lines.append("")
        lines += _concept_lines(glossary, concept)
    return "\n".join(lines) + "\n"
