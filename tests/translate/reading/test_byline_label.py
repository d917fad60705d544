"""A byline that is names alone (`<p class="byline">Anna Petrosyan</p>`, ninjs `by`) gets
a label in the edition's language, from newsloc's own catalogues; a byline that carries
its own (`By Newsloc staff`) is printed as translated, with no second label."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from newsloc.translate.cli import app
from newsloc.translate.edition.content import carries_byline_label
from newsloc.translate.pipeline import RunSettings, translate_article
from tests.support.fake_engine import fake_factory

LANGUAGES = ("ru", "hy", "az")
ARTICLE = """<h1>Engineers to inspect the road</h1>
<p class="byline">Anna Petrosyan and Rauf Mammadov</p>
<p>The team will set out next week.</p>
"""
LABELLED = ARTICLE.replace("Anna Petrosyan and Rauf Mammadov", "By Newsloc staff")


def _editions(tmp_path: Path, article: str, fmt: str) -> dict[str, str]:
    source = tmp_path / "story.html"
    source.write_text(article, encoding="utf-8")
    locales = tmp_path / "loc"
    translate_article(
        source, RunSettings(list(LANGUAGES), out=locales, engine_factory=fake_factory())
    )
    for language in LANGUAGES:
        path = locales / language / "LC_MESSAGES" / "story.po"
        po = polib.pofile(str(path))
        for entry in po:
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        po.save(str(path))
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        ["edition", "build", "--all", "--locales", str(locales), "--format", fmt,
         "--out", str(out), "--allow-unreviewed-names", "--no-typography"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    ext = {"html": "html", "md": "md", "txt": "txt"}[fmt]
    return {
        language: (out / f"story.{language}.{ext}").read_text(encoding="utf-8")
        for language in ("en", *LANGUAGES)
    }


def test_names_alone_get_the_editions_label(tmp_path: Path) -> None:
    pages = _editions(tmp_path, ARTICLE, "html")
    names = "Anna Petrosyan and Rauf Mammadov"
    assert f'<p class="byline"><span class="label">Текст:</span> [ru] {names}</p>' in pages["ru"]
    assert f'<span class="label">Հեղինակ.</span> [hy] {names}' in pages["hy"]
    assert f'<span class="label">Müəllif:</span> [az] {names}' in pages["az"]
    assert f'<span class="label">By</span> {names}' in pages["en"]


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [("md", "*Текст: \\[ru\\] Anna Petrosyan"), ("txt", "Текст: [ru] Anna Petrosyan")],
)
def test_markdown_and_text_editions_label_it_too(tmp_path: Path, fmt: str, expected: str) -> None:
    assert expected in _editions(tmp_path, ARTICLE, fmt)["ru"]


def test_a_byline_with_its_own_label_gets_no_second_one(tmp_path: Path) -> None:
    pages = _editions(tmp_path, LABELLED, "html")
    assert '<p class="byline">[ru] By Newsloc staff</p>' in pages["ru"]
    assert "Текст:" not in pages["ru"]
    assert '<p class="byline">By Newsloc staff</p>' in pages["en"]


def test_what_counts_as_a_label() -> None:
    assert carries_byline_label("By Newsloc staff")
    assert carries_byline_label("by Anna Petrosyan")
    assert carries_byline_label("Reporting by Anna Petrosyan; editing by Rauf Mammadov")
    assert carries_byline_label("Text: Anna Petrosyan")
    assert not carries_byline_label("Anna Petrosyan")
    assert not carries_byline_label("Byron Jones")
