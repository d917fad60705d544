"""One help style for every command, applied where the command line is built.

Typer writes a parameter's Python type into help screens (`--out <path>`,
`ARTICLE <list[Path]>`, `<int range>`) and braces around required arguments in usage lines
(`{ARTICLE}...`), and click cuts a command's summary after 45 characters or at the first
full stop ("… an Argos package, e.g."). `tidy(command)` walks the command tree once, through
click's public attributes, and gives:

- every option that takes a value a metavar in capitals: the one its declaration names
  (`--out DIR`, `-o, --out FILE`), else a word for its type (`N` for numbers, `PATH` for
  paths, the choices for a choice) or its own name (`--domain DOMAIN`);
- every argument a metavar in capitals, shown bare in usage lines and argument lists;
- every command a summary that is its help's whole first paragraph.

Help texts themselves are plain text: no rich markup (rich markup is off, so `[b]` would
be printed as is); tests/translate/cli/test_help_screens.py checks every command.
"""

from __future__ import annotations

import re
from typing import Any

import typer


class TidyContext(typer.Context):
    """A context whose help shows no Python type labels and no braces in the usage line."""

    def get_help(self) -> str:
        text = super().get_help()
        arguments = [p for p in self.command.params if p.param_type_name == "argument"]
        for param in arguments:
            # `{ARTICLE}...` in the usage line: the name as declared.
            text = text.replace("{" + (param.metavar or "") + "}", param.metavar or "")
        if arguments:
            section = self._arguments(arguments)
            text = re.sub(r"(?ms)^Arguments:\n.*?\n(?=\n|\Z)", lambda _: section, text)
        return text

    def _arguments(self, arguments: list[Any]) -> str:
        """The Arguments section without type labels (`ARTICLE <list[Path]>`)."""
        formatter = self.make_formatter()
        rows = []
        for param in arguments:
            extra = "  [required]" if param.required else ""
            rows.append((param.metavar or "", (getattr(param, "help", None) or "") + extra))
        with formatter.section("Arguments"):
            formatter.write_dl(rows)
        return formatter.getvalue().rstrip("\n") + "\n"


def tidy(command: Any) -> None:
    """Give `command` and every command under it the one help style (see the module)."""
    _tidy_one(command)
    for name in getattr(command, "list_commands", lambda ctx: [])(None):
        sub = command.get_command(None, name)
        if sub is not None:
            tidy(sub)


def _tidy_one(command: Any) -> None:
    command.context_class = TidyContext
    if command.help and not command.short_help:
        first = command.help.strip().split("\n\n", 1)[0]
        command.short_help = " ".join(first.split())
    for param in command.params:
        if param.param_type_name == "argument":
            if param.metavar is None:
                param.metavar = (param.name or "").upper()
            continue
        if getattr(param, "is_flag", False) or getattr(param, "count", False):
            continue
        if param.metavar is None:
            param.metavar = _metavar(param)


#: Metavars by option name where the name alone would not say what to give.
_METAVARS = {
    "--out": "DIR",
    "--locales": "DIR",
    "--glossary": "FILE",
    "--date": "YYYY-MM-DD",
    "--beam-size": "N",
    "--threads": "N",
    "--min-reviewed": "PERCENT",
    "--server": "URL",
    "--base-url": "URL",
    "--origin": "URL",
    "--from": "FILE",
    "--version": "VERSION",
}


def _metavar(param: Any) -> str:
    # click keeps the type in `type`, typer 0.2x's own copy of click in `type_descriptor`.
    for holder in (getattr(param, "type", None), getattr(param, "type_descriptor", None)):
        choices = getattr(holder, "choices", None)
        if choices:
            return "|".join(str(getattr(choice, "value", choice)) for choice in choices)
    longest = max(param.opts, key=len)
    return _METAVARS.get(longest) or longest.lstrip("-").replace("-", "_").upper()
