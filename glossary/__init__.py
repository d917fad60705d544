"""The glossary library: curated place names, matched in English and rendered per language.

It knows nothing of engines, catalogues on disk or the command line; `translate` uses it,
never the other way round.
"""

from glossary.errors import GlossaryError
from glossary.model import CASES, Concept, Glossary, NameForms, Policy

__all__ = ["CASES", "Concept", "Glossary", "GlossaryError", "NameForms", "Policy"]
