"""Shell completion: the script `--show-completion` prints completes newsloc in a real bash,
and `--install-completion` puts it where each shell loads it, without losing a user's rc."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

NEWSLOC = str(Path(sys.executable).with_name("newsloc"))


def _newsloc(*args: str, home: Path, shell: str = "/bin/bash") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(home), "SHELL": shell}
    env.pop("XDG_DATA_HOME", None)
    return subprocess.run([NEWSLOC, *args], capture_output=True, text=True, env=env, timeout=60)


def _bash(program: str, home: Path) -> subprocess.CompletedProcess[str]:
    """`program` in a bare bash (no rc files), with this checkout's newsloc on the PATH."""
    env = {**os.environ, "HOME": str(home), "PATH": f"{Path(NEWSLOC).parent}:{os.environ['PATH']}"}
    env.pop("XDG_DATA_HOME", None)
    return subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", program],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def _complete_in_bash(script: str, words: list[str], home: Path) -> list[str]:
    """What real bash offers after `words` (the last one being completed), using `script`."""
    done = _bash(
        f"source {script}\n"
        f"COMP_WORDS=({' '.join(words)}); COMP_CWORD={len(words) - 1}\n"
        "_newsloc_completion newsloc\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n',
        home,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


needs_bash = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")


@needs_bash
def test_the_shown_script_completes_groups_commands_and_options(tmp_path: Path) -> None:
    shown = _newsloc("--show-completion", "bash", home=tmp_path)
    assert shown.returncode == 0, shown.stderr
    script = tmp_path / "newsloc.bash"
    script.write_text(shown.stdout, encoding="utf-8")

    assert _complete_in_bash(str(script), ["newsloc", "ed"], tmp_path) == ["edition"]
    assert _complete_in_bash(str(script), ["newsloc", "glossary", "re"], tmp_path) == ["review"]
    offered = _complete_in_bash(str(script), ["newsloc", "edition", "build", "--allow-"], tmp_path)
    assert offered == ["--allow-fuzzy", "--allow-unreviewed-names", "--allow-outdated"]


@needs_bash
def test_install_for_bash_writes_where_bash_completion_loads_it(tmp_path: Path) -> None:
    done = _newsloc("--install-completion", home=tmp_path)  # the shell from $SHELL
    assert done.returncode == 0, done.stderr
    target = tmp_path / ".local/share/bash-completion/completions/newsloc"
    assert str(target) in done.stdout
    assert "bash completion installed" in done.stdout
    assert _complete_in_bash(str(target), ["newsloc", "cat"], tmp_path) == ["catalog"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".local"]  # no rc file touched


def test_install_for_zsh_adds_the_folder_to_fpath_once_and_keeps_the_rc(tmp_path: Path) -> None:
    rc = tmp_path / ".zshrc"
    rc.write_text("export EDITOR=vim", encoding="utf-8")  # no final newline
    for _ in range(2):
        done = _newsloc("--install-completion", "zsh", home=tmp_path)
        assert done.returncode == 0, done.stderr
    script = (tmp_path / ".zfunc/_newsloc").read_text(encoding="utf-8")
    assert script.startswith("#compdef newsloc")
    text = rc.read_text(encoding="utf-8")
    assert text.startswith("export EDITOR=vim\n")
    assert text.count("fpath+=~/.zfunc") == 1 and text.endswith("compinit\n")


def test_install_for_fish_writes_its_completions_file(tmp_path: Path) -> None:
    done = _newsloc("--install-completion", home=tmp_path, shell="/usr/bin/fish")
    assert done.returncode == 0, done.stderr
    script = tmp_path / ".config/fish/completions/newsloc.fish"
    assert "complete --no-files --command newsloc" in script.read_text(encoding="utf-8")


def test_an_unknown_shell_is_one_line_naming_the_choices(tmp_path: Path) -> None:
    done = _newsloc("--install-completion", home=tmp_path, shell="/bin/tcsh")
    assert done.returncode == 2
    assert done.stderr == (
        "newsloc: error: cannot tell your shell from $SHELL (tcsh); name it: "
        "--install-completion bash|zsh|fish\n"
    )
    assert list(tmp_path.iterdir()) == []
    wrong = _newsloc("--show-completion", "tcsh", home=tmp_path)
    assert wrong.returncode == 2 and wrong.stderr.startswith("newsloc: error: invalid value")


@needs_bash
def test_languages_and_concept_ids_complete(tmp_path: Path) -> None:
    script = tmp_path / "newsloc.bash"
    script.write_text(_newsloc("--show-completion", "bash", home=tmp_path).stdout, encoding="utf-8")

    def offered(*words: str) -> list[str]:
        return _complete_in_bash(str(script), ["newsloc", *words], tmp_path)

    assert offered("translate", "--to", "") == ["hy", "az", "ru"]
    assert offered("translate", "--to", "ru,a") == ["ru,az"]  # the list so far is kept
    assert offered("edition", "build", "--lang", "hy,az,") == ["hy,az,ru"]
    assert offered("glossary", "show", "stepa") == ["stepanakert"]
    assert offered("glossary", "review", "export", "--lang", "a") == ["az"]


def test_a_glossary_that_does_not_load_completes_nothing_and_says_nothing(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "_NEWSLOC_COMPLETE": "bash_complete",
        "COMP_WORDS": f"newsloc glossary show -g {tmp_path / 'missing.toml'} stepa",
        "COMP_CWORD": "5",
    }
    done = subprocess.run([NEWSLOC], capture_output=True, text=True, env=env, timeout=60)
    assert (done.returncode, done.stdout.strip(), done.stderr) == (0, "", "")


BASH_COMPLETION = Path("/usr/share/bash-completion/bash_completion")


@needs_bash
@pytest.mark.skipif(not BASH_COMPLETION.is_file(), reason="needs bash-completion (make setup)")
def test_bash_completion_loads_the_installed_script_on_the_first_tab(tmp_path: Path) -> None:
    """What a user's shell does: bash-completion's loader finds the installed file by the
    command's name, with nothing added to ~/.bashrc."""
    assert _newsloc("--install-completion", "bash", home=tmp_path).returncode == 0
    done = _bash(
        f"source {BASH_COMPLETION}\n"
        "_comp_load newsloc 2>/dev/null || __load_completion newsloc\n"
        "COMP_WORDS=(newsloc edi); COMP_CWORD=1\n"
        "_newsloc_completion newsloc\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n',
        tmp_path,
    )
    assert done.stdout.split() == ["edition"], done.stderr
