"""`newsloc catalog stats` and `newsloc catalog compile` on catalogues built like the writer's.

The catalogues are of the sample article and, where ../shared has it, the seed article; the
counts each test expects follow from the article's number of entries.
"""

from __future__ import annotations

import gettext
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsloc.glossary import parse_glossary
from newsloc.glossary.match import find_mentions
from newsloc.translate.catalog.compile import compile_catalogs
from newsloc.translate.catalog.stats import catalog_stats
from newsloc.translate.cli import app
from tests.support.articles import entry_count, unique_paragraphs
from tests.translate.edition.test_edition import build_catalog, translated, write_catalog

runner = CliRunner()


@pytest.fixture
def locales(tmp_path: Path, news_article: Path) -> Path:
    """hy: entries 1 and 2 fuzzy, 3 untranslated, the rest reviewed (4 of the sample's 7,
    8 of the seed's 11), one obsolete; az: all fuzzy; ru: all reviewed."""
    root = tmp_path / "locales"
    hy = build_catalog(news_article, "hy", fuzzy=[1, 2], untranslated=[3], obsolete=True)
    write_catalog(root, "hy", hy)
    entries = entry_count(news_article)
    write_catalog(root, "az", build_catalog(news_article, "az", fuzzy=range(entries)))
    write_catalog(root, "ru", build_catalog(news_article, "ru"))
    return root


def hy_share(article: Path) -> float:
    """The Armenian catalogue's reviewed share, in percent to one decimal."""
    entries = entry_count(article)
    return round(100 * (entries - 3) / entries, 1)


# ---------------------------------------------------------------- stats


def test_stats_count_review_states_per_language(locales: Path, news_article: Path):
    rows = {row.language: row for row in catalog_stats(locales)}
    entries = entry_count(news_article)

    assert list(rows) == ["az", "hy", "ru"]
    hy = rows["hy"]
    assert (hy.entries, hy.reviewed, hy.fuzzy, hy.untranslated, hy.obsolete) == (
        entries,
        entries - 3,
        2,
        1,
        1,
    )
    assert hy.percent_reviewed == hy_share(news_article)
    assert (rows["az"].reviewed, rows["az"].fuzzy, rows["az"].percent_reviewed) == (
        0,
        entries,
        0.0,
    )
    assert rows["ru"].percent_reviewed == 100.0


def test_stats_json_is_a_list_scripts_can_read(locales: Path, news_article: Path):
    result = runner.invoke(app, ["catalog", "stats", "--locales", str(locales), "--json"])

    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [row["language"] for row in data] == ["az", "hy", "ru"]
    assert data[1]["reviewed"] == entry_count(news_article) - 3
    assert data[1]["untranslated"] == 1
    assert data[1]["domain"] == news_article.stem
    assert "glossary_violations" in data[1]


def test_stats_table_shows_every_language(locales: Path, news_article: Path):
    result = runner.invoke(app, ["catalog", "stats", "--locales", str(locales)])

    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if line.startswith("│")]
    hy_row = next(line for line in rows if "│ hy " in line)
    entries = entry_count(news_article)
    assert [cell.strip() for cell in hy_row.strip("│").split("│")][:5] == [
        "hy", str(entries), str(entries - 3), "2", "1",
    ]  # fmt: skip
    assert hy_row.rstrip().endswith(f"{hy_share(news_article)} │")


