"""Catalogues: headers, validity in gettext tools, and merging that never loses work."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from babel.messages.pofile import read_po

from newsloc.base.po.conventions import plural_forms
from newsloc.translate.pipeline import RunSettings, translate_article
from tests.support.articles import entry_count, unique_paragraphs

REQUIRED_HEADERS = (
    "Project-Id-Version",
    "Report-Msgid-Bugs-To",
    "POT-Creation-Date",
    "PO-Revision-Date",
    "Last-Translator",
    "Language-Team",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "Plural-Forms",
    "X-Generator",
)

ARTICLE = """\
(Reuters) – Azerbaijan said it had taken control of Stepanakert.

Residents of Stepanakert were leaving for Goris.

Officials in Baku gave no figures.
"""


def run(article: Path, out: Path, languages=("hy", "az", "ru")):
    return translate_article(article, RunSettings(list(languages), out=out), domain="story")


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def po_for(out: Path, lang: str) -> polib.POFile:
    return polib.pofile(str(out / lang / "LC_MESSAGES" / "story.po"))


def test_headers(tmp_path: Path, article: Path) -> None:
    run(article, tmp_path / "loc")
    for lang, plural in [
        ("hy", "nplurals=2; plural=(n > 1);"),
        ("az", "nplurals=2;"),
        ("ru", "nplurals=3;"),
    ]:
        meta = po_for(tmp_path / "loc", lang).metadata
        for key in REQUIRED_HEADERS:
            assert key in meta, key
        assert meta["Language"] == lang
        assert meta["Content-Type"] == "text/plain; charset=UTF-8"
        assert meta["Plural-Forms"].startswith(plural)
        assert meta["X-Generator"].startswith("newsloc ")
        assert meta["X-Newsloc-Source"].endswith("story.txt")
    pot = polib.pofile(str(tmp_path / "loc" / "story.pot"))
    assert pot[0].msgid.startswith("(Reuters) – Azerbaijan")


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
def test_every_file_passes_msgfmt_and_reads_back(tmp_path: Path, news_article: Path) -> None:
    out = tmp_path / "loc"
    translate_article(news_article, RunSettings(["hy", "az", "ru"], out=out))
    name = news_article.stem
    files = [out / f"{name}.pot"] + [
        out / lang / "LC_MESSAGES" / f"{name}.po" for lang in ("hy", "az", "ru")
    ]
    entries = entry_count(news_article)
    for path in files:
        result = subprocess.run(
            ["msgfmt", "--check", "-o", os.devnull, str(path)], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        with path.open("rb") as handle:
            babel_catalog = read_po(handle)
        assert len([m for m in babel_catalog if m.id]) == entries
        assert len(polib.pofile(str(path))) == entries


def test_duplicate_paragraphs_are_one_entry(tmp_path: Path, seed_article: Path) -> None:
    out = tmp_path / "loc"
    translate_article(seed_article, RunSettings(["ru"], out=out))
    po = polib.pofile(str(out / "ru" / "LC_MESSAGES" / "seed-article.po"))
    repeated = [e for e in po if len(e.occurrences) > 1]
    assert [[line for _, line in e.occurrences] for e in repeated] == [["5", "21"], ["7", "23"]]
    assert len({e.msgid for e in po}) == len(po)


def test_every_entry_names_every_line_its_paragraph_starts_at(
    tmp_path: Path, news_article: Path
) -> None:
    # The sample wraps its paragraphs over several lines: the reference is the first one.
    out = tmp_path / "loc"
    translate_article(news_article, RunSettings(["ru"], out=out))
    po = polib.pofile(str(out / "ru" / "LC_MESSAGES" / f"{news_article.stem}.po"))
    assert [(e.msgid, [int(line) for _, line in e.occurrences]) for e in po] == [
        (text, lines) for text, lines in unique_paragraphs(news_article)
    ]
    assert all(path.endswith(news_article.name) for e in po for path, _ in e.occurrences)


def review(
    out: Path, lang: str, msgid_start: str, msgstr: str, *, fuzzy: bool = False, comment: str = ""
) -> None:
    """Edit a catalogue the way a reviewer in a text editor would."""
    path = out / lang / "LC_MESSAGES" / "story.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgid.startswith(msgid_start))
    entry.msgstr = msgstr
    entry.flags = ["fuzzy"] if fuzzy else []
    entry.tcomment = comment
    po.save()


def test_rerun_keeps_reviewed_translations_flags_and_comments(
    tmp_path: Path, article: Path
) -> None:
    out = tmp_path / "loc"
    run(article, out)
    review(
        out,
        "ru",
        "Officials in Baku",
        "Чиновники в Баку не назвали цифр.",
        comment="checked by the Moscow desk",
    )
    po = po_for(out, "ru")
    po.metadata["Last-Translator"] = "Anna Petrova <anna@example.org>"
    po.save()

    run(article, out)
    entry = next(e for e in po_for(out, "ru") if e.msgid.startswith("Officials in Baku"))
    assert entry.msgstr == "Чиновники в Баку не назвали цифр."
    assert entry.flags == [] and entry.tcomment == "checked by the Moscow desk"
    assert po_for(out, "ru").metadata["Last-Translator"] == "Anna Petrova <anna@example.org>"


def test_changed_paragraph_keeps_old_translation_as_fuzzy_with_previous_msgid(
    tmp_path: Path, article: Path
) -> None:
    out = tmp_path / "loc"
    run(article, out)
    review(out, "hy", "Residents of Stepanakert", "Ստեփանակերտի բնակիչները մեկնում էին Գորիս։")
    review(out, "ru", "Residents of Stepanakert", "Машинный перевод.", fuzzy=True)

    article.write_text(
        ARTICLE.replace("were leaving for Goris", "were leaving for Goris and Yerevan"),
        encoding="utf-8",
    )
    report = run(article, out)
    assert {r.language: r.changed for r in report.languages} == {"hy": 1, "az": 0, "ru": 1}
    for lang, old in [
        ("hy", "Ստեփանակերտի բնակիչները մեկնում էին Գորիս։"),
        ("ru", "Машинный перевод."),
    ]:
        entry = next(e for e in po_for(out, lang) if e.msgid.startswith("Residents"))
        assert entry.msgid.endswith("for Goris and Yerevan.")
        assert entry.msgstr == old
        assert "fuzzy" in entry.flags
        # Kept for still-fuzzy machine output too (ru), unlike msgmerge.
        assert entry.previous_msgid == "Residents of Stepanakert were leaving for Goris."


def test_removed_paragraph_becomes_obsolete_and_comes_back(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "loc"
    run(article, out)
    review(out, "az", "Officials in Baku", "Bakıdakı rəsmilər rəqəm açıqlamayıb.")
    article.write_text(
        ARTICLE.replace("\nOfficials in Baku gave no figures.\n", ""), encoding="utf-8"
    )
    run(article, out)
    po = po_for(out, "az")
    obsolete = [e for e in po if e.obsolete]
    assert [e.msgstr for e in obsolete] == ["Bakıdakı rəsmilər rəqəm açıqlamayıb."]
    text = (out / "az" / "LC_MESSAGES" / "story.po").read_text(encoding="utf-8")
    assert '#~ msgid "Officials in Baku gave no figures."' in text

    article.write_text(ARTICLE, encoding="utf-8")  # the paragraph is restored
    run(article, out)
    entry = next(e for e in po_for(out, "az") if e.msgid.startswith("Officials"))
    assert not entry.obsolete and entry.msgstr == "Bakıdakı rəsmilər rəqəm açıqlamayıb."


def test_unchanged_rerun_leaves_files_byte_for_byte(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "loc"
    run(article, out)
    before = (out / "hy" / "LC_MESSAGES" / "story.po").read_bytes()
    report = run(article, out)
    assert not any(r.written for r in report.languages)
    assert (out / "hy" / "LC_MESSAGES" / "story.po").read_bytes() == before


def test_interrupted_write_leaves_the_old_catalogue(
    tmp_path: Path, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "loc"
    run(article, out)
    review(out, "ru", "Officials in Baku", "Чиновники в Баку не назвали цифр.")
    path = out / "ru" / "LC_MESSAGES" / "story.po"
    before = path.read_bytes()
    article.write_text(ARTICLE + "\nA new paragraph.\n", encoding="utf-8")

    def crash(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        run(article, out, languages=("ru",))
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["story.po"]  # no temp file left


def test_plural_forms_for_armenian_follow_cldr() -> None:
    assert plural_forms("hy") == "nplurals=2; plural=(n > 1);"
    assert plural_forms("ru").startswith("nplurals=3;")


def test_rerun_without_a_date_keeps_the_article_date(tmp_path: Path, article: Path) -> None:
    from datetime import date

    out = tmp_path / "loc"
    translate_article(
        article, RunSettings(["ru"], out=out, article_date=date(2023, 9, 19)), domain="story"
    )
    article.write_text(ARTICLE + "\nOne more paragraph.\n", encoding="utf-8")
    translate_article(article, RunSettings(["ru"], out=out), domain="story")
    assert po_for(out, "ru").metadata["X-Newsloc-Date"] == "2023-09-19"
