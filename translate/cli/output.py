"""Shared console helpers so every command prints errors, JSON and tables the same way.

The rich consoles are made on first use: importing rich's console costs start-up time that
`newsloc --version`, JSON output and one-line errors never need.
"""

from __future__ import annotations

import json
import os
import re
import sys
import threading
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


class _LazyConsole:
    """A placeholder that becomes a real rich Console the first time it is used.

    Importing rich's console costs start-up time that `newsloc --version`, JSON output and
    one-line errors never need, so the two module-level consoles are made on first use. A
    forwarding proxy is not enough: rich's live displays (Progress, Status, Live) use the
    console as a context manager and look its special methods up on its type, which a
    proxy's `__getattr__` never sees. So the first use turns this very object into a
    `Console` (its class is replaced and `Console.__init__` runs on it): from then on it is
    one, to rich and to `isinstance`, under the same name every module imported.
    """

    def __init__(self, **options: Any) -> None:
        self._lazy_options = options

    def _become_console(self) -> Console:
        with _BECOMING:
            if type(self) is _LazyConsole:  # another thread may have done it meanwhile
                options = self.__dict__.pop("_lazy_options")
                cls = _console_class()
                self.__class__ = cls  # type: ignore[assignment]
                cls.__init__(self, **options)  # type: ignore[arg-type]
        return self  # type: ignore[return-value]

    def __getattr__(self, name: str) -> Any:
        # Only reached for names the placeholder lacks, i.e. before it became a Console.
        if name == "_lazy_options":
            raise AttributeError(name)
        return getattr(self._become_console(), name)

    def __enter__(self) -> Console:
        return self._become_console().__enter__()

    def __exit__(self, *exc: Any) -> None:
        # `with` looked this method up before `__enter__` made the object a Console.
        _console_class().__exit__(self, *exc)  # type: ignore[arg-type]


_BECOMING = threading.Lock()

#: How wide piped output may be: wide enough that no table cell is cut and no file path
#: wrapped; COLUMNS still wins where set.
PIPE_WIDTH = 1000

_TRAILING_BLANKS = re.compile(r"[ \t]+(?=\n)")


class _Stream:
    """sys.stdout or sys.stderr as they are when written to (tests swap them), with the
    blanks rich pads a table's lines with dropped when the stream is not a terminal."""

    def __init__(self, stderr: bool) -> None:
        self._stderr = stderr

    @property
    def target(self) -> Any:
        return sys.stderr if self._stderr else sys.stdout

    def write(self, text: str) -> int:
        target = self.target
        if not target.isatty():
            text = _TRAILING_BLANKS.sub("", text)
        return target.write(text)

    def __getattr__(self, name: str) -> Any:  # flush, isatty, fileno, encoding, …
        return getattr(self.target, name)


@cache
def _console_class() -> type[Console]:
    from rich.console import Console, ConsoleDimensions

    class NewslocConsole(Console):
        """rich's Console, but piped output is neither padded nor cut at 80 columns, and
        no table cell is ever cut to an ellipsis (see `_whole_words`)."""

        def print(self, *objects: Any, **options: Any) -> None:
            for renderable in objects:
                _whole_words(renderable, self.width)
            super().print(*objects, **options)

        def __init__(self, **options: Any) -> None:
            super().__init__(file=_Stream(options.get("stderr", False)), **options)  # type: ignore[arg-type]

        @property
        def size(self) -> ConsoleDimensions:
            size = Console.size.fget(self)  # type: ignore[attr-defined]
            if self.is_terminal or os.environ.get("COLUMNS", "").isdigit():
                return size
            return ConsoleDimensions(PIPE_WIDTH, size.height)

        @size.setter
        def size(self, new_size: tuple[int, int]) -> None:
            Console.size.fset(self, new_size)  # type: ignore[attr-defined]

    return NewslocConsole


def longest_word(texts: Iterable[str]) -> int:
    """The narrowest a column holding `texts` can be without breaking a word."""
    return max((len(word) for text in texts for word in text.split()), default=0)


