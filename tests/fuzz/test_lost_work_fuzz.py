"""Issue 20's classes of input that used to lose or falsify text: every one must keep what a
person wrote, or refuse in one line (the deep mode, NEWSLOC_FUZZ_DEEP=1, runs many more)."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import polib
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsloc.base.po.conventions import read_catalogue
from newsloc.base.po.writer import format_catalogue
from newsloc.translate.engines.interface import Translation
from newsloc.translate.engines.libretranslate import parse_answer
from newsloc.translate.errors import UserError
from newsloc.translate.pipeline import RunSettings
from newsloc.translate.pipeline import translate_article as run_article
from tests.conftest import REPO
from tests.fuzz.support import assert_refused, newsloc, texts


def translate_article(article, languages, *, out, domain=None, **settings):
    """`translate_article` with its settings as keywords, as these tests were written."""
    return run_article(article, RunSettings(list(languages), out=out, **settings), domain=domain)


@given(
    st.lists(
        st.tuples(texts(max_words=6, separators=False), st.booleans(), st.booleans()),
        min_size=1,
        max_size=8,
    )
)
def test_live_entries_with_obsolete_twins_stay_live(tmp_path_factory, rows) -> None:
    """A live entry and an obsolete one with the same msgid: translate keeps the live one live."""
    root = tmp_path_factory.mktemp("twins")
    po = polib.POFile()
    po.metadata = {"Language": "ru", "Content-Type": "text/plain; charset=UTF-8"}
    paragraphs, twins = [], []
    for index, (text, reviewed, twin) in enumerate(rows):
        msgid = f"{index} " + " ".join(text.split())
        paragraphs.append(msgid)
        po.append(
            polib.POEntry(
                msgid=msgid,
                msgstr=f"live {index}",
                flags=[] if reviewed else ["fuzzy"],
                occurrences=[("story.txt", str(2 * index + 1))],
            )
        )
        if twin:
            twins.append(polib.POEntry(msgid=msgid, msgstr=f"old {index}", obsolete=True))
    po.extend(twins)
    path = root / "loc" / "ru" / "LC_MESSAGES" / "story.po"
    path.parent.mkdir(parents=True)
    path.write_text(format_catalogue(po), encoding="utf-8")
    (root / "story.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")

    translate_article(root / "story.txt", ["ru"], out=root / "loc", domain="story")

    after = read_catalogue(path)
    live = {e.msgid: e.msgstr for e in after if not e.obsolete}
    assert live == {msgid: f"live {i}" for i, msgid in enumerate(paragraphs)}
    assert {e.msgstr for e in after if e.obsolete} == {t.msgstr for t in twins}


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=6,
)


@given(st.lists(JSON, min_size=1, max_size=6))
def test_libretranslate_answers_are_text_or_refused(answers) -> None:
    """Whatever a server puts in `translatedText`, newsloc takes only text (no NUL), else it
    refuses the answer in one line naming the server (and fails over)."""
    body = {"translatedText": answers}
    texts_only = all(isinstance(a, str) and "\x00" not in a for a in answers)
    try:
        got = parse_answer("http://mt1:5000", body, len(answers))
    except UserError as exc:
        assert not texts_only
        assert str(exc).startswith("http://mt1:5000: ")
        assert "\n" not in str(exc)
    else:
        assert texts_only
        assert got == answers


@given(st.integers(0, 6), st.integers(0, 6), st.booleans())
def test_edition_sets_say_exactly_what_was_written(tmp_path_factory, writes, renames, html):
    """`edition build --all` on a disk that fills after some writes, or whose renames fail
    after some: exit 0 with every file, or exit 2 with exactly the files the message names
    as written (none: "nothing was written")."""
    root = tmp_path_factory.mktemp("set")
    shutil.copytree(REPO / "locales", root / "locales")
    out = root / "site"
    real_write, real_replace = os.write, os.replace
    counts = {"write": 0, "replace": 0}

    def write(fd, data):
        counts["write"] += 1
        if counts["write"] > writes:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    def replace(source, target):
        counts["replace"] += 1
        if counts["replace"] > renames:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_replace(source, target)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "write", write)
        patch.setattr(os, "replace", replace)
        result = newsloc(
            "edition", "build", "--all", "--locales", root / "locales", "--out", out,
            "--format", "html" if html else "md",
        )  # fmt: skip
    written = sorted(p.name for p in out.glob("*")) if out.exists() else []
    if result.exit_code == 0:
        assert len(written) == 5
        return
    assert result.exit_code == 2, result.output
    line = result.stderr.strip()
    assert "\n" not in line and "Traceback" not in result.output
    if "already written: " in line:
        named = sorted(Path(p).name for p in line.split("already written: ")[1].split(", "))
        assert named == written
    else:
        assert "nothing was written" in line
        assert written == []


def _review(path: Path, language: str, drop: set[int]) -> None:
    """A reviewer approves every live entry as `<lang>: msgid`; entries in `drop` (by
    position) are deleted from the file by hand."""
    po = read_catalogue(path)
    for index, entry in enumerate([e for e in po if not e.obsolete]):
        if index in drop:
            po.remove(entry)
            continue
        entry.msgstr = f"{language}: {entry.msgid}"
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    path.write_text(format_catalogue(po), encoding="utf-8")


@given(
    st.lists(
        st.tuples(
            st.lists(st.integers(0, 9), min_size=1, max_size=6),  # the article: paragraph ids
            st.sets(st.sampled_from(["hy", "ru"]), min_size=1),  # languages translated
            st.sets(st.integers(0, 5), max_size=2),  # entries a reviewer deletes by hand
        ),
        min_size=1,
        max_size=4,
    )
)
def test_editions_print_the_current_article_or_refuse(tmp_path_factory, versions) -> None:
    """Articles corrected between runs, some languages left behind, entries deleted: an
    edition prints exactly the current article's paragraphs, each its own translation or
    the marked English, never a paragraph the article no longer has; without
    --allow-outdated it refuses exactly when the catalogue lacks one."""
    root = tmp_path_factory.mktemp("stale")
    article, locales = root / "story.txt", root / "locales"
    translated: set[str] = set()
    for ids, languages, drop in versions:
        paragraphs = list(dict.fromkeys(f"Paragraph {i} says {i * 7}." for i in ids))
        article.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        try:
            translate_article(article, sorted(languages), out=locales, domain="story")
        except UserError as refused:
            # Entries deleted by hand from a catalogue of this very template look like a
            # half-read file: refused, and the way out the message names works.
            assert "lacks" in str(refused) and "delete" in str(refused)
            (locales / "story.pot").unlink()
            translate_article(article, sorted(languages), out=locales, domain="story")
        for language in sorted(languages):
            _review(locales / language / "LC_MESSAGES" / "story.po", language, drop)
        translated |= languages
    for language in sorted(translated):
        po = read_catalogue(locales / language / "LC_MESSAGES" / "story.po")
        have = {e.msgid for e in po if not e.obsolete}
        lacking = [p for p in paragraphs if p not in have]
        common = ("--lang", language, "--locales", locales, "--format", "txt")
        options = ("--min-reviewed", "0", "--no-typography", "--allow-unreviewed-names")
        strict = newsloc("edition", "build", *common, *options, "--out", root / "strict")
        assert strict.exit_code == (1 if lacking else 0), strict.output
        result = newsloc(
            "edition", "build", *common, *options, "--allow-outdated", "--out", root / "ed"
        )
        assert result.exit_code == 0, result.output
        text = (root / "ed" / f"story.{language}.txt").read_text(encoding="utf-8")
        printed = text.strip().split("\n\n")[1:]
        assert len(printed) == len(paragraphs), (printed, paragraphs)
        for shown, paragraph in zip(printed, paragraphs, strict=True):
            if paragraph in lacking:
                assert shown.endswith("] " + paragraph), (shown, paragraph)
            else:
                assert shown == f"{language}: {paragraph}", (shown, paragraph)


@given(st.integers(2, 16), st.booleans(), st.integers(0, 10**6))
def test_a_catalogue_cut_short_is_never_written_back(tmp_path_factory, count, between, at) -> None:
    """A reviewed catalogue caught half-saved: cut after any of its entries, or at any byte.
    `translate` and `glossary apply` either refuse it (exit 2, one line naming it, the file
    left as it is) or, when the cut left every entry, keep every reviewed translation."""
    root = tmp_path_factory.mktemp("cut")
    article = root / "story.txt"
    paragraphs = [f"Paragraph {i}: shelling in Stepanakert." for i in range(count)]
    article.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    translate_article(article, ["ru"], out=root / "loc", domain="story")
    path = root / "loc" / "ru" / "LC_MESSAGES" / "story.po"
    po = read_catalogue(path)
    for index, entry in enumerate(po):
        entry.msgstr = f"Обстрел в Степанакерте {index}."
    whole = format_catalogue(po).encode("utf-8")
    boundaries = [i + 2 for i in range(len(whole)) if whole.startswith(b"\n\n", i)]
    cut = boundaries[at % len(boundaries)] if between else 1 + at % (len(whole) - 1)
    path.write_bytes(whole[:cut])
    for command in (
        ["translate", article, "--to", "ru", "--engine", "none", "--out", root / "loc"],
        ["glossary", "apply", path],
    ):
        result = newsloc(*command)
        if result.exit_code == 0:
            kept = {e.msgstr for e in read_catalogue(path)}
            assert kept >= {e.msgstr for e in po}, command
            continue
        assert_refused(result, "story.po")
        assert path.read_bytes() == whole[:cut], command


CONTROLS = [chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)]]
ODD = st.sampled_from([*CONTROLS, "\u2028", "\u2029", "\u2068", " ", "é", "Ա", "#", ":"])


@given(st.lists(ODD, min_size=1, max_size=3), st.lists(ODD, max_size=3))
def test_what_translate_writes_reads_back(tmp_path_factory, in_name, in_translation) -> None:
    """Any character in the article's path and in a machine translation: `translate`
    refuses in one line and writes nothing, or writes catalogues that read back (strictly)
    with the same path and the same translation."""
    root = tmp_path_factory.mktemp("odd")
    name = "s" + "".join(in_name) + ".txt"
    odd = "".join(in_translation)
    try:
        article = root / name
        article.write_text("Residents left.\n", encoding="utf-8")
    except (OSError, ValueError):
        return  # a name the file system refuses (NUL): nothing for newsloc to do

    class Engine:
        def describe(self) -> str:
            return "odd"

        def translate(self, sentences):
            return [Translation(f"x{odd}y") for _ in sentences]

    try:
        translate_article(
            article, ["ru"], out=root / "loc", domain="story", engine_factory=lambda _: Engine()
        )
    except UserError as refused:
        assert "\n" not in str(refused) and "\r" not in str(refused)
        assert not (root / "loc").exists()
        return
    for path in (root / "loc" / "story.pot", root / "loc" / "ru" / "LC_MESSAGES" / "story.po"):
        po = read_catalogue(path)
        assert po.metadata["X-Newsloc-Source"].endswith(name)
        assert [e.occurrences for e in po] == [[(po.metadata["X-Newsloc-Source"], "1")]]
    assert [e.msgstr for e in po] == [f"x{odd}y"]


@given(ODD)
def test_glossary_names_hold_no_control_character(tmp_path_factory, char) -> None:
    """A name with a control character is refused by validation, naming file and concept;
    any other character validates."""
    root = tmp_path_factory.mktemp("names")
    glossary = root / "g.toml"
    text = (REPO / "glossary" / "data" / "south-caucasus.toml").read_text(encoding="utf-8")
    glossary.write_text(
        text.replace('ru.Khankendi = "Ханкенди"', f'ru.Khankendi = "Хан\\u{ord(char):04x}кенди"'),
        encoding="utf-8",
    )
    result = newsloc("glossary", "validate", glossary)
    if char in CONTROLS:
        assert_refused(result, f"{glossary}:")
        assert "stepanakert" in result.stderr
        # Whitespace controls (tab, line feed, NEL…) have their own message.
        assert "control character" in result.stderr or "line break" in result.stderr
    else:  # a space or a line separator may break the spacing rules, nothing else
        assert result.exit_code == 0 or char in " \u2028\u2029", result.output
        assert "control character" not in result.output
