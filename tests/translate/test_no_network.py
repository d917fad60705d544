"""newsloc opens no connection the user did not ask for, checked on the system calls.

Each everyday command runs in a subprocess under `strace -f -e trace=connect`; every
connect() it or any thread or child makes must go to a local socket or to loopback. A DNS
look-up, an index download or a telemetry ping would show up as a connect() to another
address. The environment is a user's: no ORT_DISABLE_TELEMETRY, no package index set.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.skipif(
    shutil.which("strace") is None, reason="needs strace (Debian's strace package)"
)

NEWSLOC = Path(sys.executable).parent / "newsloc"
SAMPLE = REPO / "examples" / "sample-article.txt"
_CONNECT = re.compile(r"connect\(\d+, \{sa_family=(\w+)(.*?)\}")
_LOCAL = re.compile(r'inet_addr\("127\.|inet_pton\(AF_INET6, "::1"|sun_path=|nl_')


def _user_env(home: Path) -> dict[str, str]:
    keep = ("PATH", "LANG", "LC_ALL", "TERM")
    env = {key: os.environ[key] for key in keep if key in os.environ}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        ARGOS_PACKAGES_DIR=str(home / "argos-packages"),
    )
    return env


def _connections(log: Path) -> list[str]:
    return [f"{family}{rest}" for family, rest in _CONNECT.findall(log.read_text())]


def _traced(tmp_path: Path, env: dict[str, str], *args: str | Path) -> list[str]:
    log = tmp_path / f"strace-{len(list(tmp_path.glob('strace-*')))}.log"
    result = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=connect", "-o", str(log), str(NEWSLOC)]
        + [str(a) for a in args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return [c for c in _connections(log) if not _LOCAL.search(c)]


def test_everyday_commands_connect_to_nothing_but_local_sockets(
    tmp_path: Path, tiny_argosmodels: dict[str, Path]
) -> None:
    env = _user_env(tmp_path / "home")
    archive = tiny_argosmodels["ru"]

    assert _traced(tmp_path, env, "models", "install", "--from", archive) == []
    assert _traced(tmp_path, env, "models", "list") == []

    out = tmp_path / "locales"
    assert _traced(tmp_path, env, "translate", SAMPLE, "--to", "ru", "--out", out) == []
    catalogue = polib.pofile(str(out / "ru" / "LC_MESSAGES" / "sample-article.po"))
    # The engine really ran: machine output, marked for review.
    assert [entry for entry in catalogue if entry.msgstr and entry.fuzzy]

    editions = tmp_path / "editions"
    reviewed = tmp_path / "reviewed"  # a copy: a build records itself beside the catalogues
    shutil.copytree(REPO / "locales", reviewed)
    built = _traced(
        tmp_path, env, "edition", "build", "--lang", "ru", "--locales", reviewed,
        "--out", editions,
    )  # fmt: skip
    assert built == []
    assert (editions / "sample-article.ru.md").is_file()


def test_the_trace_would_see_a_connection() -> None:
    # The parser must recognise a real outside connect() line, or the test above proves nothing.
    line = 'connect(3, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.0.0.2")}, 16)'
    found = [f"{family}{rest}" for family, rest in _CONNECT.findall(line)]
    assert found and not _LOCAL.search(found[0])
    local = 'connect(5, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1'
    assert _LOCAL.search("".join(_CONNECT.findall(local)[0]))


def test_importing_newsloc_turns_onnxruntime_telemetry_off(tmp_path: Path) -> None:
    code = "import os, newsloc.translate; print(os.environ['ORT_DISABLE_TELEMETRY'])"
    env = {k: v for k, v in os.environ.items() if k != "ORT_DISABLE_TELEMETRY"}
    shown = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert shown.stdout.strip() == "1", shown.stderr
