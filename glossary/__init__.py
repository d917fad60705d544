"""The glossary library: curated place names, matched in English and rendered per language.

It knows nothing of engines, catalogues on disk or the command line; `translate` uses it,
never the other way round.
"""

from newsloc.glossary.errors import GlossaryError
from newsloc.glossary.loader import (
    DEFAULT_GLOSSARY_PATH,
    load_default_glossary,
    load_glossary,
    parse_glossary,
    read_glossary_text,
)
from newsloc.glossary.match import LocatedMention, Matcher, Mention, find_mentions, locate_mentions
from newsloc.glossary.model import CASES, Concept, Glossary, NameForms, Policy

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
    "find_mentions",
    "load_default_glossary",
    "load_glossary",
    "locate_mentions",
    "parse_glossary",
    "read_glossary_text",
]
