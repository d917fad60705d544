"""Segmentation: paragraphs become catalogue entries, sentences are what engines see."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsloc.base.errors import NewslocError
from newsloc.translate.segment import (
    opens_with_dateline,
    read_article,
    split_paragraphs,
    split_sentences,
)
from tests.conftest import SAMPLE_ARTICLE
from tests.support.articles import article_paragraphs, unique_paragraphs


def sentences(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_seed_article_paragraphs_and_repeats(seed_article: Path) -> None:
    article = read_article(seed_article)
    assert len(article.paragraphs) == 13
    units = article.units()
    # The seed repeats two paragraphs: one entry each, with both line references.
    assert len(units) == 11
    repeated = [u for u in units if len(u.lines) > 1]
    assert [u.lines for u in repeated] == [(5, 21), (7, 23)]
    assert repeated[0].text.startswith("The Azerbaijani Defense Ministry said")
    assert units[-1].kind == "byline" and units[-1].text == "By admin"


def test_seed_article_dateline_is_kept_apart_and_intact(seed_article: Path) -> None:
    first = read_article(seed_article).paragraphs[0]
    parts = split_sentences(first.text)
    assert parts[0].text == "(Reuters) –" and not parts[0].translatable
    assert parts[1].text.startswith("Azerbaijan has launched “anti-terrorist activities”")
    assert len(parts) == 2


def test_paragraphs_become_one_unit_each_at_every_line_they_start(news_article: Path) -> None:
    article = read_article(news_article)
    assert [p.text for p in article.paragraphs] == [p for _, p in article_paragraphs(news_article)]
    units = article.units()
    assert [(u.text, list(u.lines)) for u in units] == unique_paragraphs(news_article)
    assert [u.kind for u in units if u.kind != "body"] == ["byline"]
    assert next(u.text for u in units if u.kind == "byline").startswith("By ")


def test_sample_article_dateline_credit_is_kept_apart_and_intact() -> None:
    # The story opens after the headline, the standfirst and the byline.
    first = next(p for p in read_article(SAMPLE_ARTICLE).paragraphs if opens_with_dateline(p.text))
    assert first.line == 8
    parts = split_sentences(first.text)
    # The places and the date are translated; the agency's credit is kept as written.
    assert parts[0].text == "YEREVAN/BAKU, 3 March 2026" and parts[0].translatable
    assert parts[1].text == "(Newsloc) –" and not parts[1].translatable
    assert parts[2].text.startswith("Armenia and Azerbaijan have agreed")
    assert len(parts) == 3


def test_spans_slice_the_paragraph(news_article: Path) -> None:
    for paragraph in read_article(news_article).paragraphs:
        for sentence in split_sentences(paragraph.text):
            assert paragraph.text[sentence.start : sentence.end] == sentence.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Smith met Gen. Ivanov in Baku. They spoke for an hour.",
            ["Mr. Smith met Gen. Ivanov in Baku.", "They spoke for an hour."],
        ),
        (
            "J. R. R. Tolkien wrote it in 1954. The U.S. Army agreed.",
            ["J. R. R. Tolkien wrote it in 1954.", "The U.S. Army agreed."],
        ),
        (
            "It cost $3.5 million. Prices rose 2.5 percent.",
            ["It cost $3.5 million.", "Prices rose 2.5 percent."],
        ),
        (
            "The talks began at 9 a.m. Monday in Moscow.",
            ["The talks began at 9 a.m. Monday in Moscow."],
        ),
        (
            "He said “we will stay. We will not leave.” Then he left.",
            ["He said “we will stay. We will not leave.”", "Then he left."],
        ),
        ("“Stop,” he said. “Now.”", ["“Stop,” he said.", "“Now.”"]),
        ("Is it over? Nobody knows... Not yet!", ["Is it over?", "Nobody knows...", "Not yet!"]),
        (
            "Shelling resumed. (Officials denied it.)",
            ["Shelling resumed.", "(Officials denied it.)"],
        ),
        ("He met them on Sept. 19 in Goris.", ["He met them on Sept. 19 in Goris."]),
    ],
)
def test_hard_sentence_cases(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("dateline", "where", "credit"),
    [
        ("(Reuters) –", None, "(Reuters) –"),
        ("YEREVAN, Sept 19 (Reuters) -", "YEREVAN, Sept 19", "(Reuters) -"),
        ("BAKU (AP) —", "BAKU", "(AP) —"),
        ("YEREVAN/BAKU, 3 March 2026 (Newsloc) –", "YEREVAN/BAKU, 3 March 2026", "(Newsloc) –"),
    ],
)
def test_datelines_translate_place_and_date_but_keep_the_credit(
    dateline: str, where: str | None, credit: str
) -> None:
    parts = split_sentences(f"{dateline} Azerbaijan said. Armenia denied it.")
    if where:
        assert parts[0].text == where and parts[0].translatable
        parts = parts[1:]
    assert parts[0].text == credit and not parts[0].translatable
    assert [p.text for p in parts[1:]] == ["Azerbaijan said.", "Armenia denied it."]


def test_wrapped_paragraphs_are_unwrapped_with_their_first_line() -> None:
    text = "\n\nFirst line of a\nwrapped paragraph.\n  \nSecond one.\n"
    paragraphs = list(split_paragraphs(text))
    assert [(p.text, p.line) for p in paragraphs] == [
        ("First line of a wrapped paragraph.", 3),
        ("Second one.", 6),
    ]


def test_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffFirst.\r\n\r\nSecond.\r\n".encode())
    article = read_article(path)
    assert [(p.text, p.line) for p in article.paragraphs] == [("First.", 1), ("Second.", 3)]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the article is empty"),
        (b"  \n\n \t\n", "the article is empty"),
        (b"caf\xe9 au lait\n", "not UTF-8 text (byte 0xe9 at offset 3)"),
        (b"\x00\x01binary", "not a text file"),
    ],
)
def test_bad_input_names_the_file(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(NewslocError) as error:
        read_article(path)
    assert str(error.value) == f"{path}: {message}" or str(error.value).startswith(
        f"{path}: {message}"
    )
    assert "\n" not in str(error.value)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(NewslocError, match="no such file"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(NewslocError, match="is a directory"):
        read_article(tmp_path)
