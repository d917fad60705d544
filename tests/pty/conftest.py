"""Run `newsloc` as a user does: in a real pseudo-terminal (pexpect) and with its output piped.

Every run gets its own home: HOME and the XDG folders in a temporary directory, Argos'
packages folder there too, and package index and OPUS-MT mirror at an address nothing
listens on, so no run can reach the network or touch the real home directory.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

pexpect = pytest.importorskip(
    "pexpect", reason="the pty tests need pexpect (pip install -e '.[test]')"
)

#: The console script of the environment running the tests.
NEWSLOC = shutil.which("newsloc", path=str(Path(sys.executable).parent)) or "newsloc"
UNREACHABLE = "http://127.0.0.1:9/"
#: Terminal size of the pty: wide enough that the report tables fit on one line.
ROWS, COLUMNS = 50, 160

_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")


def screen_text(raw: str) -> str:
    """What a terminal shows, near enough: escape sequences removed, CRs as line breaks."""
    return _ESCAPES.sub("", raw).replace("\r\n", "\n").replace("\r", "\n")


@dataclass
class Run:
    exit_code: int
    #: stdout and stderr as the terminal showed them (tty) or as captured (pipe: both).
    text: str
    stdout: str
    stderr: str


@dataclass
class Home:
    root: Path
    env: dict[str, str]

    @property
    def packages(self) -> Path:
        return Path(self.env["ARGOS_PACKAGES_DIR"])


@pytest.fixture
def home(tmp_path: Path) -> Home:
    root = tmp_path / "home"
    root.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ARGOS_", "XDG_", "NEWSLOC_", "LIBRETRANSLATE", "COLUMNS", "LINES"))
    }
    env.update(
        HOME=str(root),
        XDG_DATA_HOME=str(root / ".local/share"),
        XDG_CACHE_HOME=str(root / ".cache"),
        XDG_CONFIG_HOME=str(root / ".config"),
        ARGOS_PACKAGES_DIR=str(root / "packages"),
        ARGOS_PACKAGE_INDEX=UNREACHABLE,
        NEWSLOC_OPUS_MT_MIRROR=UNREACHABLE,
        TERM="xterm-256color",
        NO_COLOR="",
    )
    env.pop("NO_COLOR")
    return Home(root, env)


def run(
    home: Home,
    mode: str,
    *args: str,
    cwd: Path,
    env: dict[str, str] | None = None,
    columns: int = COLUMNS,
) -> Run:
    """`newsloc ARGS` in a pseudo-terminal (mode "tty", `columns` wide) or with pipes."""
    environment = {**home.env, **(env or {})}
    if mode == "pipe":
        done = subprocess.run(
            [NEWSLOC, *args],
            cwd=cwd,
            env=environment,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=600,
        )
        return Run(done.returncode, done.stdout + done.stderr, done.stdout, done.stderr)
    child = pexpect.spawn(
        NEWSLOC,
        list(args),
        cwd=str(cwd),
        env=environment,
        dimensions=(ROWS, columns),
        encoding="utf-8",
        codec_errors="replace",
        timeout=600,
    )
    child.expect(pexpect.EOF)
    raw = child.before or ""
    child.close()
    code = child.exitstatus if child.exitstatus is not None else 128 + (child.signalstatus or 0)
    text = screen_text(raw)
    return Run(code, text, text, text)


@pytest.fixture(params=["tty", "pipe"])
def mode(request: pytest.FixtureRequest) -> str:
    return request.param
