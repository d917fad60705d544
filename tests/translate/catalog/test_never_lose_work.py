"""Issue 12, "work that is lost": every way a reviewer's translation used to vanish."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from newsloc.base.errors import NewslocError
from newsloc.base.po.conventions import read_catalogue
from newsloc.base.po.writer import format_catalogue
from newsloc.glossary.loader import load_default_glossary
from newsloc.translate.catalog import glossary_qa
from newsloc.translate.catalog.compile import compile_catalogs
from newsloc.translate.pipeline import RunSettings, translate_article
from tests.support.fake_engine import fake_factory

GNU = shutil.which("msgfmt") and shutil.which("msgcat") and shutil.which("msgmerge")
needs_gnu = pytest.mark.skipif(not GNU, reason="GNU gettext (msgfmt, msgcat, msgmerge) missing")

ARTICLE = """\
YEREVAN (Newsloc) – Residents of Stepanakert were leaving for Goris on Tuesday.

Officials in Baku gave no figures, and the road through Lachin stayed open.

Aid convoys waited at the border.
"""


def translate(article: Path, out: Path, languages=("ru",), **kwargs):
    kwargs.setdefault("engine_factory", fake_factory())
    kwargs.setdefault("glossary", load_default_glossary())
    return translate_article(
        article, RunSettings(list(languages), out=out, **kwargs), domain="story"
    )


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def ru_po(out: Path) -> Path:
    return out / "ru" / "LC_MESSAGES" / "story.po"


def review(path: Path, edits: dict[str, str]) -> None:
    """A reviewer's save: these msgids get these translations, not fuzzy."""
    po = read_catalogue(path)
    for entry in po:
        for start, text in edits.items():
            if entry.msgid.startswith(start):
                entry.msgstr = text
                entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    path.write_text(format_catalogue(po), encoding="utf-8")


def reviewed(path: Path) -> dict[str, str]:
    return {
        e.msgid: e.msgstr
        for e in read_catalogue(path)
        if e.msgstr and not e.fuzzy and not e.obsolete
    }


