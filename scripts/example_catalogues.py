"""Rebuild locales/ (the reviewed example catalogues) from examples/sample-translations.toml.

Run from the repository root after changing the sample article or its reference
translations: `.venv/bin/python scripts/example_catalogues.py`. It writes the catalogues
the way `newsloc translate` does, then fills them as a reviewer would (translation in,
`fuzzy` cleared), so `make demo` starts from a reviewed set.
"""

from __future__ import annotations

import sys
import tomllib
from datetime import date
from pathlib import Path

from newsloc.glossary.loader import load_default_glossary
from newsloc.translate.catalog.storage import load_catalog, save_catalog
from newsloc.translate.pipeline import RunSettings, translate_article

ARTICLE = Path("examples/sample-article.txt")
TRANSLATIONS = Path("examples/sample-translations.toml")
LANGUAGES = ["hy", "az", "ru"]


def main() -> int:
    paragraphs = tomllib.loads(TRANSLATIONS.read_text(encoding="utf-8"))["paragraph"]
    reference = {p["en"]: p for p in paragraphs}
    report = translate_article(
        ARTICLE,
        RunSettings(
            LANGUAGES,
            out=Path("locales"),
            glossary=load_default_glossary(),
            article_date=date(2026, 3, 3),
        ),
    )
    for language in report.languages:
        po = load_catalog(language.path)
        for entry in po:
            if entry.obsolete:
                continue
            if entry.msgid not in reference:
                print(f"{TRANSLATIONS}: no translation for {entry.msgid[:50]!r}", file=sys.stderr)
                return 1
            entry.msgstr = reference[entry.msgid][language.language]
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        po.metadata["Last-Translator"] = "newsloc sample translations <>"
        save_catalog(po, language.path)
        print(f"{language.path}: {len(po)} reviewed entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
