"""Writes land inside the folder the user named, whatever links and names the folder holds.

Issue 20, items 7 to 9: a symbolic link planted in a cloned repository (`story.mo`,
`story.pot`, `loc/az`, an edition file) must not aim a write outside the folder the user
named; output names are never glob patterns when temporary files are cleaned up; new files
get the permissions the umask allows.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsloc.base.files import atomic_write_text
from tests.fuzz.conftest import DEEP
from tests.fuzz.support import assert_refused, newsloc, tree

ARTICLE = "Shelling in Stepanakert.\n\nBaku said nothing.\n"


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture()
def outside(tmp_path: Path) -> Path:
    """A file outside every folder the commands are given (think ~/.bashrc)."""
    path = tmp_path / "home" / ".bashrc"
    path.parent.mkdir()
    path.write_text("export PATH=/usr/bin\n")
    return path


def translate(article: Path, out: Path, *extra: str):
    return newsloc(
        "translate",
        article,
        "--to",
        "ru",
        "--engine",
        "none",
        "--no-glossary",
        "--out",
        out,
        *extra,
    )


def edition(locales: Path, out: Path, *extra: str):
    return newsloc(
        "edition",
        "build",
        "--locales",
        locales,
        "--out",
        out,
        "--allow-fuzzy",
        "--allow-unreviewed-names",
        "--min-reviewed",
        "0",
        *extra,
    )


def test_compile_does_not_write_through_a_link_out_of_the_locales(
    tmp_path: Path, article: Path, outside: Path
) -> None:
    locales = tmp_path / "loc"
    translate(article, locales)
    (locales / "ru" / "LC_MESSAGES" / "story.mo").symlink_to(outside)
    result = newsloc("catalog", "compile", "--locales", locales)
    assert_refused(result, "story.mo")
    assert "outside" in result.stderr
    assert outside.read_text() == "export PATH=/usr/bin\n"


def test_a_dangling_template_link_creates_nothing_outside(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "loc"
    out.mkdir()
    far = tmp_path / "far"
    (out / "story.pot").symlink_to(far / "deep" / "er" / "story.pot")
    assert_refused(translate(article, out), "story.pot")
    assert not far.exists()


def test_a_language_folder_linked_elsewhere_is_refused(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "loc"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out.mkdir()
    (out / "ru").symlink_to(elsewhere)
    before = tree(tmp_path)
    assert_refused(translate(article, out), "ru")
    assert tree(tmp_path) == before
    assert not list(elsewhere.iterdir())


def test_a_link_inside_the_folder_is_written_through(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "loc"
    translate(article, out)
    ru = out / "ru" / "LC_MESSAGES" / "story.po"
    shared = out / "shared-ru.po"
    ru.rename(shared)
    ru.symlink_to(shared)
    article.write_text(ARTICLE + "\nAnother paragraph.\n", encoding="utf-8")
    assert translate(article, out).exit_code == 0
    assert ru.is_symlink() and "Another paragraph." in shared.read_text(encoding="utf-8")


@pytest.mark.parametrize("all_languages", [False, True], ids=["--lang", "--all"])
def test_edition_outputs_stay_in_the_out_folder(
    tmp_path: Path, article: Path, outside: Path, all_languages: bool
) -> None:
    locales = tmp_path / "loc"
    translate(article, locales)
    out = tmp_path / "ed"
    out.mkdir()
    (out / "story.ru.md").symlink_to(outside)
    result = edition(locales, out, *(["--all"] if all_languages else ["--lang", "ru"]))
    assert_refused(result, "story.ru.md")
    assert outside.read_text() == "export PATH=/usr/bin\n"


def test_the_catalogue_a_user_names_is_still_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "sub" / "link.txt"
    link.parent.mkdir()
    link.symlink_to(real)
    atomic_write_text(link, "new")  # no folder named: the user named this very file
    assert real.read_text() == "new" and link.is_symlink()


# Item 8: names that are glob patterns. `*` once deleted a user's `.notes.keep.tmp`;
# `**` raised a traceback after creating empty folders.
NAMES = ["*", "**", "[ab]", "?", "a*b", "**x", ".*", "[!x]"]


@pytest.mark.parametrize("name", NAMES)
def test_glob_characters_in_an_out_name_touch_only_its_own_files(tmp_path: Path, name: str) -> None:
    keep = tmp_path / ".notes.keep.tmp"
    keep.write_text("mine")
    other = tmp_path / ".story.po.abcdefgh.tmp"  # looks like newsloc's, but not this file's
    other.write_text("also mine")
    atomic_write_text(tmp_path / name, "x")
    assert (tmp_path / name).read_text() == "x"
    assert keep.read_text() == "mine" and other.read_text() == "also mine"


@pytest.mark.parametrize("name", ["**", "*", "a**b", "[x]"])
@pytest.mark.parametrize("where", ["--domain", "article stem", "--out"])
def test_glob_characters_in_names_translate(
    tmp_path: Path, article: Path, name: str, where: str
) -> None:
    keep = tmp_path / "loc" / ".notes.keep.tmp"
    keep.parent.mkdir()
    keep.write_text("mine")
    if where == "--domain":
        result = translate(article, tmp_path / "loc", "--domain", name)
    elif where == "article stem":
        named = tmp_path / f"{name}.txt"
        named.write_text(ARTICLE, encoding="utf-8")
        result = translate(named, tmp_path / "loc")
    else:
        result = translate(article, tmp_path / "loc" / name)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert keep.read_text() == "mine"


@settings(max_examples=200 if DEEP else 20)
@given(st.text(alphabet="*?[]!.-_ab", min_size=1, max_size=8))
def test_any_pattern_like_name_is_written_and_nothing_else_goes(name: str) -> None:
    import tempfile

    if name in (".", "..") or "/" in name:
        return
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        bystanders = [root / ".notes.keep.tmp", root / f".{name}x.abcdefgh.tmp", root / "x.tmp"]
        for path in bystanders:
            path.write_text("mine")
        atomic_write_text(root / name, "x")
        assert all(path.read_text() == "mine" for path in bystanders)
        assert (root / name).read_text() == "x"


def test_a_killed_runs_temporary_file_of_that_name_is_still_cleaned(tmp_path: Path) -> None:
    stale = tmp_path / ".**.pot.k1ll3dxy.tmp"
    stale.write_text("half")
    atomic_write_text(tmp_path / "**.pot", "x")
    assert not stale.exists()


# Item 9: new files respect the umask.
@pytest.mark.parametrize("umask", [0o077, 0o022, 0o002])
def test_new_files_respect_the_umask(tmp_path: Path, article: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        assert translate(article, tmp_path / "loc").exit_code == 0
    finally:
        os.umask(old)
    for path in (tmp_path / "loc").rglob("*.po*"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask, path


def test_an_existing_files_permissions_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("old")
    path.chmod(0o640)
    old = os.umask(0o077)
    try:
        atomic_write_text(path, "new")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
