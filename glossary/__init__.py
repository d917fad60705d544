"""The glossary library: curated place names, matched in English and rendered per language.

It knows nothing of engines, catalogues on disk or the command line; `translate` uses it,
never the other way round.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# The public names, by the module that defines them. They are imported on first use, so
# that `import newsloc.glossary.model` (or any submodule) does not load the matcher, the
# TOML loader and the validation rules too.
_EXPORTS = {
    "GlossaryError": "errors",
    "DEFAULT_GLOSSARY_PATH": "loader",
    "load_default_glossary": "loader",
    "load_glossary": "loader",
    "parse_glossary": "loader",
    "read_glossary_text": "loader",
    "LocatedMention": "match",
    "Matcher": "match",
    "Mention": "match",
    "find_mentions": "match",
    "locate_mentions": "match",
    "CASES": "model",
    "Concept": "model",
    "Glossary": "model",
    "NameForms": "model",
    "Policy": "model",
    "Profile": "model",
}

if TYPE_CHECKING:
    from newsloc.glossary.errors import GlossaryError
    from newsloc.glossary.loader import (
        DEFAULT_GLOSSARY_PATH,
        load_default_glossary,
        load_glossary,
        parse_glossary,
        read_glossary_text,
    )
    from newsloc.glossary.match import (
        LocatedMention,
        Matcher,
        Mention,
        find_mentions,
        locate_mentions,
    )
    from newsloc.glossary.model import CASES, Concept, Glossary, NameForms, Policy, Profile


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CASES",
    "DEFAULT_GLOSSARY_PATH",
    "Concept",
    "Glossary",
    "GlossaryError",
    "LocatedMention",
    "Matcher",
    "Mention",
    "NameForms",
    "Policy",
    "Profile",
    "find_mentions",
    "load_default_glossary",
    "load_glossary",
    "locate_mentions",
    "parse_glossary",
    "read_glossary_text",
]
