"""Shell completion: `newsloc --show-completion [SHELL]` and `--install-completion [SHELL]`.

The completion itself is click's (`_NEWSLOC_COMPLETE=bash_source newsloc` prints the
script a shell sources); these two root options print that script or put it where the shell
loads completions from, so a user needs neither the variable nor the place:

- bash: `$XDG_DATA_HOME/bash-completion/completions/newsloc`, which bash-completion loads
  the first time `newsloc` is completed;
- zsh: `~/.zfunc/_newsloc`, with `fpath+=~/.zfunc` and `compinit` added to `~/.zshrc`
  once;
- fish: `~/.config/fish/completions/newsloc.fish`, which fish loads by itself.

These are the only files newsloc writes outside a folder the user names, and only when
asked to with `--install-completion`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from newsloc.translate.errors import UserError

SHELLS = ("bash", "zsh", "fish")
PROG = "newsloc"
COMPLETE_VAR = "_NEWSLOC_COMPLETE"
#: What `--show-completion` alone (no shell named) stands for.
_DETECT = "auto"

_ZSHRC_LINES = "fpath+=~/.zfunc\nautoload -Uz compinit\ncompinit\n"


def detect_shell(given: str) -> str:
    """The shell named, or the user's login shell ($SHELL)."""
    if given != _DETECT:
        return given
    login = Path(os.environ.get("SHELL", "")).name
    if login in SHELLS:
        return login
    raise UserError(
        f"cannot tell your shell from $SHELL ({login or 'unset'}); name it: "
        f"--install-completion {'|'.join(SHELLS)}"
    )


def completion_script(root: click.Command, shell: str) -> str:
    """The script that makes `shell` complete newsloc's commands and options."""
    from click.shell_completion import get_completion_class

    cls = get_completion_class(shell)
    assert cls is not None, shell  # SHELLS are click's own
    return cls(root, {}, PROG, COMPLETE_VAR).source()


def install(root: click.Command, shell: str, home: Path) -> list[Path]:
    """Write the completion script where `shell` loads it; the files written, in order."""
    from newsloc.base.files import atomic_write_text  # only here: it imports hashlib, tempfile

    script = completion_script(root, shell)
    if shell == "bash":
        data = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
        target = data / "bash-completion" / "completions" / PROG
    elif shell == "fish":
        target = home / ".config" / "fish" / "completions" / f"{PROG}.fish"
    else:
        target = home / ".zfunc" / f"_{PROG}"
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(target, script)
    written = [target]
    if shell == "zsh":
        rc = home / ".zshrc"
        text = rc.read_text(encoding="utf-8") if rc.exists() else ""
        if "fpath+=~/.zfunc" not in text:
            atomic_write_text(
                rc, text + ("\n" if text and not text.endswith("\n") else "") + _ZSHRC_LINES
            )
            written.append(rc)
    return written


def _show(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is None or ctx.resilient_parsing:
        return
    click.echo(completion_script(ctx.find_root().command, detect_shell(value)), nl=False)
    ctx.exit()


def _install(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is None or ctx.resilient_parsing:
        return
    shell = detect_shell(value)
    for path in install(ctx.find_root().command, shell, Path.home()):
        click.echo(f"{path}")
    click.echo(f"{shell} completion installed; it takes effect in a new shell.")
    ctx.exit()


def completion_options(command: Any) -> Any:
    """The root's two completion options, as decorators."""
    for name, callback, text in (
        # Applied bottom up: help lists --install-completion, then --show-completion.
        (
            "--show-completion",
            _show,
            "Show the completion script for your shell, to copy it or install it yourself.",
        ),
        ("--install-completion", _install, "Install completion for your shell."),
    ):
        command = click.option(
            name,
            type=click.Choice([_DETECT, *SHELLS]),
            is_flag=False,
            flag_value=_DETECT,
            default=None,
            metavar="[SHELL]",
            expose_value=False,
            is_eager=True,
            callback=callback,
            show_default=False,
            help=text + " SHELL: bash, zsh or fish; default: $SHELL.",
        )(command)
    return command
