"""Issue 20: an edition never publishes text older than the article, and never claims a
write that did not happen.

Items 1 (editions built from a catalogue older than the template) and 5 (`--all` on a full
disk, or with one output name a folder).
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsloc.base.po.conventions import read_catalogue
from newsloc.base.po.writer import format_catalogue
from newsloc.translate.cli import app
from newsloc.translate.pipeline import RunSettings
from newsloc.translate.pipeline import translate_article as run_article
from tests.conftest import REPO


def translate_article(article, languages, *, out, domain=None, **settings):
    """`translate_article` with its settings as keywords, as these tests were written."""
    return run_article(article, RunSettings(list(languages), out=out, **settings), domain=domain)


runner = CliRunner()
NAMES = ["hy", "az", "ru", "en", "index"]


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    root = tmp_path / "locales"
    shutil.copytree(REPO / "locales", root)
    return root


def build_all(sample: Path, out: Path, *extra: object):
    return run("edition", "build", "--all", "--locales", sample, "--out", out, *extra)


# ---------------------------------------------------------------- item 5: what was written


def test_all_with_one_output_name_a_folder_writes_nothing_and_says_so(
    sample: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    (out / "sample-article.ru.md").mkdir(parents=True)
    result = build_all(sample, out)
    assert result.exit_code == 2, result.output
    assert "sample-article.ru.md" in result.stderr
    assert "no edition written" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["sample-article.ru.md"]


def test_all_on_a_disk_that_fills_up_writes_nothing_and_says_so(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    real_write = os.write
    calls = []

    def fills_up(fd: int, data: object) -> int:
        calls.append(fd)
        if len(calls) > 2:  # room for two editions, not for the rest
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "write", fills_up)
    result = build_all(sample, out)
    monkeypatch.undo()
    assert result.exit_code == 2, result.output
    assert "No space left on device" in result.stderr
    assert "nothing was written" in result.stderr
    assert [p for p in out.rglob("*")] == []


def test_all_with_a_rename_failing_half_way_names_what_was_written(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    real_replace = os.replace
    done: list[str] = []

    def fails_third(source: str, target: str) -> None:
        if len(done) == 2:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_replace(source, target)
        done.append(Path(target).name)

    monkeypatch.setattr(os, "replace", fails_third)
    result = build_all(sample, out)
    monkeypatch.undo()
    assert result.exit_code == 2, result.output
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(done)
    line = result.stderr.strip()
    for name in written:
        assert name in line.split("already written:")[1]
    assert "nothing was written" not in line


# ---------------------------------------------------------------- item 1: stale catalogues

FIRST = """\
The ministry confirmed the road is open.

Convoys crossed on Tuesday.

Officials gave no figures.
"""
#: A correction (paragraph 1 says the opposite now) and a paragraph added (line 5).
SECOND = """\
The ministry denied that the road is open.

Convoys crossed on Tuesday.

A late update: the crossing closed at noon.

