"""Shared console helpers so every command prints errors, JSON and tables the same way."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console

console = Console()
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def print_error(message: str) -> None:
    """One line on stderr, prefixed so scripts and people can tell it from output."""
    err_console.print(f"newsloc: error: {message}", markup=False)


def print_warning(message: str) -> None:
    err_console.print(f"newsloc: warning: {message}", markup=False)


def print_json(data: Any) -> None:
    """Machine-readable output: UTF-8, non-ASCII kept as letters, stable key order."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
