"""`models install` killed (SIGKILL) at every file-system step: the next run always finds a
working model for the pair and no leftover (issue 20, item 3). The normal run kills before
each rename; the deep mode (NEWSLOC_FUZZ_DEEP=1) before every step (renames, deletions,
folders made)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import ctranslate2
import pytest

from newsloc.translate.models.store import install_file, installed_models
from tests.conftest import REPO
from tests.fuzz.conftest import DEEP
from tests.support.tiny_argos import build_tiny_package

#: Counted in the installing process: every call here is one step a kill can follow.
STEPS = ("rename", "replace", "unlink", "rmdir", "mkdir") if DEEP else ("rename", "replace")


def install_killed_at(archive: Path, step: int) -> int:
    """Install in a subprocess that SIGKILLs itself just before its `step`-th file-system
    step; its return code (0: the install finished first)."""
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from newsloc.translate.models import store

        count = 0
        def counted(real):
            def step(*args, **kwargs):
                global count
                count += 1
                if count == {step}:
                    os.kill(os.getpid(), signal.SIGKILL)
                return real(*args, **kwargs)
            return step

        for name in {STEPS!r}:
            setattr(os, name, counted(getattr(os, name)))
        store.install_file(Path({str(archive)!r}))
        """
    )
    return subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=os.environ.copy(), capture_output=True
    ).returncode


@pytest.fixture()
def packages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "packages"


@pytest.mark.parametrize("new_version", ["1.0", "1.1"])  # same folder, and another one
def test_an_install_killed_at_any_step_leaves_one_working_model(
    tmp_path: Path, packages: Path, new_version: str
) -> None:
    old = build_tiny_package(tmp_path / "old", "en", "ru", seed=3, package_version="1.0")
    new = build_tiny_package(tmp_path / "new", "en", "ru", seed=4, package_version=new_version)
    for step in range(1, 100):
        for folder in packages.glob("*"):
            subprocess.run(["rm", "-rf", str(folder)], check=True)
        install_file(old)
        code = install_killed_at(new, step)
        assert code in (0, -signal.SIGKILL), code
        models = installed_models()  # the next run: recovered
        # One model; two when the kill came after the new one was in place but before
        # the old version was deleted (both work; the newer is used).
        assert 1 <= len(models) <= 2 and {m.version for m in models} <= {"1.0", new_version}
        for model in models:
            ctranslate2.Translator(str(model.path / "model"), device="cpu")
        names = sorted(p.name for p in packages.iterdir())
        assert names == sorted(m.name for m in models), step  # nothing hidden left
        if code == 0:
            break  # every step after this one is past the end of the install
