"""newsloc's own words in the languages of its editions: the `newsloc` gettext domain.

The catalogues are the `.po` files in `locales/<lang>/LC_MESSAGES/newsloc.po` inside the
package (package data, so a pip-installed newsloc has them). They are compiled with Babel
into memory the first time a language is used, never written as `.mo` files: there is no
build step to forget, nothing generated is committed, and a catalogue a translator has
just edited takes effect on the next run. Fuzzy entries are left out, as `msgfmt` does,
so a string nobody has confirmed falls back to English rather than to a guess.

`scripts/messages.py` (`make messages`) re-extracts the template with Babel and merges it
into the catalogues.
"""

from __future__ import annotations

import gettext
import hashlib
import io
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

import babel

from newsloc.glossary import cache as disk_cache

DOMAIN = "newsloc"


def locale_dir() -> Traversable:
    """The folder holding `newsloc.pot` and `<lang>/LC_MESSAGES/newsloc.po`."""
    return resources.files("newsloc.translate") / "locales"


def catalogue_languages() -> tuple[str, ...]:
    """Languages newsloc's own strings are translated into."""
    return tuple(
        sorted(
            folder.name
            for folder in locale_dir().iterdir()
            if folder.is_dir() and (folder / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()
        )
    )


@cache
def translator(language: str) -> gettext.NullTranslations:
    """newsloc's strings in `language`; English (the msgids) where there is no catalogue."""
    code = language.replace("-", "_").split("_")[0].lower()
    po = locale_dir() / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.is_file():
        return gettext.NullTranslations()
    return gettext.GNUTranslations(io.BytesIO(compiled(po.read_bytes(), code)))


def compiled(po: bytes, code: str) -> bytes:
    """The `.mo` form of catalogue `po`, compiled by Babel; kept in newsloc's cache folder
    under the catalogue's content (and Babel's version), since reading a catalogue with
    Babel costs more than an edition's other words together."""
    digest = hashlib.sha256(f"newsloc messages\0{babel.__version__}\0{code}\0".encode())
    digest.update(po)
    key = digest.hexdigest()
    stored = disk_cache.load(key, bytes)
    if isinstance(stored, bytes):
        return stored
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(po), locale=code, domain=DOMAIN)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    disk_cache.store(key, out.getvalue())
    return out.getvalue()


def language_name(code: str, in_language: str) -> str | None:
    """The name of language `code` written in `in_language` (newsloc's house wording),
    or None for a language newsloc has no name for (callers fall back to CLDR)."""
    pgettext = translator(in_language).pgettext
    # TRANSLATORS: language names, written as in running text (lower
    # case where your language writes them so); shown beside the date
    # and in links to other editions.
    names = {
        "en": pgettext("language", "English"),
        "hy": pgettext("language", "Armenian"),
        "az": pgettext("language", "Azerbaijani"),
        "ru": pgettext("language", "Russian"),
    }
    return names.get(code.replace("-", "_").split("_")[0].lower())
