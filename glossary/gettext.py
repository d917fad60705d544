"""gettext conventions every newsloc catalogue shares: strict reading, wrap width, plural
forms and the target language read from the `Language` header.

Reading is strict so that a reviewer's text is never silently cut short: `po_parse`
reads everything GNU gettext accepts (and everything newsloc writes) in one linear pass,
and refuses anything else with the file and line. Writing goes through `po_format`,
which writes what msgcat writes. Used for glossary review catalogues here and for
article catalogues by the application.
"""

from __future__ import annotations

from pathlib import Path

import polib
from babel.messages.plurals import get_plural

from newsloc.glossary.errors import GlossaryError
from newsloc.glossary.fileio import Snapshot, UnreadableFile, read_user_bytes
from newsloc.glossary.model import CASES, Glossary
from newsloc.glossary.po_format import PAGE_WIDTH
from newsloc.glossary.po_parse import parse_catalogue

#: Babel 2.18 gives Armenian one plural form; CLDR and translate-toolkit say two
#: (docs/catalogues.md), and every newsloc catalogue must agree.
_PLURAL_OVERRIDES = {"hy": "nplurals=2; plural=(n > 1);"}


def plural_forms(language: str) -> str:
    """The Plural-Forms header for `language`, with newsloc's Armenian correction."""
    if language in _PLURAL_OVERRIDES:
        return _PLURAL_OVERRIDES[language]
    try:
        return str(get_plural(language))
    except ValueError:
        return "nplurals=2; plural=(n != 1);"


def primary_subtag(code: str) -> str:
    """`ru`, `ru_RU`, `ru-RU` and `RU` all give `ru`; "" for an empty code."""
    return code.strip().replace("-", "_").split("_")[0].lower()


def header_language(po: polib.POFile) -> str:
    """The primary language subtag of the `Language` header; "" when it is missing or empty."""
    return primary_subtag(po.metadata.get("Language") or "")


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


#: GNU gettext's page width: msgcat, msgmerge and Poedit wrap at 79 (`po_format`).
WRAP_WIDTH = PAGE_WIDTH


def read_catalogue(path: Path) -> polib.POFile:
    """The catalogue at `path` (which must exist), or a one-line GlossaryError naming it.

    The returned catalogue carries `newsloc_snapshot` (what the file held), so a writer
    can refuse to replace it if someone saved it in the meantime (`fileio.WriteConflict`).
    """
    return read_catalogue_with_bytes(path)[0]


def read_catalogue_with_bytes(path: Path) -> tuple[polib.POFile, bytes]:
    """`read_catalogue`, and the bytes it was read from (for byte-keeping edits)."""
    try:
        data = read_user_bytes(path, "catalogue")
    except UnreadableFile as exc:
        raise GlossaryError(str(exc)) from None
    po = parse_catalogue(path, data, wrapwidth=WRAP_WIDTH)
    po.newsloc_snapshot = Snapshot.of(data)  # type: ignore[attr-defined]
    return po, data


def snapshot_of(po: polib.POFile) -> Snapshot | None:
    """What the file held when `po` was read from it (None for a catalogue made here)."""
    return getattr(po, "newsloc_snapshot", None)
