"""newsloc's own words in the editions: the `newsloc` catalogues, and no English left over.

The English strings are taken from the template itself, so a string added to the code and
not translated makes the "no English" test fail as well as the completeness test.
"""

from __future__ import annotations

import html
import importlib.util
import json
import re
import shutil
from pathlib import Path

import polib
import pytest
from babel.messages.pofile import read_po

from newsloc.base.po.conventions import plural_forms
from newsloc.translate.edition.build import EditionOptions, build_edition
from newsloc.translate.edition.content import EditionFormat
from newsloc.translate.edition.linked import build_editions
from newsloc.translate.i18n import catalogue_languages, language_name, locale_dir, translator
from tests.conftest import REPO

LANGUAGES = ("hy", "az", "ru")
POT = REPO / "translate" / "locales" / "newsloc.pot"


def template_strings() -> list[str]:
    """Every English msgid (and plural) newsloc may add to an edition."""
    with POT.open("rb") as handle:
        catalog = read_po(handle)
    strings: list[str] = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings.extend(ids)
    return strings


def english_fragments() -> list[str]:
    """The words of each template string around its placeholders, long enough to mean it."""
    fragments = []
    for string in template_strings():
        for part in re.split(r"%\(\w+\)[sd]", string):
            if len(part.strip(" :.()")) >= 4:
                fragments.append(part.strip())
    return fragments


