"""Reading articles as newsrooms write them: each format's elements, in order, with the
line each starts at (translate/reading)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsloc.translate.errors import UserError
from newsloc.translate.reading import article_format, read_article

REPO = Path(__file__).resolve().parents[3]
EXAMPLES = REPO / "examples"
HEADLINE = "Engineers to inspect the road between Stepanakert and Lachin"
STANDFIRST = (
    "An international team will spend three days on the mountain road, checking its "
    "bridges, tunnels and retaining walls."
)
CAPTION = "The road near Shusha, which the team will inspect in March."
ALT = "A mountain road winding between green hills"


def _kinds(path: Path, fmt: str | None = None) -> list[tuple[str, str]]:
    return [(p.kind, p.text) for p in read_article(path, fmt).paragraphs]


@pytest.mark.parametrize(
    "name", ["sample-article.md", "sample-article.html", "sample-article.json"]
)
def test_each_format_gives_the_articles_structure(name: str) -> None:
    found = _kinds(EXAMPLES / name)
    kinds = [kind for kind, _ in found]
    assert found[0] == ("headline", HEADLINE)
    assert ("standfirst", STANDFIRST) in found
    assert ("byline", "By Newsloc staff") in found
    assert ("caption", CAPTION) in found
    assert ("alt", ALT) in found
    assert ("pullquote", "The inspection is a technical step, not a political one.") in found
    assert kinds.count("headline") == 1
    # Links and emphasis are numbered tags, as reviewers see them.
    assert any(
        "organised by the <1>International Committee of the Red Cross</1>, will" in t
        for _, t in found
    )
    assert any("a technical step, <1>not</1> a political one, and" in t for _, t in found)
    assert kinds.count("body") == 6


def test_line_references_point_at_each_element() -> None:
    path = EXAMPLES / "sample-article.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    for paragraph in read_article(path).paragraphs:
        source_line = lines[paragraph.line - 1]
        first_word = paragraph.text.split()[0].strip("*")
        assert first_word in source_line, (paragraph.line, paragraph.text)


def test_a_plain_text_article_with_a_headline_and_standfirst(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        f"{HEADLINE}\n\n{STANDFIRST}\n\nYEREVAN, 3 March (Newsloc) – The team met.\n\n"
        "By Newsloc staff\n",
        encoding="utf-8",
    )
    assert [kind for kind, _ in _kinds(article)] == ["headline", "standfirst", "body", "byline"]


def test_the_plain_text_sample_gives_the_structure_plain_text_can_hold() -> None:
    found = _kinds(EXAMPLES / "sample-article.txt")
    assert found[:3] == [
        ("headline", HEADLINE),
        ("standfirst", STANDFIRST),
        ("byline", "By Newsloc staff"),
    ]
    # The same story as the other formats' samples, with no markup: no picture, no tags.
    assert [kind for kind, _ in found[3:]] == ["body"] * 6
    markdown_body = [t for k, t in _kinds(EXAMPLES / "sample-article.md") if k == "body"]
    assert [t for _, t in found[3:]] == [
        t.replace("<1>", "").replace("</1>", "") for t in markdown_body
    ]


def test_a_plain_text_article_without_a_headline_reads_as_before(tmp_path: Path) -> None:
    article = tmp_path / "old.txt"
    text = (EXAMPLES / "sample-article.txt").read_text(encoding="utf-8")
    story = text[text.index("YEREVAN/BAKU") :]
    article.write_text(story + "\nBy Newsloc staff\n", encoding="utf-8")
    kinds = [kind for kind, _ in _kinds(article)]
    assert kinds == ["body"] * 6 + ["byline"]


def test_ninjs_2_fields(tmp_path: Path) -> None:
    article = tmp_path / "wire.json"
    document = {
        "uri": "urn:x",
        "headline": "Road to reopen",
        "description_text": "Engineers finish their work.",
        "byline": "By A. Writer",
        "located": "BAKU",
        "body_html": "<p>First <b>paragraph</b>.</p><p>Second one.</p>",
        "associations": {
            "featureimage": {"type": "picture", "description_text": "The road at dawn."}
        },
    }
    article.write_text(json.dumps(document, indent=1), encoding="utf-8")
    assert _kinds(article) == [
        ("headline", "Road to reopen"),
        ("standfirst", "Engineers finish their work."),
        ("byline", "By A. Writer"),
        ("dateline", "BAKU"),
        ("body", "First <1>paragraph</1>."),
        ("body", "Second one."),
        ("caption", "The road at dawn."),
    ]


def test_format_by_extension_or_named(tmp_path: Path) -> None:
    assert article_format(Path("a.md")) == "markdown"
    assert article_format(Path("a.HTML")) == "html"
    assert article_format(Path("a.json")) == "ninjs"
    assert article_format(Path("a.story")) == "text"
    article = tmp_path / "story.txt"
    article.write_text("# A headline\n\nBody text here.\n", encoding="utf-8")
    assert _kinds(article, "markdown")[0] == ("headline", "A headline")
    with pytest.raises(UserError, match="--format: 'docx' is not an article format"):
        article_format(article, "docx")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.json", "{not json", "bad.json: not a ninjs document"),
        ("list.json", "[1, 2]", "list.json: not a ninjs document"),
        ("empty.html", "<div></div>", "empty.html: the article is empty"),
        ("empty.md", "\n\n", "empty.md: the article is empty"),
    ],
)
def test_bad_input_is_one_line_naming_the_file(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UserError, match=message):
        read_article(path)


def test_translate_reads_each_format(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsloc.translate.cli import app

    for name in ("sample-article.md", "sample-article.html", "sample-article.json"):
        out = tmp_path / name
        result = CliRunner().invoke(
            app,
            [
                "translate",
                str(EXAMPLES / name),
                "--engine",
                "none",
                "--to",
                "ru",
                "--out",
                str(out),
            ],
        )
        assert result.exit_code == 0, result.output
        template = (out / "sample-article.pot").read_text(encoding="utf-8")
        assert f'msgctxt "headline"\nmsgid "{HEADLINE}"' in template
        assert "#. headline: the article's title, also the page title" in template
        assert 'msgctxt "caption"' in template and 'msgctxt "alt"' in template
        assert "<h1>" not in template and "](" not in template and "\\u" not in template
    result = CliRunner().invoke(
        app,
        ["translate", str(EXAMPLES / "sample-article.md"), "--format", "docx", "--engine", "none"],
    )
    assert result.exit_code != 0
    assert "--format: 'docx' is not an article format" in result.output
