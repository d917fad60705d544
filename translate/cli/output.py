"""Shared console helpers so every command prints errors, JSON and tables the same way.

The rich consoles are made on first use: importing rich's console costs start-up time that
`newsloc --version`, JSON output and one-line errors never need.
"""

from __future__ import annotations

import json
import re
import sys
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from typer._click.exceptions import UsageError


class _LazyConsole:
    """A rich Console created the first time something is printed through it."""

    def __init__(self, **options: Any) -> None:
        self._options = options

    @cache  # noqa: B019 - two module-level instances, kept for the process's life
    def _console(self) -> Console:
        from rich.console import Console

        return Console(**self._options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._console(), name)


console: Console = _LazyConsole()  # type: ignore[assignment]
err_console: Console = _LazyConsole(stderr=True, highlight=False, soft_wrap=True)  # type: ignore[assignment]


def print_error(message: str) -> None:
    """One line on stderr, prefixed so scripts and people can tell it from output."""
    err_console.print(f"newsloc: error: {message}", markup=False)


def usage_error_line(exc: UsageError, command_path: str | None = None) -> str:
    """Click's usage error as one line: the message, then where the help is.

    `Invalid value for '--beam-size': …` becomes `invalid value for '--beam-size': …; see
    'newsloc translate --help'`, like every other newsloc error (lower case, no full stop).
    `command_path` names the command when the error carries no context.
    """
    message = " ".join(exc.format_message().split()) or "invalid usage"
    message = re.sub(r"\.? Did you mean (.+?)\??$", r" (did you mean \1?)", message)
    if message[:2].istitle():
        message = message[0].lower() + message[1:]
    message = message.rstrip(".")
    ctx = exc.ctx
    if ctx is not None and ctx.command.get_help_option(ctx) is not None:
        command_path = ctx.command_path
    return message + (f"; see '{command_path} --help'" if command_path else "")


def print_warning(message: str) -> None:
    err_console.print(f"newsloc: warning: {message}", markup=False)


def print_json(data: Any) -> None:
    """Machine-readable output: UTF-8, non-ASCII kept as letters, stable key order."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