Officials gave no figures.
"""


def review_all(path: Path, language: str) -> None:
    """A reviewer translates and approves every live entry."""
    po = read_catalogue(path)
    for entry in po:
        if not entry.obsolete:
            entry.msgstr = f"[{language}] {entry.msgid}"
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    path.write_text(format_catalogue(po), encoding="utf-8")


def po_path(locales: Path, language: str) -> Path:
    return locales / language / "LC_MESSAGES" / "story.po"


@pytest.fixture
def stale(tmp_path: Path) -> Path:
    """hy and ru reviewed; the article corrected and extended; only ru translated again and
    reviewed: hy is older than the article."""
    article = tmp_path / "story.txt"
    locales = tmp_path / "locales"
    article.write_text(FIRST, encoding="utf-8")
    translate_article(article, ["hy", "ru"], out=locales, domain="story")
    for language in ("hy", "ru"):
        review_all(po_path(locales, language), language)
    article.write_text(SECOND, encoding="utf-8")
    translate_article(article, ["ru"], out=locales, domain="story")
    review_all(po_path(locales, "ru"), "ru")
    return locales


def build(locales: Path, out: Path, *args: object):
    return run("edition", "build", "--locales", locales, "--out", out, "--format", "txt", *args)


def test_an_edition_from_a_catalogue_older_than_the_article_is_refused(
    stale: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    result = build(stale, out, "--lang", "hy")
    assert result.exit_code == 1, result.output
    assert not out.exists()
    # The table names the paragraphs the catalogue lacks: the correction and the new one.
    assert "paragraphs of the article the catalogue lacks" in result.stdout
    assert "The ministry denied" in result.stdout
    assert "A late update" in result.stdout
    assert "Convoys" not in result.stdout
    (line,) = result.stderr.strip().splitlines()
    assert str(po_path(stale, "hy")) in line
    assert "2 paragraphs of the article" in line and "--allow-outdated" in line


def test_allow_outdated_prints_the_article_with_the_lacking_paragraphs_in_english(
    stale: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    result = build(stale, out, "--lang", "hy", "--allow-outdated", "--min-reviewed", "50")
    assert result.exit_code == 0, result.output
    text = (out / "story.hy.txt").read_text(encoding="utf-8")
    assert "The ministry confirmed" not in text  # the retracted paragraph is gone
    assert "The ministry denied that the road is open." in text  # in English, marked
    assert "A late update" in text
    assert "[hy] Convoys crossed on Tuesday." in text
    assert text.index("denied") < text.index("Convoys") < text.index("late update")
    assert text.index("late update") < text.index("Officials")
    assert "line 1: not in the catalogue" in result.stderr
    assert "line 5: not in the catalogue" in result.stderr
    assert "no longer in the article" in result.stderr  # the retracted translation


def test_the_up_to_date_catalogue_still_builds(stale: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = build(stale, out, "--lang", "ru")
    assert result.exit_code == 0, result.output
    text = (out / "story.ru.txt").read_text(encoding="utf-8")
    assert "[ru] The ministry denied" in text and "[ru] A late update" in text


def test_all_refuses_when_one_catalogue_is_older_than_the_article(
    stale: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    result = build(stale, out, "--all")
    assert result.exit_code == 1, result.output
    assert not out.exists()
    assert "refused: hy; no edition written" in result.stderr
    result = build(stale, out, "--all", "--allow-outdated", "--min-reviewed", "50")
    assert result.exit_code == 0, result.output
    original = (out / "story.en.txt").read_text(encoding="utf-8")
    hy = (out / "story.hy.txt").read_text(encoding="utf-8")
    assert "denied" in original and "denied" in hy and "confirmed" not in hy


def test_an_entry_deleted_from_a_catalogue_is_not_silently_dropped(
    stale: Path, tmp_path: Path
) -> None:
    path = po_path(stale, "ru")
    po = read_catalogue(path)
    po.remove(next(e for e in po if e.msgid.startswith("Convoys")))
    path.write_text(format_catalogue(po), encoding="utf-8")
    result = build(stale, tmp_path / "site", "--lang", "ru")
    assert result.exit_code == 1, result.output
    assert "Convoys crossed" in result.stdout
    assert "1 paragraph of the article" in result.stderr


def test_stats_count_the_paragraphs_a_catalogue_lacks(stale: Path) -> None:
    path = po_path(stale, "ru")
    po = read_catalogue(path)
    po.remove(next(e for e in po if e.msgid.startswith("Convoys")))
    path.write_text(format_catalogue(po), encoding="utf-8")
    result = run("catalog", "stats", "--locales", stale, "--json")
    assert result.exit_code == 0, result.output
    rows = {row["language"]: row for row in json.loads(result.stdout)}
    assert (rows["hy"]["entries"], rows["hy"]["reviewed"], rows["hy"]["outdated"]) == (4, 2, 2)
    assert rows["hy"]["percent_reviewed"] == 50.0
    assert (rows["ru"]["entries"], rows["ru"]["reviewed"], rows["ru"]["outdated"]) == (4, 3, 1)
    assert rows["ru"]["percent_reviewed"] == 75.0
    table = run("catalog", "stats", "--locales", stale).stdout
    assert table.splitlines()[2].count("┃") == 9  # an "outdated" column among 8
