"""Real LibreTranslate servers on loopback, for the engine tests and the fleet benchmark.

The server is LibreTranslate from PyPI in its own venv (`make libretranslate` makes
`.venv-libretranslate`: it pins exact versions newsloc's venv cannot share). Everything it
reads lives in one temporary folder, so it never touches the network or the real home:

- genuine tiny Argos packages (tests/support/tiny_argos.py) for en→hy, en→az and en→ru,
  installed where argos-translate-lt looks (`$XDG_DATA_HOME/argos-translate/packages`);
  with two or more installed, start-up does not ask the package index for more;
- a genuine tiny MiniSBD model (tests/support/tiny_minisbd.py) where argos-translate-lt
  caches MiniSBD's download (`$XDG_DATA_HOME/argos-translate/minisbd/en.onnx`), since it
  splits every text with MiniSBD;
- `ARGOS_PACKAGE_INDEX` pointing at a `file://` folder with an empty index.json,
  `ORT_DISABLE_TELEMETRY=1`, HOME and the XDG folders inside the temporary folder;
- the server binds 127.0.0.1 on a free port and writes its log (it logs every input) to a
  file beside the data.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path

from tests.support.tiny_argos import build_tiny_package, install_package
from tests.support.tiny_minisbd import write_model

REPO = Path(__file__).resolve().parents[2]
#: LibreTranslate's own venv, made by `make libretranslate` (override: NEWSLOC_LT_VENV).
VENV = Path(os.environ.get("NEWSLOC_LT_VENV", REPO / ".venv-libretranslate"))
#: Written by the Makefile once the venv is complete, so a half-made one is never used.
STAMP = VENV / ".newsloc-lt-installed"
#: The pairs the test servers serve, with the seeds the other engine tests use.
PAIRS = {"hy": 1, "az": 2, "ru": 3}
START_TIMEOUT = 120.0


def unavailable_reason() -> str | None:
    """Why no server can be started here, or None when the venv is ready."""
    if STAMP.exists() and (VENV / "bin" / "libretranslate").exists():
        return None
    log = VENV.with_name(VENV.name + ".log")
    why = f"; the last attempt's pip log: {log}" if log.exists() else ""
    return (
        f"LibreTranslate's venv {VENV} is missing or incomplete; `make libretranslate` "
        f"makes it (pip install libretranslate from PyPI){why}"
    )


class ServerHome:
    """The folder one or more servers read: packages, MiniSBD model, empty index, home."""

    def __init__(self, root: Path, intra_threads: int = 1) -> None:
        """`intra_threads`: CTranslate2 threads per server (ARGOS_INTRA_THREADS; 0: all
        cores). One by default: several servers share this machine's few cores."""
        self.root = root
        self.intra_threads = intra_threads
        self.data = root / "xdg-data"
        argos = self.data / "argos-translate"
        archives = root / "archives"
        for target, seed in PAIRS.items():
            archive = build_tiny_package(archives, "en", target, seed=seed)
            install_package(archive, argos / "packages")
        write_model(argos / "minisbd" / "en.onnx")
        index = root / "index"
        index.mkdir(parents=True, exist_ok=True)
        (index / "index.json").write_text("[]\n", encoding="utf-8")
        self.index_url = index.as_uri() + "/"
        for name in ("home", "xdg-config", "xdg-cache"):
            (root / name).mkdir(exist_ok=True)

    def environment(self) -> dict[str, str]:
        """The server's whole environment: nothing inherited but PATH and the locale."""
        env = {key: os.environ[key] for key in ("PATH", "LANG", "LC_ALL") if key in os.environ}
        env.update(
            HOME=str(self.root / "home"),
            XDG_DATA_HOME=str(self.data),
            XDG_CONFIG_HOME=str(self.root / "xdg-config"),
            XDG_CACHE_HOME=str(self.root / "xdg-cache"),
            ARGOS_PACKAGES_DIR=str(self.data / "argos-translate" / "packages"),
            ARGOS_PACKAGE_INDEX=self.index_url,
            ARGOS_DEVICE_TYPE="cpu",
            ARGOS_INTRA_THREADS=str(self.intra_threads),
            ORT_DISABLE_TELEMETRY="1",
            PYTHONUNBUFFERED="1",
        )
        return env

    def add_api_key(self, database: Path, key: str) -> None:
        """Create LibreTranslate's key database with one key, through its own Database class."""
        code = (
            "import sys; from libretranslate.api_keys import Database; "
            "Database(sys.argv[1]).add(600, sys.argv[2])"
        )
        subprocess.run(
            [str(VENV / "bin" / "python"), "-c", code, str(database), key],
            env=self.environment(),
            cwd=self.root,
            check=True,
            capture_output=True,
            timeout=60,
        )


class LibreTranslateServer:
    """One `libretranslate` process on 127.0.0.1; start() waits until it answers."""

    def __init__(self, home: ServerHome, name: str, extra_args: Sequence[str] = ()) -> None:
        self.home = home
        self.name = name
        self.extra_args = list(extra_args)
        self.log_path = home.root / f"{name}.log"
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> LibreTranslateServer:
        """Launch and wait for /languages to answer; raise with the log's tail if it dies."""
        self.launch()
        self.wait_until_ready()
        return self

    def launch(self) -> None:
        """Start the process on a free port, without waiting for it."""
        self.port = free_port()
        command = [
            str(VENV / "bin" / "libretranslate"),
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--disable-web-ui",
            "--disable-files-translation",
            *self.extra_args,
        ]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                command,
                env=self.home.environment(),
                cwd=self.home.root,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def stop(self) -> None:
        """Kill the server now (SIGKILL: as if its machine went away) and reap it."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        self.process = None

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log_tail(self, lines: int = 15) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def wait_until_ready(self) -> None:
        """Poll /languages; relaunch on another port if someone took ours meanwhile."""
        deadline = time.monotonic() + START_TIMEOUT
        relaunches = 3
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                if relaunches and "already in use" in self.log_tail(5):
                    relaunches -= 1
                    self.launch()
                    continue
                raise RuntimeError(
                    f"LibreTranslate {self.name} exited ({self.process.returncode}) while "
                    f"starting; {self.log_path}:\n{self.log_tail()}"
                )
            try:
                with urllib.request.urlopen(f"{self.url}/languages", timeout=5) as answer:
                    if answer.status == 200:
                        json.load(answer)
                        return
            except (urllib.error.URLError, OSError, ValueError):
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(
            f"LibreTranslate {self.name} did not answer within {START_TIMEOUT:.0f} s; "
            f"{self.log_path}:\n{self.log_tail()}"
        )


def free_port() -> int:
    """A port nothing listens on right now (the kernel's choice for port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_together(servers: Sequence[LibreTranslateServer]) -> None:
    """Start several servers with overlapping start-ups; all of them, or none."""
    try:
        for server in servers:
            server.launch()
        for server in servers:
            server.wait_until_ready()
    except BaseException:
        for server in servers:
            server.stop()
        raise


def translate_directly(url: str, target: str, texts: list[str], api_key: str = "") -> list[str]:
    """Ask a server ourselves, one text per request: the reference newsloc must match."""
    out = []
    for text in texts:
        payload = {"q": text, "source": "en", "target": target, "format": "text"}
        if api_key:
            payload["api_key"] = api_key
        request = urllib.request.Request(
            f"{url}/translate",
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as answer:
            out.append(json.load(answer)["translatedText"])
    return out
