"""Finding catalogues: `DIR/<lang>/LC_MESSAGES/<domain>.po`, the same way for stats,
compilation and editions, with one-line errors for every problem with the files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError

from newsloc.translate.errors import UserError


@dataclass(frozen=True)
class Catalog:
    """One language's catalogue of one domain, as found on disk."""

    language: str
    domain: str
    path: Path


def check_language(language: str) -> Locale:
    """Refuse a language code Babel (CLDR) does not know, before any file is read."""
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise UserError(f"unknown language {language!r}: not a code Babel knows") from None


#: The longest catalogue name (file systems allow 255 bytes; `.po` and temp names need room).
MAX_DOMAIN_BYTES = 200


def check_domain_name(domain: str) -> None:
    """A domain names files: no separators, control characters, or names too long."""
    usable = (
        domain
        and "/" not in domain
        and "\\" not in domain
        and not domain.startswith(".")
        and domain.isprintable()
        and domain.strip() == domain
        and len(domain.encode("utf-8")) <= MAX_DOMAIN_BYTES
    )
    if not usable:
        shown = domain if len(domain) <= 60 else domain[:57] + "..."
        raise UserError(
            f"--domain: {shown!r} is not a usable catalogue name (a file name of at most "
            f"{MAX_DOMAIN_BYTES} bytes, no '/', no control characters, not starting with '.')"
        )


def _domains_in(folder: Path) -> set[str]:
    return {po.stem for po in folder.glob("*.po") if po.is_file()}


def _language_folders(locales: Path, language: str | None) -> list[Path]:
    if not locales.is_dir():
        raise UserError(f"{locales}: no such locales directory")
    if language is not None:
        check_language(language)
        return [locales / language / "LC_MESSAGES"]
    return sorted(p for p in locales.glob("*/LC_MESSAGES") if p.is_dir())


def domains_in(locales: Path, language: str | None = None) -> list[str]:
    """Every domain (article) with a catalogue under `locales`, sorted; at least one."""
    folders = _language_folders(locales, language)
    domains = set().union(*(_domains_in(f) for f in folders)) if folders else set()
    odd = [po for f in folders for po in f.glob("*.po") if not po.is_file()]
    if not domains and odd:
        raise UserError(f"{odd[0]}: not a regular file, not a catalogue")
    if not domains:
        where = folders[0] if language is not None else locales / "*" / "LC_MESSAGES"
        raise UserError(f"{where}: no .po catalogues found")
    return sorted(domains)


def find_catalogs(
    locales: Path, domain: str | None = None, language: str | None = None
) -> list[Catalog]:
    """The catalogues of one domain under `locales`, sorted by language.

    Without `domain`, the only domain present is used; several domains need a choice.
    With `language`, only that language's catalogue is returned (and it must exist).
    """
    if domain is not None:
        check_domain_name(domain)
    folders = _language_folders(locales, language)
    if domain is None:
        domains = domains_in(locales, language)
        if len(domains) > 1:
            names = ", ".join(domains)
            raise UserError(
                f"{locales}: catalogues of several articles ({names}); "
                f"choose one with --domain, e.g. --domain {domains[0]}"
            )
        domain = domains[0]
    found = [
        Catalog(language=folder.parent.name, domain=domain, path=folder / f"{domain}.po")
        for folder in folders
        if (folder / f"{domain}.po").is_file()
    ]
    if not found:
        missing = folders[0] / f"{domain}.po" if folders else locales / "*" / "LC_MESSAGES"
        raise UserError(f"{missing}: no such catalogue")
    return found


def find_every_catalog(locales: Path, domain: str | None = None) -> list[Catalog]:
    """The catalogues of `domain`, or of every domain under `locales`, by domain and language.

    For commands that report on or compile everything (stats, compile): several articles
    in one locales folder are normal, not a reason to stop.
    """
    if domain is not None:
        check_domain_name(domain)
    domains = [domain] if domain is not None else domains_in(locales)
    return [found for name in domains for found in find_catalogs(locales, name)]