def test_stats_on_missing_directory_is_a_one_line_error(tmp_path: Path):
    result = runner.invoke(app, ["catalog", "stats", "--locales", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert result.stderr == f"newsloc: error: {tmp_path / 'nowhere'}: no such locales directory\n"


# ---------------------------------------------------------------- compile


def test_compiled_mo_serves_reviewed_entries_only(locales: Path, news_article: Path):
    results = {item.language: item for item in compile_catalogs(locales)}

    hy = results["hy"]
    entries = entry_count(news_article)
    assert (hy.compiled, hy.skipped_fuzzy, hy.skipped_untranslated) == (entries - 3, 2, 1)
    paragraphs = [text for text, _lines in unique_paragraphs(news_article)]
    with open(hy.mo_path, "rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    for reviewed in (0, *range(4, entries)):
        assert catalog.gettext(paragraphs[reviewed]) == translated("hy", paragraphs[reviewed])
    # Fuzzy and untranslated entries fall back to the source, as with msgfmt.
    assert catalog.gettext(paragraphs[1]) == paragraphs[1]
    assert catalog.gettext(paragraphs[3]) == paragraphs[3]
    assert catalog.info()["language"] == "hy"
    assert catalog.gettext("A paragraph cut from the story.") == "A paragraph cut from the story."
    # Nothing but the .po and the .mo is left in the folder: no temporary files.
    assert sorted(p.name for p in Path(hy.mo_path).parent.iterdir()) == [
        f"{news_article.stem}.mo",
        f"{news_article.stem}.po",
    ]


@pytest.mark.skipif(shutil.which("msgunfmt") is None, reason="GNU gettext msgunfmt not installed")
def test_msgunfmt_reads_the_compiled_catalogue(locales: Path, news_article: Path):
    runner.invoke(app, ["catalog", "compile", "--locales", str(locales)])
    mo = locales / "hy" / "LC_MESSAGES" / f"{news_article.stem}.mo"

    done = subprocess.run(
        ["msgunfmt", str(mo)], capture_output=True, text=True, encoding="utf-8", check=True
    )

    paragraphs = [text for text, _lines in unique_paragraphs(news_article)]
    unwrapped = done.stdout.replace('"\n"', "")
    for left_out in (1, 2, 3):  # fuzzy and untranslated entries are left out
        assert paragraphs[left_out][:40] not in unwrapped
    assert translated("hy", paragraphs[0])[:40] in unwrapped
    # The header and the reviewed entries.
    assert done.stdout.count("msgid ") == 1 + entry_count(news_article) - 3


#: Contexts (an empty one too, which is not the same as none), plurals translated fully,
#: in part and not in their first form, fuzzy, untranslated and obsolete entries.
CONTEXTS_AND_PLURALS = r"""msgid ""
msgstr ""
"Project-Id-Version: x\n"
"Language: ru\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n<5 ? 1 : 2);\n"

msgid "Baku"
msgstr "Баку"

msgctxt ""
msgid "Baku"
msgstr "Баку (пустой контекст)"

msgctxt "city"
msgid "Baku"
msgstr "Баку (город)"

msgid "one file"
msgid_plural "%d files"
msgstr[0] "%d файл"
msgstr[1] "%d файла"
msgstr[2] "%d файлов"

msgctxt "disk"
msgid "one part"
msgid_plural "%d parts"
msgstr[0] "%d часть"
msgstr[1] ""
msgstr[2] ""

msgid "one thing"
msgid_plural "%d things"
msgstr[0] ""
msgstr[1] "%d вещи"
msgstr[2] "%d вещей"

#, fuzzy
msgid "Goris"
msgstr "Горис"

msgid "Yerevan"
msgstr ""

msgid "Ärger"
msgstr "Злость"

#~ msgid "Old"
#~ msgstr "Старое"
"""


def compile_one(tmp_path: Path, text: str) -> Path:
    po = tmp_path / "loc" / "ru" / "LC_MESSAGES" / "story.po"
    po.parent.mkdir(parents=True)
    po.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["catalog", "compile", "--locales", str(tmp_path / "loc")])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("story.mo: 6 entries (1 fuzzy, 2 untranslated left out)\n")
    return po.with_suffix(".mo")


def test_compile_keeps_an_empty_context_apart_from_none(tmp_path: Path):
    with compile_one(tmp_path, CONTEXTS_AND_PLURALS).open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)

    assert catalog.gettext("Baku") == "Баку"
    assert catalog.pgettext("", "Baku") == "Баку (пустой контекст)"
    assert catalog.pgettext("city", "Baku") == "Баку (город)"
    assert catalog.ngettext("one file", "%d files", 3) == "%d файла"
    assert catalog.npgettext("disk", "one part", "%d parts", 1) == "%d часть"
    assert catalog.ngettext("one thing", "%d things", 3) == "%d things"  # first form empty
    assert catalog.gettext("Goris") == "Goris"  # fuzzy
    assert catalog.gettext("Old") == "Old"  # obsolete
    assert catalog.gettext("Ärger") == "Злость"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext msgfmt not installed")
def test_compile_writes_what_msgfmt_writes(tmp_path: Path):
    ours = compile_one(tmp_path, CONTEXTS_AND_PLURALS)
    po = ours.with_suffix(".po")
    gnu, gnu_no_hash = tmp_path / "gnu.mo", tmp_path / "gnu-no-hash.mo"
    subprocess.run(["msgfmt", "-o", str(gnu), str(po)], check=True)
    subprocess.run(["msgfmt", "--no-hash", "-o", str(gnu_no_hash), str(po)], check=True)

    # msgfmt's layout byte for byte (newsloc writes no optional hash table) ...
    assert ours.read_bytes() == gnu_no_hash.read_bytes()

    # ... and msgunfmt reads the same catalogue back from both.
    def unformat(mo: Path) -> str:
        return subprocess.run(
            ["msgunfmt", str(mo)], capture_output=True, text=True, encoding="utf-8", check=True
        ).stdout

    assert unformat(ours) == unformat(gnu)
    assert 'msgctxt ""\nmsgid "Baku"' in unformat(ours)


def test_compile_cli_reports_what_was_left_out(locales: Path, news_article: Path):
    result = runner.invoke(app, ["catalog", "compile", "--locales", str(locales)])

    assert result.exit_code == 0, result.output
    entries, mo = entry_count(news_article), f"{news_article.stem}.mo"
    hy_line = next(line for line in result.stdout.splitlines() if "/hy/" in line)
    assert hy_line.endswith(f"{mo}: {entries - 3} entries (2 fuzzy, 1 untranslated left out)")
    ru_line = next(line for line in result.stdout.splitlines() if "/ru/" in line)
    assert ru_line.endswith(f"{mo}: {entries} entries")


def test_compile_stops_on_a_malformed_catalogue_before_writing_any_mo(
    locales: Path, news_article: Path
):
    po = f"ru/LC_MESSAGES/{news_article.stem}.po"
    (locales / po).write_text('msgid "a"\nmsgstr "b"\nnot a keyword\n', encoding="utf-8")
    result = runner.invoke(app, ["catalog", "compile", "--locales", str(locales)])

    assert result.exit_code == 2
    assert f"{po}:3: not a readable gettext catalogue" in result.stderr
    assert result.stderr.count("\n") == 1
    assert not list(locales.glob("*/LC_MESSAGES/*.mo"))


def test_compile_and_stats_cover_every_article_unless_one_is_chosen(
    locales: Path, news_article: Path
):
    write_catalog(locales, "ru", build_catalog(news_article, "ru"), domain="other")
    result = runner.invoke(app, ["catalog", "compile", "--locales", str(locales), "--json"])
    assert result.exit_code == 0, result.output
    compiled = {
        (Path(item["mo_path"]).stem, item["language"]) for item in json.loads(result.stdout)
    }
    assert ("other", "ru") in compiled
    assert {"hy", "az", "ru"} <= {lang for name, lang in compiled if name == news_article.stem}

    stats = runner.invoke(app, ["catalog", "stats", "--locales", str(locales)])
    assert stats.exit_code == 0, stats.output
    assert "other: review progress" in stats.stdout
    assert f"{news_article.stem}: review progress" in stats.stdout

    for mo in locales.glob("*/LC_MESSAGES/*.mo"):
        mo.unlink()
    chosen = runner.invoke(
        app, ["catalog", "compile", "--locales", str(locales), "--domain", "other", "--json"]
    )
    assert chosen.exit_code == 0
    assert [item["language"] for item in json.loads(chosen.stdout)] == ["ru"]
    assert (locales / "ru" / "LC_MESSAGES" / "other.mo").is_file()


# ---------------------------------------------------------------- glossary violations

BAKU_GLOSSARY = """
[glossary]
name = "Baku only"
version = "1"
source = "en"
targets = ["hy", "az", "ru"]

[[concept]]
id = "baku"
kind = "city"
names = ["Baku"]
ru.Baku = "Баку"
hy.Baku = { nom = "Բաքու", gen = "Բաքվի", abl = "Բաքվից", loc = "Բաքվում" }
az.Baku.nom = "Bakı"
az.Baku.gen = "Bakının"
az.Baku.loc = "Bakıda"
az.Baku.abl = "Bakıdan"
"""


def test_stats_count_glossary_violations_like_glossary_check(tmp_path: Path, news_article: Path):
    glossary = tmp_path / "baku.toml"
    glossary.write_text(BAKU_GLOSSARY, encoding="utf-8")
    root = tmp_path / "locales"
    # The entries naming Baku: the seed's "… fell out of Baku’s control …" alone; four of
    # the sample's, its dateline's "BAKU" among them.
    baku = parse_glossary(BAKU_GLOSSARY, "baku.toml")
    naming = [
        index
        for index, (text, _lines) in enumerate(unique_paragraphs(news_article))
        if find_mentions(baku, text)
    ]
    assert naming
    write_catalog(root, "ru", build_catalog(news_article, "ru"))  # keeps the English "Baku"
    fix = "… 1990-cı illərin əvvəlində Bakının nəzarətindən çıxıb."
    fixed = build_catalog(news_article, "az", overrides=dict.fromkeys(naming, fix))
    write_catalog(root, "az", fixed)
    georgian = build_catalog(news_article, "ru")
    georgian.metadata["Language"] = "ka"  # a language the glossary does not cover
    write_catalog(root, "ka", georgian)

    rows = {row.language: row for row in catalog_stats(root, glossary_path=glossary)}

    assert rows["ru"].glossary_violations == len(naming)
    assert rows["az"].glossary_violations == 0
    assert rows["ka"].glossary_violations is None  # cannot be checked: shown as n/a
    table = runner.invoke(
        app, ["catalog", "stats", "--locales", str(root), "--glossary", str(glossary)]
    )
    ka_row = next(line for line in table.stdout.splitlines() if "│ ka " in line)
    assert [cell.strip() for cell in ka_row.strip("│").split("│")][5] == "n/a"
