"""Test-wide isolation: no network, and Argos never touches the real home directory."""

from __future__ import annotations

import os
import socket
import tempfile
from pathlib import Path

import pytest

# Argos reads its settings from the environment when `argostranslate.settings` is first
# imported, so the sandbox must exist before any test module imports it.
_ARGOS_HOME = Path(tempfile.mkdtemp(prefix="newsloc-tests-argos-"))
for _var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
    os.environ[_var] = str(_ARGOS_HOME / _var.lower())
os.environ["ARGOS_PACKAGES_DIR"] = str(_ARGOS_HOME / "packages")
# newsloc's glossary cache (glossary/cache.py) goes to the sandbox too, never ~/.cache.
os.environ["NEWSLOC_CACHE_DIR"] = str(_ARGOS_HOME / "newsloc-cache")
os.environ.pop("NEWSLOC_NO_CACHE", None)
# An index address that can never be reached: any attempt to download fails fast.
os.environ["ARGOS_PACKAGE_INDEX"] = "http://127.0.0.1:9/"
# The same for the OPUS-MT releases `models install hy` builds Armenian from.
os.environ["NEWSLOC_OPUS_MT_MIRROR"] = "http://127.0.0.1:9/"

REPO = Path(__file__).resolve().parent.parent
#: The contract folder beside the repository. NEWSLOC_SHARED points the tests elsewhere, e.g.
#: `NEWSLOC_SHARED=/nonexistent` runs the suite as a bare clone without ../shared would.
SHARED = Path(os.environ.get("NEWSLOC_SHARED") or REPO.parent / "shared")
SEED_ARTICLE = SHARED / "articles" / "seed-article.txt"
#: The one reason every seed-article test gives on a clone without ../shared beside it.
SEED_ARTICLE_MISSING = "needs the seed article ../shared/articles/seed-article.txt (CI has it)"
#: Our own article (Stepanakert, Lachin, Shusha, Kalbajar, Baku, the ICRC …), always here.
SAMPLE_ARTICLE = REPO / "examples" / "sample-article.txt"

_LOOPBACK = ("127.", "::1", "localhost")
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _guard(address: object) -> None:
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and (host.startswith(_LOOPBACK) or host.startswith("/")):
        return
    if isinstance(host, bytes):  # abstract unix socket
        return
    raise OSError(f"tests may not use the network (tried to connect to {address!r})")


def _connect(self: socket.socket, address: object) -> None:
    _guard(address)
    return _real_connect(self, address)


def _connect_ex(self: socket.socket, address: object) -> int:
    _guard(address)
    return _real_connect_ex(self, address)


socket.socket.connect = _connect  # type: ignore[method-assign]
socket.socket.connect_ex = _connect_ex  # type: ignore[method-assign]


@pytest.fixture(scope="session")
def seed_article() -> Path:
    """The article newsloc was started for, from ../shared (read, never written)."""
    if not SEED_ARTICLE.exists():
        pytest.skip(SEED_ARTICLE_MISSING)
    return SEED_ARTICLE


@pytest.fixture(scope="session", params=["sample", "seed"])
def news_article(request: pytest.FixtureRequest) -> Path:
    """A real English news article naming contested places: the sample article always, the
    seed article too where ../shared has it (that case skips like `seed_article`)."""
    if request.param == "seed":
        return request.getfixturevalue("seed_article")
    return SAMPLE_ARTICLE
