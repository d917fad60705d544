"""One help style for every command, applied as each command is built (params.py).

click prints a value's type as its metavar (`--out PATH`, `--beam-size INTEGER`), has no
help text for arguments, and cuts a command's summary after 45 characters or at the first
full stop ("… an Argos package, e.g."). `tidy_command(command)` gives:

- every option that takes a value a metavar in capitals: the one its declaration names
  (`--out DIR`, `-o, --out FILE`), else a word for its type (the choices for a choice) or
  its own name (`--domain DOMAIN`);
- every option with a default shows it (`[default: md]`), unless it says otherwise, and
  every option read from an environment variable names it (`[env var: …]`);
- every argument a metavar in capitals, listed with its help in an Arguments section
  (`write_arguments`);
- every command a summary that is its help's whole first paragraph.

Help texts themselves are plain text; tests/translate/cli/test_help_screens.py checks every
command.
"""

from __future__ import annotations

from typing import Any

import click


def tidy_command(command: click.Command) -> None:
    """Give `command` the one help style (see the module)."""
    if command.help and not command.short_help:
        first = command.help.strip().split("\n\n", 1)[0]
        command.short_help = " ".join(first.split())
    for param in command.params:
        if param.param_type_name == "argument":
            if param.metavar is None:
                param.metavar = (param.name or "").upper()
            continue
        if isinstance(param, click.Option):
            if param.show_default is None:
                param.show_default = True
            if param.envvar:
                param.show_envvar = True
        if getattr(param, "is_flag", False) or getattr(param, "count", False):
            continue
        if param.metavar is None:
            param.metavar = _metavar(param)


def write_arguments(command: click.Command, formatter: click.HelpFormatter) -> None:
    """The Arguments section: each argument's metavar and help, `[required]` if it is."""
    rows = []
    for param in command.params:
        if param.param_type_name != "argument":
            continue
        extra = "  [required]" if param.required else ""
        rows.append((param.metavar or "", (getattr(param, "help", None) or "") + extra))
    if rows:
        with formatter.section("Arguments"):
            formatter.write_dl(rows)


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
    choices = getattr(param.type, "choices", None)
    if choices:
        return "|".join(str(getattr(choice, "value", choice)) for choice in choices)
    longest = max(param.opts, key=len)
    return _METAVARS.get(longest) or longest.lstrip("-").replace("-", "_").upper()
