"""Exchange file in, validated glossary TOML out: the library side of `newsloc glossary import`."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from newsloc.base.files import read_user_text
from newsloc.glossary.errors import GlossaryError
from newsloc.glossary.exchange.tabular import read_tabular
from newsloc.glossary.exchange.tbx import read_tbx
from newsloc.glossary.exchange.toml_writer import glossary_to_toml
from newsloc.glossary.loader import parse_glossary
from newsloc.glossary.model import Glossary

IMPORT_FORMATS = ("tsv", "csv", "tbx")


def import_format(path: Path, fmt: str | None) -> str:
    """The format to read: as given, or from the file's extension."""
    chosen = (fmt or path.suffix.lstrip(".")).lower()
    if chosen not in IMPORT_FORMATS:
        raise GlossaryError(
            f"{path}: cannot tell the format from the extension; use .tsv, .csv or .tbx "
            "(or --format tsv|csv|tbx)"
        )
    return chosen


def convert_to_toml(
    path: str | os.PathLike[str],
    fmt: str | None = None,
    language: str | None = None,
    version: str | None = None,
) -> tuple[Glossary, str]:
    """Read a TSV, CSV or TBX file and return the glossary and its TOML text.

    The TOML is validated with the loader before it is returned, so it always loads; when it
    would not, the loader's problems are raised (their lines refer to the converted TOML).
    `version` is the glossary version for formats that carry none (default: today's date).
    """
    source = Path(path)
    chosen = import_format(source, fmt)
    text = read_user_text(source)
    version = version or dt.date.today().strftime("%Y.%m.%d")
    if chosen == "tbx":
        if language is not None:
            raise GlossaryError(f"{source}: a TBX file carries its own languages; drop --lang")
        glossary = read_tbx(text, source, version)
    else:
        delimiter = "\t" if chosen == "tsv" else ","
        glossary = read_tabular(text, source, delimiter, language, version)
    toml_text = glossary_to_toml(glossary, header_comment=f"Imported from {source.name}.")
    validated = parse_glossary(toml_text, f"{source} (converted to TOML)")
    return validated, toml_text
