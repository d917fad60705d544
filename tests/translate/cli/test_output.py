"""The shared consoles: made on first use, yet a real rich Console to everything rich does."""

from __future__ import annotations

import io
import sys

import pytest
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from newsloc.translate.cli import output


def test_a_lazy_console_becomes_a_real_console_on_first_use() -> None:
    lazy = output._LazyConsole(stderr=True)
    assert not isinstance(lazy, Console)
    with lazy:  # the first use is the context manager rich's live displays need
        pass
    assert isinstance(lazy, Console)
    assert lazy.stderr


def test_a_lazy_console_drives_a_progress_display(capsys: pytest.CaptureFixture[str]) -> None:
    lazy = output._LazyConsole(force_terminal=True, width=60)
    with Progress(console=lazy, transient=True) as progress:  # type: ignore[arg-type]
        task = progress.add_task("counting", total=3)
        progress.update(task, completed=3)
    assert "counting" in capsys.readouterr().out


def test_piped_tables_are_neither_padded_nor_cut(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr("sys.stdout", io.StringIO())
    lazy = output._LazyConsole()
    long_name = "a-concept-with-a-very-long-identifier-" * 4
    table = Table(title="Names")
    for column in ("concept", "issues"):
        table.add_column(column)
    table.add_row(long_name, "none")
    table.add_row("short", "none")
    lazy.print(table)
    text = sys.stdout.getvalue()  # type: ignore[attr-defined]
    assert long_name in text  # not cut with an ellipsis at 80 columns
    assert all(line == line.rstrip() for line in text.splitlines()), text


@pytest.mark.parametrize(
    "message",
    [
        "loc/ru/LC_MESSAGES/story.po: line 17: not reviewed; the English source is printed",
        "Степанакерт (Ханкенди) «в кавычках» [bold]not markup[/bold] trailing   ",
        "a :warning: code and a tab\there",
        "wide 東京 and a non-breaking\u00a0space, C:\\path:to:file",
        "x" * 3000,
    ],
)
def test_a_warning_written_without_rich_reads_as_rich_writes_it(
    message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Piped warnings skip rich's console; the line must be byte for byte rich's."""
    monkeypatch.delenv("COLUMNS", raising=False)
    written = []
    for through_rich in (True, False):
        stream = io.StringIO()
        monkeypatch.setattr("sys.stderr", stream)
        console = output._LazyConsole(stderr=True, highlight=False, soft_wrap=True)
        monkeypatch.setattr(output, "err_console", console)
        if through_rich:
            console.print("", end="")  # becomes rich's Console: the direct path is off
        output.print_warning(message)
        written.append(stream.getvalue())
    by_rich, direct = written
    assert direct == by_rich
    assert direct.startswith("newsloc: warning: ")


def test_a_piped_warning_leaves_the_console_unmade(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    console = output._LazyConsole(stderr=True, highlight=False, soft_wrap=True)
    monkeypatch.setattr(output, "err_console", console)
    output.print_warning("story.po: line 17: not reviewed")
    assert stream.getvalue() == "newsloc: warning: story.po: line 17: not reviewed\n"
    assert type(console) is output._LazyConsole


@pytest.mark.parametrize("line", ["build/ed/story.ru.html", "a :warning: path", "tab\there"])
def test_a_path_written_without_rich_reads_as_rich_writes_it(
    line: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    written = []
    for through_rich in (True, False):
        stream = io.StringIO()
        monkeypatch.setattr("sys.stdout", stream)
        console = output._LazyConsole()
        monkeypatch.setattr(output, "console", console)
        if through_rich:
            console.print("", end="")
        output.print_line(line)
        written.append(stream.getvalue())
    assert written[0] == written[1]
