"""Re-extract newsloc's own strings (the `newsloc` gettext domain) and merge the catalogues.

Run from the repository root after changing a string newsloc prints in an edition:
`make messages` (or `.venv/bin/python scripts/messages.py`). It extracts every `_()`,
`ngettext()` and `pgettext()` call in the edition code and `translate/i18n.py` with Babel
into `translate/locales/newsloc.pot`, then merges the template into each
`translate/locales/<lang>/LC_MESSAGES/newsloc.po` as `pybabel update` does (new strings
empty, removed ones obsolete, no fuzzy guesses, translators' comments kept). A file whose
content would only change in its dates is left alone. `--check` writes nothing and exits 1
when the template is out of date (CI uses it through the test suite).
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.pofile import read_po, write_po

from newsloc.translate import __version__

REPO = Path(__file__).resolve().parent.parent
LOCALES = REPO / "translate" / "locales"
SOURCES = [REPO / "translate" / "i18n.py", *sorted((REPO / "translate" / "edition").glob("*.py"))]
DOMAIN = "newsloc"
WIDTH = 76
_VOLATILE = re.compile(r'^"(?:POT-Creation-Date|PO-Revision-Date): .*\\n"\n', re.MULTILINE)


def extract() -> Catalog:
    """The template: every marked string in SOURCES, with its file:line."""
    template = Catalog(
        project="newsloc",
        version=__version__,
        domain=DOMAIN,
        charset="utf-8",
        copyright_holder="newsloc contributors",
        msgid_bugs_address="",
    )
    for path in SOURCES:
        relative = path.relative_to(REPO).as_posix()
        for lineno, message, comments, context in extract_from_file(
            "python", path, keywords=DEFAULT_KEYWORDS, comment_tags=("TRANSLATORS:",)
        ):
            template.add(
                message, None, [(relative, lineno)], auto_comments=comments, context=context
            )
    return template


def _text(catalog: Catalog, **options: object) -> str:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, sort_output=False, **options)  # type: ignore[arg-type]
    return buffer.getvalue().decode("utf-8")


def _write(path: Path, text: str) -> bool:
    if path.exists() and _VOLATILE.sub("", path.read_text("utf-8")) == _VOLATILE.sub("", text):
        return False
    path.write_text(text, encoding="utf-8")
    return True


def main(argv: list[str]) -> int:
    template = extract()
    pot = LOCALES / f"{DOMAIN}.pot"
    if "--check" in argv:
        with pot.open("rb") as handle:
            committed = read_po(handle)
        fresh = {(m.id, m.context) for m in template if m.id}
        old = {(m.id, m.context) for m in committed if m.id}
        if fresh != old:
            print(f"{pot}: out of date; run `make messages`", file=sys.stderr)
            return 1
        return 0
    if _write(pot, _text(template)):
        print(f"{pot.relative_to(REPO)}: written")
    for po_path in sorted(LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        language = po_path.parent.parent.name
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=language, domain=DOMAIN)
        catalog.update(template, no_fuzzy_matching=True)
        if _write(po_path, _text(catalog, ignore_obsolete=False)):
            print(f"{po_path.relative_to(REPO)}: merged")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
