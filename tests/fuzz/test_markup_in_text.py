"""Article text that looks like markup is shown as written: in tables and in editions.

Issue 20, item 13 and "GNU-valid input": `[/b]` in a paragraph crashed the edition
refusal table (rich's MarkupError) and `[bold]` was rendered instead of shown; a Markdown
edition printed `&lt;b&gt;` as `<b>`. Markdown is checked with a CommonMark parser
(markdown-it-py): what a reader sees must be the text itself.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from newsloc.translate.edition.formats import escape_markdown
from tests.fuzz.conftest import DEEP
from tests.fuzz.support import newsloc

MARKUP = ["[/b]", "[bold]loud[/bold]", "[link=http://x]x[/link]", "[", "]", "\\[b]", "[/]"]


def translate(article: Path, out: Path):
    return newsloc(
        "translate", article, "--to", "ru", "--engine", "none", "--no-glossary", "--out", out
    )


@pytest.mark.parametrize("markup", MARKUP)
def test_the_refusal_table_shows_markup_as_written(tmp_path: Path, markup: str) -> None:
    article = tmp_path / "story.txt"
    article.write_text(f"{markup} opens the story.\n\nBaku said nothing.\n", encoding="utf-8")
    assert translate(article, tmp_path / "loc").exit_code == 0
    result = newsloc(
        "edition", "build", "--lang", "ru", "--locales", tmp_path / "loc", "--out", tmp_path / "e"
    )
    assert result.exit_code == 1, (result.output, result.exception)
    assert "Traceback" not in result.output
    assert markup in result.stdout  # shown, not rendered or swallowed
    assert not (tmp_path / "e").exists()


def test_the_contested_table_shows_markup_as_written(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text("[/b] Shelling in [bold]Stepanakert[/bold].\n", encoding="utf-8")
    args = ["translate", article, "--to", "ru", "--engine", "none", "--out", tmp_path / "loc"]
    assert newsloc(*args).exit_code == 0
    path = tmp_path / "loc" / "ru" / "LC_MESSAGES" / "story.po"
    po = polib.pofile(str(path))
    po[0].msgstr, po[0].flags = "[/b] Обстрел в [bold]Ханкенди[/bold].", ["fuzzy"]
    po.save(str(path))
    result = newsloc(
        "edition", "build", "--lang", "ru", "--locales", tmp_path / "loc", "--out",
        tmp_path / "e", "--allow-fuzzy", "--min-reviewed", "0",
    )  # fmt: skip
    assert result.exit_code == 1, (result.output, result.exception)
    assert "contested" in result.stdout and "[/b] Shelling in [bold]" in result.stdout


_MD = MarkdownIt("commonmark")


def shown(markdown: str) -> str:
    """The text a reader sees where one Markdown paragraph is rendered."""
    return html.unescape(re.sub(r"</?p>|\n$", "", _MD.render(markdown)))


@settings(max_examples=3000 if DEEP else 300)
@given(st.text(alphabet="ab &;#lgtx1<>[]()*_`\\!~|-=+.:/", min_size=1, max_size=30))
def test_escaped_markdown_shows_the_text_itself(text: str) -> None:
    text = text.strip(" ")
    if text:
        assert shown(escape_markdown(text)) == text


@pytest.mark.parametrize("text", ["&lt;b&gt;", "&amp;", "&#65;", "&#x41;", "a &copy; b", "~~x~~"])
def test_entities_print_literally_in_a_markdown_edition(tmp_path: Path, text: str) -> None:
    article = tmp_path / "story.txt"
    article.write_text(f"{text} in the story.\n", encoding="utf-8")
    assert translate(article, tmp_path / "loc").exit_code == 0
    result = newsloc(
        "edition", "build", "--lang", "ru", "--locales", tmp_path / "loc", "--out",
        tmp_path / "e", "--allow-fuzzy", "--min-reviewed", "0",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    markdown = (tmp_path / "e" / "story.ru.md").read_text(encoding="utf-8")
    paragraph = next(block for block in markdown.split("\n\n") if "in the story" in block)
    assert f"{text} in the story." in shown(paragraph)


@pytest.mark.parametrize("name", ["[bold]x", "a[/b]"])
def test_paths_that_look_like_markup_are_shown_in_the_translate_tables(
    tmp_path: Path, name: str
) -> None:
    out = tmp_path / f"lo{name}c"  # the folder may hold `/`; the article name may not
    article = tmp_path / f"{name.replace('/', '')}.txt"
    article.write_text("Shelling in Stepanakert.\n", encoding="utf-8")
    other = tmp_path / "two.txt"
    other.write_text("Baku said nothing.\n", encoding="utf-8")
    result = translate(article, out)
    assert result.exit_code == 0, (result.output, result.exception)
    assert f"{article.stem}.po" in result.stdout  # the paths, shown as written
    result = newsloc(
        "translate", article, other, "--to", "ru", "--engine", "none", "--no-glossary",
        "--out", out,
    )  # fmt: skip
    assert result.exit_code == 0, (result.output, result.exception)
    assert article.name in result.stdout
    stats = newsloc("catalog", "stats", "--locales", out, "--domain", article.stem)
    assert stats.exit_code == 0, (stats.output, stats.exception)
    assert f"{article.stem}: review progress" in stats.stdout
