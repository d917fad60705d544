"""The README's walkthrough runs as written: its commands, in order, in a copy of the
checkout's examples, print the one-line results and exit codes the README shows.

Commands that need a model download, a clone or a benchmark's data are left out; every
other `$ newsloc …` line of a console block is run as a user would type it (by the shell),
and must not crash. Where the README shows a single line of output (an error, a summary),
that line must be what newsloc prints; where it shows `$ echo $?`, the code must match.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

NEWSLOC_BIN = Path(sys.executable).parent
#: Commands that reach a network, need a model or data the checkout does not have.
SKIPPED = re.compile(
    r"^(newsloc models (install|build|remove|list --refresh)|git |unzip |for |\.venv/bin/python )"
)


def _console_steps(readme: str) -> list[tuple[str, list[str]]]:
    """(command, the output lines shown under it) for every `$ ` line of console blocks."""
    steps: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", readme, re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            elif steps and not line.startswith(">"):
                steps[-1][1].append(line)
    return steps


def _without_comment(command: str) -> str:
    """The command without its trailing `# …` remark (two spaces or more before it)."""
    return re.split(r"\s{2,}#\s", command, maxsplit=1)[0].strip()


def test_the_readme_walkthrough_prints_what_it_shows(tmp_path: Path) -> None:
    work = tmp_path / "checkout"
    work.mkdir()
    for folder in ("examples", "locales", "glossary"):
        shutil.copytree(REPO / folder, work / folder)
    env = {
        **os.environ,
        "PATH": f"{NEWSLOC_BIN}{os.pathsep}{os.environ['PATH']}",
        "COLUMNS": "100",
        "HOME": str(tmp_path / "home"),
        # a reader has no Argos package: not the ones other tests installed this session
        "ARGOS_PACKAGES_DIR": str(tmp_path / "argos-packages"),
    }
    checked = 0
    last_code = 0
    for command, shown in _console_steps((REPO / "README.md").read_text(encoding="utf-8")):
        command = _without_comment(command)
        if command.endswith("\\") or SKIPPED.match(command):
            continue
        if command == "echo $?":
            assert [str(last_code)] == shown, f"exit code of the command before: {last_code}"
            checked += 1
            continue
        done = subprocess.run(
            ["bash", "-c", command], cwd=work, env=env, capture_output=True, text=True, timeout=300
        )
        last_code = done.returncode
        assert "Traceback" not in done.stderr, (command, done.stderr)
        expected_error = any(line.startswith("newsloc: error:") for line in shown)
        allowed = (1, 2) if expected_error else (0, 1, 3)
        assert done.returncode in allowed, (command, done.returncode, done.stderr)
        printed = (done.stdout + done.stderr).strip().splitlines()
        if len(shown) == 1 and "…" not in shown[0] and not shown[0].startswith(" "):
            assert shown[0] in printed, (command, printed)
            checked += 1
    assert checked >= 6  # the error, the exit codes and the one-line summaries
