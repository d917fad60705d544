"""Editions keep the article's structure: the headline is the page's <h1> and <title>,
standfirst, byline, captions with alt text and pull quotes keep their places, inline
links and emphasis come back as markup, and the index lists editions by headline; one
test per input format (the sample article in examples/)."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from newsloc.translate.cli import app
from newsloc.translate.pipeline import RunSettings, translate_article
from tests.support.fake_engine import fake_factory

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
HEADLINE = "Engineers to inspect the road between Stepanakert and Lachin"


def _reviewed_catalogues(article: Path, out: Path) -> None:
    """Machine output from the tagging fake engine, then every entry approved."""
    translate_article(article, RunSettings(["ru", "hy"], out=out, engine_factory=fake_factory()))
    for language in ("ru", "hy"):
        path = out / language / "LC_MESSAGES" / "sample-article.po"
        po = polib.pofile(str(path))
        for entry in po:
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        po.save(str(path))


@pytest.mark.parametrize(
    "name",
    ["sample-article.txt", "sample-article.md", "sample-article.html", "sample-article.json"],
)
def test_each_format_gives_a_structured_edition(tmp_path: Path, name: str) -> None:
    locales = tmp_path / "loc"
    _reviewed_catalogues(EXAMPLES / name, locales)
    out = tmp_path / "html"
    result = CliRunner().invoke(
        app,
        ["edition", "build", "--all", "--locales", str(locales), "--format", "html",
         "--out", str(out), "--allow-unreviewed-names"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    page = (out / "sample-article.ru.html").read_text(encoding="utf-8")
    assert f"<title>[ru] {HEADLINE}</title>" in page
    assert f'<h1 class="headline">[ru] {HEADLINE}</h1>' in page
    assert '<p class="standfirst">[ru] An international team' in page
    assert '<p class="byline">[ru] By Newsloc staff</p>' in page
    assert page.index("standfirst") < page.index("YEREVAN/BAKU") < page.index("Talks on a peace")
    english = (out / "sample-article.en.html").read_text(encoding="utf-8")
    assert f"<title>{HEADLINE}</title>" in english
    index = (out / "sample-article.index.html").read_text(encoding="utf-8")
    assert f"<h1>{HEADLINE}</h1>" in index
    assert f"[ru] {HEADLINE}</a>" in index
    if name.endswith(".txt"):  # plain text holds no pictures, links, emphasis or pull quotes
        assert "<figure" not in page and "<a href" not in english.split("<nav")[0]
        return
    src = {"sample-article.json": "https://example.org/newsloc/lachin-road.jpg"}.get(
        name, "lachin-road.jpg"
    )  # the picture's address survives the catalogues: the edition shows the image
    assert (
        f'<figure class="picture"><img src="{src}" alt="[ru] A mountain road winding between '
        'green hills"><figcaption class="caption">[ru] The road near Shusha' in page
    )
    assert '<blockquote class="pullquote">[ru] The inspection is a technical step' in page
    assert '<a href="https://www.icrc.org/">' in page and "<em>" in page
    assert "&lt;1&gt;" not in page  # no tag is printed as text
    assert '<a href="https://www.icrc.org/">International Committee of the Red Cross</a>' in english
    assert "technical step, <em>not</em> a political one" in english


def test_a_markdown_edition_keeps_the_articles_markdown(tmp_path: Path) -> None:
    locales = tmp_path / "loc"
    _reviewed_catalogues(EXAMPLES / "sample-article.md", locales)
    out = tmp_path / "md"
    result = CliRunner().invoke(
        app,
        ["edition", "build", "--all", "--locales", str(locales), "--format", "md",
         "--out", str(out), "--allow-unreviewed-names"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    english = (out / "sample-article.en.md").read_text(encoding="utf-8")
    assert english.startswith(f"# {HEADLINE}\n")
    assert "[International Committee of the Red Cross](<https://www.icrc.org/>)" in english
    assert "technical step, *not* a political one" in english
    assert "> The inspection is a technical step, not a political one." in english
    russian = (out / "sample-article.ru.md").read_text(encoding="utf-8")
    assert russian.startswith(f"# \\[ru\\] {HEADLINE}\n")


def test_the_ninjs_example_is_valid_ninjs_3() -> None:
    document = json.loads((EXAMPLES / "sample-article.json").read_text(encoding="utf-8"))
    assert document["headlines"][0]["value"] == HEADLINE
