"""Several editions in one run (index, hreflang), typography on and off, the contested-name gate."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from newsloc.translate.cli import app
from newsloc.translate.edition.build import (
    EditionOptions,
    EditionRefused,
    EditionsRefused,
    build_edition,
)
from newsloc.translate.edition.content import EditionFormat
from newsloc.translate.edition.linked import build_editions
from tests.conftest import REPO

runner = CliRunner()

#: The sample's headline in the reviewed Armenian catalogue (examples/sample-translations.toml).
HY_HEADLINE = "Ինժեներները կզննեն Ստեփանակերտի և Լաչինի միջև ճանապարհը"


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    root = tmp_path / "locales"
    shutil.copytree(REPO / "locales", root)
    return root


def catalogue(root: Path, language: str) -> Path:
    return root / language / "LC_MESSAGES" / "sample-article.po"


def edit(root: Path, language: str, line: int, **changes: object) -> None:
    """Change the entry at `line` the way a reviewer (or an engine) would."""
    path = catalogue(root, language)
    po = polib.pofile(str(path), wrapwidth=76)
    entry = next(e for e in po if int(e.occurrences[0][1]) == line)
    if changes.get("fuzzy"):
        entry.flags.append("fuzzy")
    if changes.get("reviewed"):
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    if "msgstr" in changes:
        entry.msgstr = str(changes["msgstr"])
    po.save()


# ---------------------------------------------------------------- several languages at once


def test_lang_list_builds_every_edition_with_index_and_hreflang(sample: Path, tmp_path: Path):
    out = tmp_path / "site"
    result = run(
        "edition", "build", "--lang", "hy,az,ru", "--locales", sample, "--format", "html",
        "--out", out,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    names = ["hy", "az", "ru", "en", "index"]
    assert result.stdout.split() == [str(out / f"sample-article.{n}.html") for n in names]

    expected_links = {
        f'<link rel="alternate" hreflang="{code}" href="sample-article.{code}.html">'
        for code in ("en", "hy", "az", "ru")
    }
    for code in ("hy", "az", "ru", "en"):
        page = (out / f"sample-article.{code}.html").read_text(encoding="utf-8")
        assert f'<html lang="{code}">' in page
        links = set(re.findall(r'<link rel="alternate" hreflang="\w+" href="[^"]+">', page))
        assert links == expected_links, code  # every version, itself included
        assert (
            '<link rel="alternate" hreflang="x-default" href="sample-article.index.html">' in page
        )
        # The visible links name the others in the edition's own language.
        nav = re.search(r'<nav class="languages">.*</nav>', page)
        assert nav is not None
        assert f'href="sample-article.{code}.html"' not in nav.group()
    hy = (out / "sample-article.hy.html").read_text(encoding="utf-8")
    assert ">անգլերեն (բնօրինակ)</a>" in hy and ">ռուսերեն</a>" in hy
    ru = (out / "sample-article.ru.html").read_text(encoding="utf-8")
    assert ">английский (оригинал)</a>" in ru and ">азербайджанский</a>" in ru

    # The English original is the source article, paragraph for paragraph.
    english = (out / "sample-article.en.html").read_text(encoding="utf-8")
    assert "Armenia and Azerbaijan have agreed" in english
    assert '<p class="byline">By Newsloc staff</p>' in english
    assert "Not yet translated" not in english

    index = (out / "sample-article.index.html").read_text(encoding="utf-8")
    # Each version by its language and its own headline.
    assert (
        '<li lang="hy"><a href="sample-article.hy.html" hreflang="hy">հայերեն: '
        f"{HY_HEADLINE}</a>" in index
    )
    assert (
        '<li lang="en"><a href="sample-article.en.html" hreflang="en">English (original): '
        "Engineers to inspect the road between Stepanakert and Lachin</a>" in index
    )
    assert '<time datetime="2026-03-03">3 марта 2026\u00a0г.</time>' in index


def test_all_builds_every_catalogue_and_md_txt_link_by_file_name(sample: Path, tmp_path: Path):
    built = build_editions(None, EditionOptions(locales=sample, out=tmp_path, fmt=EditionFormat.MD))
    assert [r.edition.language for r in built.editions] == ["az", "hy", "ru"]
    az = built.editions[0].path.read_text(encoding="utf-8")
    assert az.rstrip().endswith(
        "Bu məqalə digər dillərdə: [ingilis dili (orijinal)](<sample-article.en.md>) · "
        "[erməni dili](<sample-article.hy.md>) · [rus dili](<sample-article.ru.md>)"
    )
    index = built.index.read_text(encoding="utf-8")
    assert f"- [հայերեն: {HY_HEADLINE}](<sample-article.hy.md>) · 3 մարտի 2026 թ." in index

    text = build_editions(
        ["ru", "hy"], EditionOptions(locales=sample, out=tmp_path, fmt=EditionFormat.TXT)
    )
    ru = text.editions[0].path.read_text(encoding="utf-8")
    assert ru.rstrip().endswith(
        "Эта статья на других языках:\n"
        "- английский (оригинал): sample-article.en.txt\n"
        "- армянский: sample-article.hy.txt"
    )
    assert "azərbaycan" not in ru  # only the languages of this run are linked


def test_base_url_makes_hreflang_links_absolute(sample: Path, tmp_path: Path):
    built = build_editions(
        ["hy", "ru"],
        EditionOptions(
            locales=sample, out=tmp_path, fmt=EditionFormat.HTML,
            base_url="https://news.example/2026/road/",
        ),
    )  # fmt: skip
    page = built.editions[0].path.read_text(encoding="utf-8")
    assert (
        '<link rel="alternate" hreflang="ru" href="https://news.example/2026/road/'
        'sample-article.ru.html">' in page
    )


def test_several_editions_are_built_all_or_none(sample: Path, tmp_path: Path):
    # az falls below the threshold: nothing at all is written, hy and ru included.
    po = polib.pofile(str(catalogue(sample, "az")), wrapwidth=76)
    for entry in po:
        entry.flags.append("fuzzy")
    po.save()
    out = tmp_path / "out"
    result = run("edition", "build", "--lang", "hy,az,ru", "--locales", sample, "--out", out)
    assert result.exit_code == 1
    assert not out.exists()
    assert "az: entries holding the edition back" in result.stdout
    assert "az/LC_MESSAGES/sample-article.po: only 0% of 9 entries are reviewed" in result.stderr
    assert "refused: az; no edition written" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "hy,xx"], "--lang: unknown language code 'xx'"),
        (["--lang", "hy,en"], "--lang: 'en' is the source language"),
        (["--lang", "hy,EN-us"], "--lang: 'EN-us' is not a language code"),
        (["--lang", ","], "--lang: give at least one language code"),
        (["--lang", "hy", "--all"], "--lang and --all: give one of them"),
        ([], "--lang: give a language"),
    ],
)
def test_bad_language_lists_are_one_line_exit_2(sample: Path, args: list[str], message: str):
    result = run("edition", "build", "--locales", sample, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


# ---------------------------------------------------------------- typography


def test_typography_is_applied_to_the_edition_never_to_the_catalogue(sample: Path, tmp_path: Path):
    engine_like = (
        "ЕРЕВАН/БАКУ, 3 марта 2026 года (Newsloc) - Армения и Азербайджан назвали это "
        "“техническим шагом”, связывающим Степанакерт (Ханкенди) с Лачином (Бердзор)."
    )
    edit(sample, "ru", 1, msgstr=engine_like)
    before = catalogue(sample, "ru").read_bytes()

    on = build_edition("ru", locales=sample, out=tmp_path / "on", fmt=EditionFormat.TXT)
    off = build_edition(
        "ru", locales=sample, out=tmp_path / "off", fmt=EditionFormat.TXT, typography=False
    )
    assert "(Newsloc)\u00a0— Армения" in on.path.read_text(encoding="utf-8")
    assert "«техническим шагом»" in on.path.read_text(encoding="utf-8")
    assert engine_like in off.path.read_text(encoding="utf-8")
    assert catalogue(sample, "ru").read_bytes() == before

    cli = run(
        "edition", "build", "--lang", "ru", "--locales", sample, "--no-typography",
        "--out", tmp_path / "cli", "--format", "txt",
    )  # fmt: skip
    assert cli.exit_code == 0, cli.output
    assert engine_like in (tmp_path / "cli" / "sample-article.ru.txt").read_text(encoding="utf-8")


# ---------------------------------------------------------------- the contested-name gate


def test_contested_names_in_unreviewed_entries_refuse_until_reviewed(sample: Path, tmp_path: Path):
    # 8 of 9 entries reviewed (88.9%, above 80%), but the fuzzy one names Stepanakert and
    # Shusha, contested places: refused with the entry listed.
    edit(sample, "hy", 12, fuzzy=True)
    out = tmp_path / "out"
    args = ["edition", "build", "--lang", "hy", "--locales", sample, "--out", out]

    refused = run(*args, "--allow-fuzzy")
    assert refused.exit_code == 1
    assert not out.exists()
    assert "hy: contested names in entries no reviewer has cleared" in refused.stdout
    assert re.search(r"\b12\s*│\s*fuzzy\s*│\s*stepanakert, shusha\s*│\s*The team", refused.stdout)
    assert "1 unreviewed entry names a contested place" in refused.stderr
    assert "--allow-unreviewed-names" in refused.stderr

    as_json = run(*args, "--json")
    report = json.loads(as_json.stdout)
    assert as_json.exit_code == 1
    assert report["contested"] == [
        {
            "lines": [12],
            "state": "fuzzy",
            "concepts": ["stepanakert", "shusha"],
            "starts_with": "The team, organised by the International…",
        }
    ]

    # The desk may take responsibility for the names ...
    allowed = run(*args, "--allow-fuzzy", "--allow-unreviewed-names")
    assert allowed.exit_code == 0, allowed.output
    # ... or a reviewer clears the entry, and the edition passes without the flag.
    edit(sample, "hy", 12, reviewed=True)
    assert run(*args, "--allow-fuzzy").exit_code == 0
    with pytest.raises(EditionRefused):
        edit(sample, "hy", 12, msgstr="")  # untranslated: English "Stepanakert" alone
        build_edition("hy", locales=sample, out=out)


def test_the_gate_applies_to_every_language_of_a_multi_build(sample: Path, tmp_path: Path):
    edit(sample, "ru", 1, fuzzy=True)
    with pytest.raises(EditionsRefused) as refused:
        build_editions(["hy", "ru"], EditionOptions(locales=sample, out=tmp_path / "o"))
    (only,) = refused.value.refusals
    assert only.contested_only
    assert [(c.lines, c.concepts) for c in only.report.contested] == [
        ((1,), ("stepanakert", "lachin"))
    ]
    assert not (tmp_path / "o").exists()


def test_the_english_original_prints_english_without_a_template(sample: Path, tmp_path: Path):
    """A desk that keeps only the language catalogues (no .pot) still gets the English
    page in English: its paragraphs are the msgids, never a catalogue's translations."""
    (sample / "sample-article.pot").unlink()
    out = tmp_path / "site"
    result = run("edition", "build", "--all", "--locales", sample, "--format", "txt", "--out", out)
    assert result.exit_code == 0, result.output
    english = (out / "sample-article.en.txt").read_text(encoding="utf-8")
    assert "Engineers to inspect the road between Stepanakert and Lachin" in english
    # It printed the first catalogue's translations (Azerbaijani) before.
    assert "Mühəndislər" not in english and HY_HEADLINE not in english
    assert not re.search("[\u0531-\u058f\u0400-\u04ff]", english)  # no Armenian, no Cyrillic
