"""Which of the glossary's target languages a catalogue is in, from its Language header."""

from __future__ import annotations

from pathlib import Path

import polib

from newsloc.base.po.conventions import header_language
from newsloc.glossary.errors import GlossaryError
from newsloc.glossary.model import CASES, Glossary


def catalogue_language(path: Path, po: polib.POFile, glossary: Glossary) -> str:
    """The target language from the `Language` header (`ru`, `ru_RU` and `ru-RU` all mean
    `ru`), checked against the languages the contract's case tables and the glossary cover."""
    raw = (po.metadata.get("Language") or "").strip()
    language = header_language(po)
    if not language:
        raise GlossaryError(f"{path}: no Language header; cannot tell the target language")
    if language not in CASES:
        supported = ", ".join(CASES)
        raise GlossaryError(
            f"{path}: Language {raw!r} is not supported (newsloc writes {supported})"
        )
    if language not in glossary.targets:
        covered = ", ".join(glossary.targets)
        raise GlossaryError(
            f"{path}: Language {raw!r} is not covered by the glossary {glossary.path} ({covered})"
        )
    return language