def test_a_reviewer_saving_during_a_run_keeps_every_edit(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "loc"
    translate(article, out, engine_factory=None)
    article.write_text(ARTICLE + "\nA new paragraph arrived late.\n", encoding="utf-8")

    def reviewer_saves(_language: str) -> None:
        review(ru_po(out), {"Officials": "Чиновники в Баку не назвали цифр.", "Aid": "Колонны."})

    report = translate(article, out, engine_factory=fake_factory(reviewer_saves))

    assert reviewed(ru_po(out)) == {
        "Officials in Baku gave no figures, and the road through Lachin stayed open.": (
            "Чиновники в Баку не назвали цифр."
        ),
        "Aid convoys waited at the border.": "Колонны.",
    }
    po = read_catalogue(ru_po(out))
    late = po.find("A new paragraph arrived late.")
    assert late is not None and late.msgstr.startswith("[ru]") and late.fuzzy
    assert report.languages[0].written


def test_a_save_between_apply_reading_and_writing_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ru.po"
    path.write_text(
        'msgid ""\nmsgstr "Language: ru\\nContent-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Shelling in Stepanakert."\nmsgstr "Обстрел в Степанакерте."\n',
        encoding="utf-8",
    )
    glossary = load_default_glossary()
    real_plan = glossary_qa._plan_apply

    def reviewer_saves_meanwhile(catalogue, glossary, *options):
        planned = real_plan(catalogue, glossary, *options)
        path.write_text(path.read_text(encoding="utf-8") + "\n# saved\n", encoding="utf-8")
        return planned

    saved = path.read_bytes()
    glossary_qa._plan_apply = reviewer_saves_meanwhile
    try:
        with pytest.raises(NewslocError, match="changed on disk while newsloc was working"):
            glossary_qa.apply_to_catalogs([path], glossary)
    finally:
        glossary_qa._plan_apply = real_plan
    assert path.read_bytes() == saved + b"\n# saved\n"


PLURAL = """\
#: story.txt:9
msgid "one convoy"
msgid_plural "{n} convoys"
msgstr[0] "одна колонна"
msgstr[1] "{n} колонны"
msgstr[2] "{n} колонн"
"""


def test_reviewed_plural_entries_survive_a_run(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "loc"
    translate(article, out)
    path = ru_po(out)
    path.write_text(path.read_text(encoding="utf-8") + "\n" + PLURAL, encoding="utf-8")

    translate(article, out)

    kept = [e for e in read_catalogue(path) if e.msgid == "one convoy"]
    assert len(kept) == 1 and kept[0].obsolete  # no longer in the article: kept as #~
    assert kept[0].msgstr_plural == {0: "одна колонна", 1: "{n} колонны", 2: "{n} колонн"}


def test_an_edited_then_deleted_reviewed_paragraph_reads_back(
    tmp_path: Path, article: Path
) -> None:
    out = tmp_path / "loc"
    translate(article, out)
    review(ru_po(out), {"Officials": "Чиновники не назвали цифр."})
    article.write_text(ARTICLE.replace("gave no figures", "gave no numbers"), encoding="utf-8")
    translate(article, out)  # the entry is fuzzy with #| msgid
    article.write_text(ARTICLE.split("\n\nOfficials")[0] + "\n", encoding="utf-8")
    translate(article, out)  # now obsolete, keeping its previous msgid: #~| msgid

    assert "#~| msgid" in ru_po(out).read_text(encoding="utf-8")
    translate(article, out)  # the next run reads it back
    gone = [e for e in read_catalogue(ru_po(out)) if e.msgstr == "Чиновники не назвали цифр."]
    assert len(gone) == 1 and gone[0].obsolete
    assert gone[0].previous_msgid.startswith("Officials in Baku gave no figures")


@pytest.mark.parametrize(
    "separator", ["\u2028", "\u2029", "\f", "\v", "\x1c", "\x1d", "\x1e", "\x85"]
)
def test_articles_with_separators_give_catalogues_that_read_back(
    tmp_path: Path, separator: str
) -> None:
    article = tmp_path / "story.txt"
    article.write_text(f"Shelling{separator}in Stepanakert.\n\nBaku said{separator}no.\n")
    out = tmp_path / "loc"
    translate(article, out)
    translate(article, out)  # used to fail: "unterminated string"
    po = read_catalogue(ru_po(out))
    assert f"Shelling{separator}in Stepanakert." in [e.msgid for e in po]
    if GNU:
        check = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(ru_po(out))])
        assert check.returncode == 0