def _whole_words(renderable: Any, width: int) -> None:
    """Never let a table cut a word to rich's default "…": a reader must not lose the end
    of a name, a path or a heading. A table wider than the terminal gets column widths of
    its own: each column its longest word, the room left shared out by what each column
    lacks (so headings wrap at their spaces). Only where even that cannot fit does a long
    word break across lines."""
    from rich.console import Group
    from rich.table import Table

    if isinstance(renderable, Group):
        for part in renderable.renderables:
            _whole_words(part, width)
    if not isinstance(renderable, Table) or not renderable.columns:
        return
    least, most = [], []
    for column in renderable.columns:
        column.overflow = "fold"
        texts = [str(column.header), *(str(cell) for cell in column.cells)]
        lines = [line for text in texts for line in text.splitlines()]
        least.append(longest_word(lines))
        most.append(max((len(line) for line in lines), default=0))
    _top, right, _bottom, left = renderable.padding
    count = len(renderable.columns)
    rules = (count + 1 if renderable.show_edge else count - 1) if renderable.box else 0
    room = width - count * (left + right) - rules
    if sum(most) <= room or sum(least) > room:
        return
    spare, lacking = room - sum(least), sum(most) - sum(least)
    widths = [low + (high - low) * spare // lacking for low, high in zip(least, most, strict=True)]
    for column, fitted in zip(renderable.columns, widths, strict=True):
        column.width = fitted


def compact_table(title: str | None = None) -> Table:
    """The report tables' one look: a left title, a rule under the head, tight cells.
    Paths and names go in as `Text`: a file called `[/b].txt` is shown, not read as markup."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    return Table(
        title=Text(title) if title else None,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        collapse_padding=True,
        padding=(0, 1),
        pad_edge=False,
    )


def narrowest(
    headings: list[str], rows: list[list[str]], per_column: int = 2, edges: int = 0
) -> int:
    """The width a table of `rows` needs with every heading wrapped at its spaces: its
    columns' longest words, `per_column` more for each (padding and rule) and `edges`."""
    columns = zip(headings, *rows, strict=True)
    return sum(longest_word(column) for column in columns) + per_column * len(headings) + edges


def by_figure(table: Table, headings: list[str], rows: list[list[str]]) -> Table:
    """Records turned on their side for a narrow terminal, into the empty `table`: a
    column per record (its first cell), a row per figure (the other headings)."""
    table.add_column("", justify="left")
    for row in rows:
        table.add_column(row[0], justify="right")
    for index, heading in enumerate(headings[1:], start=1):
        table.add_row(heading, *(row[index] for row in rows))
    return table


def record_table(
    table: Table,
    headings: list[str],
    rows: list[list[str]],
    width: int | None,
    left: Collection[str] = (),
    room: tuple[int, int] = (2, 0),
) -> Table:
    """Records keyed by their first cell (a language) into the empty `table`: a row per
    record, or, on a terminal too narrow for that even with every heading wrapped at its
    spaces (`room`: what each column and the edges add, see `narrowest`), a row per
    figure, so that no heading breaks inside a word and no figure is cut."""
    if width is not None and narrowest(headings, rows, *room) > width:
        return by_figure(table, headings, rows)
    for index, heading in enumerate(headings):
        table.add_column(heading, justify="left" if index == 0 or heading in left else "right")
    for row in rows:
        table.add_row(*row)
    return table


console: Console = _LazyConsole()  # type: ignore[assignment]
err_console: Console = _LazyConsole(stderr=True, highlight=False, soft_wrap=True)  # type: ignore[assignment]


#: What rich would change in a line it prints: an emoji code (`:name:`).
_EMOJI_CODE = re.compile(r":\S*:")


def _print_line(line: str, stderr: bool = True) -> None:
    """`line` on stderr (stdout) as `err_console` (`console`) prints it with no markup,
    highlighting or wrapping.

    A line rich would print unchanged (printable characters, no emoji code) to a stream
    that is not a terminal is written directly: a warning in a script's log, or the path of
    a file written, is no reason to import rich's console (a tenth of a small command's
    time)."""
    stream, target = (sys.stderr, err_console) if stderr else (sys.stdout, console)
    if (
        type(target) is _LazyConsole
        and line.isprintable()
        and not _EMOJI_CODE.search(line)
        and not stream.isatty()
    ):
        stream.write(line.rstrip(" ") + "\n")
    else:
        target.print(line, markup=False, highlight=False, soft_wrap=True)


def print_line(line: str) -> None:
    """One line of output on stdout (a path written), exactly as given: no markup,
    highlighting or wrapping."""
    _print_line(line, stderr=False)


def print_error(message: str) -> None:
    """One line on stderr, prefixed so scripts and people can tell it from output."""
    _print_line(f"newsloc: error: {message}")


def usage_error_line(exc: Any, command_path: str | None = None) -> str:
    """Click's usage error as one line: the message, then where the help is.

    `Invalid value for '--beam-size': …` becomes `invalid value for '--beam-size': …; see
    'newsloc translate --help'`, like every other newsloc error (lower case, no full stop).
    `command_path` names the command when the error carries no context.
    """
    message = " ".join(exc.format_message().split()) or "invalid usage"
    # One wording on every click: 8.2 writes `No such option: --x`, 8.3+ `No such option '--x'.`
    message = re.sub(r"^No such option '(.+?)'\.?", r"No such option: \1", message)
    message = re.sub(r"\.? Did you mean (.+?)\??$", r" (did you mean \1?)", message)
    if message[:2].istitle():
        message = message[0].lower() + message[1:]
    message = message.rstrip(".")
    ctx = exc.ctx
    if ctx is not None and ctx.command.get_help_option(ctx) is not None:
        command_path = ctx.command_path
    return message + (f"; see '{command_path} --help'" if command_path else "")


def print_warning(message: str) -> None:
    _print_line(f"newsloc: warning: {message}")


def print_hint(message: str) -> None:
    """What to do next, after errors: on stderr, one line, like them."""
    _print_line(f"newsloc: hint: {message}")


def print_json(data: Any) -> None:
    """Machine-readable output: UTF-8, non-ASCII kept as letters, stable key order."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@contextmanager
def counting_progress(description: str, unit: str) -> Iterator[Callable[[int, int], None]]:
    """A bar on stderr counting `unit`s, in a terminal only; yields `update(done, total)`.

    Logs and pipes get the result lines alone. The bar disappears when the work is done.
    """
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} " + unit),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    )
    task = bar.add_task(description, total=None)

    def update(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    with bar:
        yield update
