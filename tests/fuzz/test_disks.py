"""Full, read-only and immutable disks: exit 2, one line naming the file, nothing changed.

A full disk is simulated by failing `os.write` with ENOSPC (always) and made real with a
64 KiB tmpfs (as root); a read-only file system is a tmpfs remounted read-only; an
immutable folder uses `chattr +i`. The real ones skip, saying why, where they cannot run.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsloc.glossary.loader import DEFAULT_GLOSSARY_PATH
from tests.fuzz.support import assert_refused, newsloc, tree

HEADER = 'msgid ""\nmsgstr "Language: ru\\nContent-Type: text/plain; charset=UTF-8\\n"\n\n'
CATALOGUE = HEADER + (
    '#: story.txt:1\nmsgid "Shelling in Stepanakert."\nmsgstr "Обстрел в Ханкенди."\n'
)
REVIEW = (
    HEADER.replace("Language: ru", "Language: ru\\nX-Glossary-Version: x")
    + 'msgctxt "baku|Baku"\nmsgid "Baku"\nmsgstr "Баку!"\n'
)


def prepare(root: Path) -> None:
    (root / "story.txt").write_text("Shelling in Stepanakert.\n\nMore news.\n", encoding="utf-8")
    shutil.copy(DEFAULT_GLOSSARY_PATH, root / "glossary.toml")
    folder = root / "loc" / "ru" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "story.po").write_text(CATALOGUE, encoding="utf-8")
    (root / "review.po").write_text(REVIEW, encoding="utf-8")


def commands(root: Path) -> dict[str, tuple[list[str], str]]:
    """command -> (arguments, the file its error must name)."""
    loc = str(root / "loc")
    po = str(root / "loc/ru/LC_MESSAGES/story.po")
    return {
        "translate": (
            [
                "translate",
                str(root / "story.txt"),
                "--to",
                "ru",
                "--engine",
                "none",
                "--out",
                loc,
                "--domain",
                "story",
            ],
            "story.po",
        ),
        "glossary apply": (["glossary", "apply", po], "story.po"),
        "catalog compile": (["catalog", "compile", "--locales", loc], "story.mo"),
        "edition build": (
            [
                "edition",
                "build",
                "--lang",
                "ru",
                "--locales",
                loc,
                "--out",
                str(root / "loc" / "ed"),
                "--allow-fuzzy",
                "--allow-unreviewed-names",
                "--min-reviewed",
                "0",
                "--allow-unreviewed-names",
            ],
            "story.ru.md",
        ),
        "edition build --all": (
            [
                "edition",
                "build",
                "--all",
                "--locales",
                loc,
                "--out",
                str(root / "loc" / "ed"),
                "--allow-fuzzy",
                "--allow-unreviewed-names",
                "--min-reviewed",
                "0",
            ],
            "story.ru.md",
        ),
        "glossary export": (
            ["glossary", "export", "--format", "csv", "--out", str(root / "loc" / "terms.csv")],
            "terms.csv",
        ),
        "review export": (
            [
                "glossary",
                "review",
                "export",
                "-l",
                "ru",
                "--out",
                str(root / "loc" / "review-ru.po"),
            ],
            "review-ru.po",
        ),
        "review import": (
            [
                "glossary",
                "review",
                "import",
                str(root / "review.po"),
                "-g",
                str(root / "glossary.toml"),
            ],
            "glossary.toml",
        ),
    }


COMMANDS = list(commands(Path(".")))


@pytest.mark.parametrize("command", COMMANDS)
def test_a_full_disk(tmp_path: Path, command: str, monkeypatch) -> None:
    prepare(tmp_path)
    args, name = commands(tmp_path)[command]
    before = tree(tmp_path)

    def full(_fd, _data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    result = newsloc(*args)
    monkeypatch.undo()
    assert_refused(result, name)
    assert "No space left on device" in result.stderr
    assert tree(tmp_path) == before
    assert not list(tmp_path.rglob("*.tmp"))


def _mount(folder: Path, size: str) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    command = ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs"]
    return subprocess.run([*command, str(folder)], capture_output=True).returncode == 0


def _tmpfs(folder: Path, size: str) -> Iterator[Path]:
    folder.mkdir()
    if not _mount(folder, size):
        pytest.skip("cannot mount a tmpfs here (needs root and mount permission)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


@pytest.fixture()
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    yield from _tmpfs(tmp_path / "tiny", "64k")


@pytest.fixture()
def small_disk(tmp_path: Path) -> Iterator[Path]:
    yield from _tmpfs(tmp_path / "small", "4m")


def test_a_really_full_disk_writes_no_catalogue(tiny_disk: Path) -> None:
    article = tiny_disk / "story.txt"
    paragraphs = [f"Paragraph {i}: Shelling in Stepanakert, Baku said." for i in range(700)]
    article.write_text("\n\n".join(paragraphs), encoding="utf-8")  # ~36 KiB of 64
    result = newsloc(
        "translate",
        article,
        "--to",
        "hy,az,ru",
        "--engine",
        "none",
        "--no-glossary",
        "--out",
        tiny_disk / "loc",
    )
    assert_refused(result, "story.po")
    assert "No space left on device" in result.stderr
    assert not [p for p in (tiny_disk / "loc").rglob("*") if p.is_file()]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_read_only_file_system(small_disk: Path, command: str) -> None:
    prepare(small_disk)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        before = tree(small_disk)
        args, name = commands(small_disk)[command]
        result = newsloc(*args)
        assert_refused(result, name)
        assert "Read-only file system" in result.stderr
        assert tree(small_disk) == before
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)


@pytest.fixture()
def immutable(tmp_path: Path) -> Iterator[Path]:
    prepare(tmp_path)
    folders = [tmp_path / "loc" / "ru" / "LC_MESSAGES", tmp_path / "loc", tmp_path]
    if not shutil.which("chattr") or os.geteuid() != 0:
        pytest.skip("chattr needs root")
    done = []
    try:
        for folder in folders:
            if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode:
                pytest.skip("this file system has no immutable flag")
            done.append(folder)
        yield tmp_path
    finally:
        for folder in done:
            subprocess.run(["chattr", "-i", str(folder)], check=False)


@pytest.mark.parametrize("command", COMMANDS)
def test_an_immutable_folder(immutable: Path, command: str) -> None:
    before = tree(immutable)
    args, name = commands(immutable)[command]
    result = newsloc(*args)
    assert_refused(result, name)
    assert tree(immutable) == before