def test_a_bom_and_comments_without_a_space_are_read(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_bytes(
        b"\xef\xbb\xbf"
        + 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#reviewer note\n#.extracted\nmsgid "a"\nmsgstr "б"\n'.encode()
    )
    entry = read_catalogue(path)[0]
    assert (entry.tcomment, entry.comment, entry.msgstr) == ("reviewer note", "extracted", "б")


def test_a_symlinked_catalogue_is_written_through(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "loc"
    translate(article, out, engine_factory=None)
    shared = out / "shared-ru.po"
    ru_po(out).rename(shared)
    ru_po(out).symlink_to(shared)
    article.write_text(ARTICLE + "\nAnother paragraph.\n", encoding="utf-8")

    translate(article, out)

    assert ru_po(out).is_symlink()
    assert "Another paragraph." in shared.read_text(encoding="utf-8")


def test_a_catalogue_linked_out_of_the_folder_is_not_written(tmp_path: Path, article: Path) -> None:
    # Issue 20 item 7: nothing lands outside the folder the user named (--out).
    out = tmp_path / "loc"
    translate(article, out, engine_factory=None)
    shared = tmp_path / "shared-ru.po"
    ru_po(out).rename(shared)
    ru_po(out).symlink_to(shared)
    before = shared.read_bytes()
    article.write_text(ARTICLE + "\nAnother paragraph.\n", encoding="utf-8")

    with pytest.raises(NewslocError, match="leads outside"):
        translate(article, out)

    assert shared.read_bytes() == before


def test_temporary_files_left_by_a_kill_are_cleaned_up(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "loc"
    translate(article, out)
    stale = ru_po(out).parent / ".story.po.k1ll3dxy.tmp"
    stale.write_text("half a catalogue")
    article.write_text(ARTICLE + "\nMore.\n", encoding="utf-8")
    translate(article, out)
    assert not stale.exists()
    assert sorted(p.name for p in ru_po(out).parent.iterdir()) == ["story.mt.json", "story.po"]


def test_a_full_disk_writes_nothing_at_all(tmp_path: Path, article: Path, monkeypatch) -> None:
    out = tmp_path / "loc"
    translate(article, out, languages=("hy", "az", "ru"))
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    article.write_text(ARTICLE + "\nMore news.\n", encoding="utf-8")
    real_write, calls = os.write, []

    def third_write_fails(fd, data):
        calls.append(fd)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", third_write_fails)
    with pytest.raises(NewslocError, match="No space left on device; nothing was written"):
        translate(article, out, languages=("hy", "az", "ru"))
    monkeypatch.undo()
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_apply_on_two_files_writes_neither_when_the_second_is_bad(tmp_path: Path) -> None:
    good = tmp_path / "a.po"
    good.write_text(
        'msgid ""\nmsgstr "Language: ru\\nContent-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Shelling in Stepanakert."\nmsgstr "Обстрел в Степанакерте."\n',
        encoding="utf-8",
    )
    bad = tmp_path / "b.po"
    bad.write_text('msgid "x"\nmsgstr "unterminated\n', encoding="utf-8")
    saved = good.read_bytes()
    with pytest.raises(NewslocError, match=r"b\.po:2: .*unterminated string"):
        glossary_qa.apply_to_catalogs([good, bad], load_default_glossary())
    assert good.read_bytes() == saved


@pytest.mark.parametrize(
    ("charset", "message"),
    [("ISO-8859-1", "not UTF-8; newsloc reads UTF-8"), ("NOPE-42", "unknown charset 'NOPE-42'")],
)
def test_compile_refuses_a_charset_before_writing_any_mo(
    tmp_path: Path, charset: str, message: str
) -> None:
    locales = tmp_path / "loc"
    for language in ("az", "ru"):
        folder = locales / language / "LC_MESSAGES"
        folder.mkdir(parents=True)
        used = charset if language == "ru" else "UTF-8"
        (folder / "story.po").write_text(
            f'msgid ""\nmsgstr "Content-Type: text/plain; charset={used}\\n"\n\n'
            'msgid "a"\nmsgstr "б"\n',
            encoding="utf-8",
        )
    with pytest.raises(NewslocError, match=message):
        compile_catalogs(locales)
    assert not list(locales.rglob("*.mo"))


@pytest.mark.parametrize("nul", ['"a\\0b"', '"a\\x00"', '"a\x00b"'])
def test_nul_bytes_never_reach_a_mo(tmp_path: Path, nul: str) -> None:
    folder = tmp_path / "loc" / "ru" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "story.po").write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'msgid "a"\nmsgstr {nul}\n'
    )
    with pytest.raises(NewslocError, match=r"story\.po:5: .*NUL"):
        compile_catalogs(tmp_path / "loc")
    assert not list(tmp_path.rglob("*.mo"))


def _work(path: Path) -> dict[str, tuple[str, list[str], str]]:
    """What people did in a catalogue: translation, flags and translator comment per entry."""
    return {
        e.msgid: (e.msgstr, sorted(e.flags), e.tcomment)
        for e in read_catalogue(path)
        if not e.obsolete
    }


def _tags(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    return {language for language in ("hy", "az", "ru") if f"#. [{language}] " in text}


@needs_gnu
def test_each_catalogue_shows_its_own_notes_and_msgmerge_loses_nothing(
    tmp_path: Path, article: Path
) -> None:
    out = tmp_path / "loc"
    pot = out / "story.pot"
    translate(article, out, languages=("hy", "az", "ru"))
    assert _tags(pot) == {"hy", "az", "ru"}  # the template stays complete
    for language in ("hy", "az", "ru"):
        po = out / language / "LC_MESSAGES" / "story.po"
        assert _tags(po) == {language}  # a reviewer sees their language's notes only
        assert f"#. [{language}] glossary: stepanakert: Stepanakert → " in po.read_text()

    # A reviewer approves a paragraph and notes something, then updates from the .pot
    # the way Poedit does (msgmerge), and with pybabel update.
    review(ru_po(out), {"Officials": "Официальные лица в Баку не назвали цифр."})
    po = read_catalogue(ru_po(out))
    next(e for e in po if e.msgid.startswith("Officials")).tcomment = "checked: Anna"
    ru_po(out).write_text(format_catalogue(po), encoding="utf-8")
    work = _work(ru_po(out))
    subprocess.run(
        ["msgmerge", "--quiet", "--update", "--backup=off", str(ru_po(out)), str(pot)],
        check=True,
    )
    assert _work(ru_po(out)) == work
    assert _tags(ru_po(out)) == {"hy", "az", "ru"}  # msgmerge copies the .pot's notes
    from babel.messages.frontend import CommandLineInterface

    CommandLineInterface().run(
        ["pybabel", "-q", "update", "-i", str(pot), "-o", str(ru_po(out)), "-l", "ru"]
    )
    assert {k: v[0] for k, v in _work(ru_po(out)).items()} == {k: v[0] for k, v in work.items()}
    assert "checked: Anna" in ru_po(out).read_text(encoding="utf-8")

    # The next run filters the notes again and keeps everything the reviewer did.
    translate(article, out, languages=("ru",))
    assert _tags(ru_po(out)) == {"ru"}
    assert reviewed(ru_po(out))[
        "Officials in Baku gave no figures, and the road through Lachin stayed open."
    ] == ("Официальные лица в Баку не назвали цифр.")
    assert "checked: Anna" in ru_po(out).read_text(encoding="utf-8")
    assert _tags(pot) == {"hy", "az", "ru"}  # a run for ru alone keeps hy's and az's notes


@needs_gnu
def test_a_round_trip_through_msgcat_changes_nothing(tmp_path: Path, article: Path) -> None:
    long_names = " ".join(["Ստեփանակերտ", "Степанакерт", "Xankəndi", "日本語"] * 12)
    article.write_text(ARTICLE + f"\n{long_names} — “quoted”, 10% (Reuters) well-known.\n")
    out = tmp_path / "loc"
    translate(article, out, languages=("hy", "az", "ru"))
    for path in [out / "story.pot", *out.rglob("*.po")]:
        cat = subprocess.run(["msgcat", str(path)], capture_output=True, text=True, check=True)
        assert cat.stdout == path.read_text(encoding="utf-8"), path


@needs_gnu
def test_a_po_another_tool_reformatted_keeps_the_pot_creation_date(
    tmp_path: Path, article: Path
) -> None:
    out = tmp_path / "loc"
    translate(article, out)
    subprocess.run(["msgcat", "--width=50", "-o", str(ru_po(out)), str(ru_po(out))], check=True)

    translate(article, out)

    pot = read_catalogue(out / "story.pot").metadata["POT-Creation-Date"]
    assert read_catalogue(ru_po(out)).metadata["POT-Creation-Date"] == pot


def test_article_names_with_spaces_are_isolated_like_gnu_gettext(tmp_path: Path) -> None:
    article = tmp_path / "my story.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "loc"
    translate_article(article, RunSettings(["ru"], out=out), domain="story")
    text = ru_po(out).read_text(encoding="utf-8")
    assert "\u2068" in text and "my story.txt\u2069:1" in text
    entry = read_catalogue(ru_po(out))[0]
    assert entry.occurrences[0][0].endswith("my story.txt")
    assert entry.occurrences[0][1] == "1"


def test_polib_reads_the_catalogues_too(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "loc"
    translate(article, out, languages=("hy",))
    po = polib.pofile(str(out / "hy" / "LC_MESSAGES" / "story.po"))
    assert len(po) == 3