def load_messages_script():
    spec = importlib.util.spec_from_file_location("messages", REPO / "scripts" / "messages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """The sample article's reviewed catalogues, with one machine and one missing paragraph
    in every language (neither names a contested place), so banner and label appear."""
    root = tmp_path / "locales"
    shutil.copytree(REPO / "locales", root)
    for language in LANGUAGES:
        path = root / language / "LC_MESSAGES" / "sample-article.po"
        po = polib.pofile(str(path), wrapwidth=76)
        by_line = {int(entry.occurrences[0][1]): entry for entry in po}
        by_line[19].flags.append("fuzzy")  # Armenia's minister: Yerevan, Baku, the EU
        by_line[27].msgstr = ""  # talks in Tbilisi
        po.save()
    return root


def test_every_template_string_is_translated_in_every_language():
    assert set(catalogue_languages()) >= set(LANGUAGES)
    wanted = {s for s in template_strings()}
    for language in LANGUAGES:
        path = locale_dir() / language / "LC_MESSAGES" / "newsloc.po"
        po = polib.pofile(str(path))
        translated = set()
        for entry in po.translated_entries():
            translated.add(entry.msgid)
            if entry.msgid_plural:
                translated.add(entry.msgid_plural)
        assert wanted <= translated, f"{language}: untranslated {sorted(wanted - translated)}"
        # Every entry tells a native speaker what to confirm.
        assert all("native check:" in entry.tcomment for entry in po if entry.msgid)


def test_the_template_is_what_babel_extracts_from_the_code_today():
    script = load_messages_script()
    assert script.main(["--check"]) == 0
    fresh = {m.id for m in script.extract() if m.id}
    assert "Not yet translated: English original" in fresh


def test_catalogues_are_compiled_in_memory_with_newslocs_plural_forms():
    singular, plural = _banner_ids()
    for language in LANGUAGES:
        po = polib.pofile(str(locale_dir() / language / "LC_MESSAGES" / "newsloc.po"))
        assert (
            po.metadata["Plural-Forms"]
            .replace(" ", "")
            .startswith(plural_forms(language).replace(" ", "").split(";")[0])
        )
        ngettext = translator(language).ngettext
        for count in (1, 2, 5, 21):
            text = ngettext(singular, plural, count) % {"count": count, "total": 30}
            assert "paragraph" not in text and f"{count}" in text, (language, count, text)
    # Strings newsloc has no translation for fall back to English; nothing is written.
    assert translator("ru").gettext("no such string") == "no such string"
    assert not list(REPO.glob("translate/locales/**/*.mo"))
    assert language_name("ru", "hy") == "ռուսերեն"
    assert language_name("hy", "ru") == "армянский"
    assert language_name("en", "az") == "ingilis dili"
    assert language_name("ka", "ru") is None


def _banner_ids() -> tuple[str, str]:
    with POT.open("rb") as handle:
        catalog = read_po(handle)
    message = next(m for m in catalog if isinstance(m.id, tuple) and "Unreviewed" in m.id[0])
    return message.id[0], message.id[1]


@pytest.mark.parametrize("fmt", list(EditionFormat))
def test_editions_contain_no_english_that_newsloc_added(sample: Path, tmp_path: Path, fmt):
    built = build_editions(
        list(LANGUAGES),
        EditionOptions(locales=sample, fmt=fmt, out=tmp_path / "out", allow_fuzzy=True),
    )
    fragments = english_fragments()
    assert "Not yet translated: English original" in fragments
    for result in built.editions:
        text = result.path.read_text(encoding="utf-8")
        if fmt is EditionFormat.NINJS:  # the body is HTML inside JSON
            text = json.dumps(json.loads(text), ensure_ascii=False).replace('\\"', '"')
        if fmt in (EditionFormat.HTML, EditionFormat.NINJS):
            text = re.sub(r"<style>.*?</style>", "", text, flags=re.DOTALL)  # font names
            text = html.unescape(re.sub(r"<[^>]+>", " ", text))
        # The English paragraph is the article's, not newsloc's: take it out first.
        source = next(p.text for p in result.edition.paragraphs if p.origin.value == "source")
        assert source in text
        text = text.replace(source, "")
        leftovers = [f for f in fragments if f.lower() in text.lower()]
        assert leftovers == [], f"{result.path.name}: English left: {leftovers}"
        # And the words newsloc did add are there, in the edition's language.
        banner = {"hy": "Չստուգված մեքենայական", "az": "Yoxlanılmamış maşın", "ru": "Непроверенный"}
        label = {"hy": "Դեռ թարգմանված չէ", "az": "Hələ tərcümə", "ru": "Ещё не переведено"}
        other = {"hy": "Այս հոդվածն այլ", "az": "Bu məqalə digər", "ru": "Эта статья на других"}
        language = result.edition.language
        # ninjs names the other versions in its associations, with no sentence before them.
        wanted = (banner, label) if fmt is EditionFormat.NINJS else (banner, label, other)
        for expected in (words[language] for words in wanted):
            assert expected in text, f"{result.path.name}: no {expected!r}"


def test_a_language_without_newsloc_catalogue_gets_english_words(sample: Path, tmp_path: Path):
    # A German catalogue of the article: newsloc has no German strings, so English.
    german = sample / "de" / "LC_MESSAGES"
    german.mkdir(parents=True)
    po = polib.pofile(str(sample / "ru" / "LC_MESSAGES" / "sample-article.po"))
    po.metadata["Language"] = "de"
    for entry in po:
        entry.msgstr = "Deutsch: " + entry.msgid
    next(e for e in po if e.occurrences[0][1] == "19").flags.append("fuzzy")
    po.save(str(german / "sample-article.po"))
    result = build_edition(
        "de", locales=sample, out=tmp_path, allow_fuzzy=True, fmt=EditionFormat.TXT
    )
    text = result.path.read_text(encoding="utf-8")
    assert text.startswith("Deutsch · 3. März 2026")  # CLDR's name and long date
    assert "Unreviewed machine translation: 1 of 9 paragraphs has not been checked" in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_catalogue_is_compiled_once_then_read_back(
    language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cached `.mo` is Babel's, and a second run does not read the catalogue again."""
    import io

    from babel.messages.mofile import write_mo

    from newsloc.translate import i18n

    po = (locale_dir() / language / "LC_MESSAGES" / "newsloc.po").read_bytes()
    expected = io.BytesIO()
    write_mo(expected, read_po(io.BytesIO(po), locale=language, domain="newsloc"), use_fuzzy=False)
    assert i18n.compiled(po, language) == expected.getvalue()

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the catalogue was read with Babel again")

    monkeypatch.setattr("babel.messages.pofile.read_po", no_reading)
    assert i18n.compiled(po, language) == expected.getvalue()
    edited = po + b'\nmsgid "A string only this test has"\nmsgstr "X"\n'
    with pytest.raises(AssertionError, match="read with Babel again"):
        i18n.compiled(edited, language)  # other content: compiled afresh
