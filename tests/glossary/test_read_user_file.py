"""The one reader for files a user names: every problem is one line, file name first."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsloc.base.files import UnreadableFile, read_user_bytes, read_user_text


def problem(path: Path, **kwargs: object) -> str:
    with pytest.raises(UnreadableFile) as caught:
        read_user_text(path, **kwargs)  # type: ignore[arg-type]
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    return caught.value.problem


def test_text_is_read_without_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffStepanakert\n".encode())
    assert read_user_text(path) == "Stepanakert\n"


def test_each_problem_is_named(tmp_path: Path) -> None:
    assert problem(tmp_path / "none.toml", kind="glossary file") == "no such glossary file"
    assert problem(tmp_path, kind="catalogue") == "is a directory, not a catalogue"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9\n")
    assert problem(bad) == "not UTF-8 text (byte 0xe9 at offset 3); save it as UTF-8"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b" \n")
    assert read_user_text(empty) == " \n"
    assert problem(empty, kind="article", empty_ok=False) == "the article is empty"


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(UnreadableFile, match="not a regular file"):
        read_user_bytes(fifo)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_says_why(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("x")
    path.chmod(0)
    assert problem(path).startswith("cannot read the file (Permission denied")
