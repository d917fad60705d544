"""Issue 20, item 3: an interrupted `models install` leaves a working model.

A real install runs in a subprocess that kills itself (SIGKILL) at the moment under test:
between the two renames, or while an older version is being deleted. The next run (this
process: `models list`, `install`, the engine's lookup) must find a working model and no
leftover. And a package whose model does not load never replaces one that does.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import ctranslate2
import pytest

from newsloc.translate.engines.argos_packages import find_package
from newsloc.translate.errors import UserError
from newsloc.translate.models.store import install_file, installed_models
from tests.conftest import REPO
from tests.support.tiny_argos import build_tiny_package

TOP_1_0 = "translate-en_ru-1_0"


def package_dirs(root: Path) -> list[str]:
    """Everything in the packages directory, hidden scratch directories included."""
    return sorted(p.name for p in root.iterdir()) if root.exists() else []


def install_killed(archive: Path, kill_at: str) -> int:
    """Install `archive` in a subprocess that SIGKILLs itself at `kill_at`: "second rename"
    (the new package about to move into place, the old one moved aside) or "deleting"
    (an older version's deletion under way, its metadata.json already gone)."""
    script = textwrap.dedent(
        f"""
        import os, shutil, signal
        from pathlib import Path
        from newsloc.translate.models import store

        KILL_AT = {kill_at!r}
        real_rename, real_rmtree = os.rename, shutil.rmtree

        def rename(source, target):
            if KILL_AT == "second rename" and Path(target).parent == store.packages_dir():
                if not Path(source).name.startswith(".replaced"):
                    os.kill(os.getpid(), signal.SIGKILL)
            return real_rename(source, target)

        def rmtree(path, *args, **kwargs):
            path = Path(path)
            for found in path.rglob("metadata.json"):
                if KILL_AT == "deleting" and "1_0" in str(found):
                    found.unlink()  # the first file a deletion removed
                    os.kill(os.getpid(), signal.SIGKILL)
            return real_rmtree(path, *args, **kwargs)

        os.rename = rename
        shutil.rmtree = rmtree
        store.install_file(Path({str(archive)!r}))
        """
    )
    process = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=os.environ.copy(), capture_output=True
    )
    return process.returncode


def assert_loads(folder: Path) -> None:
    ctranslate2.Translator(str(folder / "model"), device="cpu")


def test_killed_between_the_two_renames_the_old_model_comes_back(
    tmp_path: Path, argos_sandbox: Path
) -> None:
    old = build_tiny_package(tmp_path / "a", "en", "ru", seed=3)
    new = build_tiny_package(tmp_path / "b", "en", "ru", seed=5)
    install_file(old)
    before = (argos_sandbox / TOP_1_0 / "model" / "model.bin").read_bytes()

    assert install_killed(new, "second rename") == -signal.SIGKILL
    assert TOP_1_0 not in package_dirs(argos_sandbox)  # what the kill left: no model

    (model,) = installed_models()  # the next run puts it right
    assert model.path == argos_sandbox / TOP_1_0
    assert (model.path / "model" / "model.bin").read_bytes() == before
    assert package_dirs(argos_sandbox) == [TOP_1_0]  # no .newsloc-install-* hiding it
    assert find_package("en", "ru") is not None
    assert_loads(model.path)


def test_killed_while_deleting_an_older_version_nothing_breaks(
    tmp_path: Path, argos_sandbox: Path
) -> None:
    old = build_tiny_package(tmp_path / "v1", "en", "ru", seed=3, package_version="1.0")
    new = build_tiny_package(tmp_path / "v2", "en", "ru", seed=4, package_version="1.1")
    install_file(old)

    assert install_killed(new, "deleting") == -signal.SIGKILL

    assert [(m.pair, m.version) for m in installed_models()] == [("en→ru", "1.1")]
    assert package_dirs(argos_sandbox) == ["translate-en_ru-1_1"]
    assert install_file(old).replaced == ("1.1",)  # install works too
    assert package_dirs(argos_sandbox) == [TOP_1_0]


def _with_model_bin(source: Path, out: Path, data: bytes | None) -> Path:
    """A copy of the package with model.bin replaced by `data` (None: by a folder)."""
    name = f"{TOP_1_0}/model/model.bin"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w") as new:
        for member in old.infolist():
            if member.filename != name:
                new.writestr(member, old.read(member))
        if data is None:
            new.writestr(zipfile.ZipInfo(name + "/"), b"")
        else:
            new.writestr(name, data)
    return out


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"\x00garbage" * 100, "its model does not load"),
        (b"", "its model does not load"),
        (None, "model.bin is a folder"),
    ],
)
def test_a_package_whose_model_does_not_load_replaces_nothing(
    tmp_path: Path,
    tiny_argosmodels: dict[str, Path],
    argos_sandbox: Path,
    data: bytes | None,
    says: str,
) -> None:
    install_file(tiny_argosmodels["ru"])
    before = (argos_sandbox / TOP_1_0 / "model" / "model.bin").read_bytes()
    bad = _with_model_bin(tiny_argosmodels["ru"], tmp_path / f"{TOP_1_0}.argosmodel", data)
    with pytest.raises(UserError) as caught:
        install_file(bad)
    message = str(caught.value)
    assert message.startswith(str(bad)) and says in message and "\n" not in message
    assert (argos_sandbox / TOP_1_0 / "model" / "model.bin").read_bytes() == before
    assert package_dirs(argos_sandbox) == [TOP_1_0]
    assert_loads(argos_sandbox / TOP_1_0)
