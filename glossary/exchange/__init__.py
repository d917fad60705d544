"""Glossary exchange: term lists for MT services, TBX for CAT tools, .po for reviewers.

Formats and what each one carries are described in docs/glossary-exchange.md.
"""

from __future__ import annotations

from newsloc.base.version import generator
from newsloc.glossary.errors import GlossaryError
from newsloc.glossary.exchange.importing import IMPORT_FORMATS, convert_to_toml, import_format
from newsloc.glossary.exchange.review import export_review, review_catalogue
from newsloc.glossary.exchange.review_import import NameChange, ReviewResult, import_review
from newsloc.glossary.exchange.tabular import export_csv, export_tsv
from newsloc.glossary.exchange.tbx import export_tbx, export_xcs
from newsloc.glossary.exchange.toml_writer import glossary_to_toml
from newsloc.glossary.model import Glossary

EXPORT_FORMATS = ("tsv", "csv", "tbx", "xcs")


def export_glossary(glossary: Glossary, fmt: str, language: str | None = None) -> str:
    """The glossary in an exchange format, as text (see docs/glossary-exchange.md)."""
    if fmt == "tsv":
        if language is None:
            raise GlossaryError(
                "tsv: a DeepL-style term list has one target language; give it with --lang"
            )
        return export_tsv(glossary, language)
    if fmt == "csv":
        return export_csv(glossary, language)
    if fmt == "tbx":
        if language is not None:
            raise GlossaryError("tbx: a TBX file carries every language; drop --lang")
        return export_tbx(glossary, generator=generator())
    if fmt == "xcs":
        if language is not None:
            raise GlossaryError("xcs: the XCS declares every language of the glossary; drop --lang")
        return export_xcs(glossary)
    raise GlossaryError(f"unknown export format {fmt!r} (use {', '.join(EXPORT_FORMATS)})")


__all__ = [
    "EXPORT_FORMATS",
    "IMPORT_FORMATS",
    "NameChange",
    "ReviewResult",
    "convert_to_toml",
    "export_glossary",
    "export_review",
    "glossary_to_toml",
    "import_format",
    "import_review",
    "review_catalogue",
]
