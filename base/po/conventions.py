"""gettext conventions every newsloc catalogue shares: strict reading, wrap width, plural
forms and the target language read from the `Language` header.

Reading is strict so that a reviewer's text is never silently cut short: `reader`
reads everything GNU gettext accepts (and everything newsloc writes) in one linear pass,
and refuses anything else with the file and line. Writing goes through `writer`,
which writes what msgcat writes. Used for glossary review catalogues and for article
catalogues alike.
"""

from __future__ import annotations

from pathlib import Path

import polib

from newsloc.base.files import Snapshot, read_user_bytes
from newsloc.base.po.reader import parse_catalogue
from newsloc.base.po.writer import PAGE_WIDTH

#: Babel 2.18 gives Armenian one plural form; CLDR and translate-toolkit say two
#: (docs/catalogues.md), and every newsloc catalogue must agree.
_PLURAL_OVERRIDES = {"hy": "nplurals=2; plural=(n > 1);"}


def plural_forms(language: str) -> str:
    """The Plural-Forms header for `language`, with newsloc's Armenian correction."""
    if language in _PLURAL_OVERRIDES:
        return _PLURAL_OVERRIDES[language]
    from babel.messages.plurals import get_plural  # babel.messages: a command's start-up

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


#: GNU gettext's page width: msgcat, msgmerge and Poedit wrap at 79 (`writer`).
WRAP_WIDTH = PAGE_WIDTH


def read_catalogue(path: Path) -> polib.POFile:
    """The catalogue at `path` (which must exist), or a one-line NewslocError naming it.

    The returned catalogue carries `newsloc_snapshot` (what the file held), so a writer
    can refuse to replace it if someone saved it in the meantime (`files.WriteConflict`).
    """
    return read_catalogue_with_bytes(path)[0]


def read_catalogue_with_bytes(path: Path) -> tuple[polib.POFile, bytes]:
    """`read_catalogue`, and the bytes it was read from (for byte-keeping edits)."""
    data = read_user_bytes(path, "catalogue")
    po = parse_catalogue(path, data, wrapwidth=WRAP_WIDTH)
    po.newsloc_snapshot = Snapshot.of(data)  # type: ignore[attr-defined]
    return po, data


def snapshot_of(po: polib.POFile) -> Snapshot | None:
    """What the file held when `po` was read from it (None for a catalogue made here)."""
    return getattr(po, "newsloc_snapshot", None)
