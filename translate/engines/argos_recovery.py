"""What an interrupted `models install` or `models remove` left behind, put right.

An install extracts into a hidden scratch folder `.newsloc-install-*` in the packages
directory, moves the pair's current model aside into it (`.replaced`), renames the new one
into place, then deletes the scratch folder; an old version is renamed to a hidden
`.newsloc-remove-*` folder before it is deleted. Killed at any point, the next newsloc run
that looks at the installed models (`models list`, `install`, `remove`, `translate`)
finds these folders and puts things right, under the same lock an install holds:

- moved aside but the new one not in place (killed between the two renames): the old
  model goes back where it was;
- anything else hidden of ours (a finished install's scratch, a half-deleted old
  version) is deleted; Argos and newsloc skip hidden folders, so a half-deleted one never
  breaks a listing. (A download's scratch folder, `.newsloc-download-*`, is left alone: a
  download in another process holds no lock while it runs.)
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from newsloc.translate.errors import UserError

INSTALL_PREFIX = ".newsloc-install-"
REMOVE_PREFIX = ".newsloc-remove-"
DOWNLOAD_PREFIX = ".newsloc-download-"
#: Inside an install's scratch folder: the pair's previous model, moved aside.
REPLACED = ".replaced"
#: How long an install waits for another one in the same packages directory.
LOCK_TIMEOUT = 600.0


@contextmanager
def packages_lock(root: Path, wait: bool = True) -> Iterator[bool]:
    """An exclusive `flock` on the packages directory; yields whether it was taken (False
    only with `wait=False` when another install holds it, or the folder cannot be
    locked). Released when the process ends, however it ends."""
    try:
        handle = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        yield False
        return
    try:
        deadline = time.monotonic() + LOCK_TIMEOUT
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                taken = True
                break
            except BlockingIOError:
                if not wait:
                    taken = False
                    break
                if time.monotonic() > deadline:
                    raise UserError(
                        f"{root}: another newsloc run is installing models here; try again later"
                    ) from None
                time.sleep(0.1)
            except OSError:
                taken = not wait  # no locks on this file system: go ahead when we must
                break
        yield taken
    finally:
        os.close(handle)


def recover(root: Path) -> None:
    """Put right what interrupted installs and removals left in `root`; the caller holds
    `packages_lock`. Never raises: a folder that cannot be fixed is left as it was."""
    try:
        leftovers = sorted(p for p in root.iterdir() if p.name.startswith(INSTALL_PREFIX))
        others = sorted(p for p in root.iterdir() if p.name.startswith(REMOVE_PREFIX))
    except OSError:
        return
    for scratch in leftovers:
        with suppress(OSError):
            _restore_replaced(root, scratch)
            shutil.rmtree(scratch)
    for folder in others:
        with suppress(OSError):
            shutil.rmtree(folder)


def recover_if_idle(root: Path) -> None:
    """`recover`, unless an install is running right now (its scratch folder is live)."""
    if not root.is_dir():
        return
    with packages_lock(root, wait=False) as taken:
        if taken:
            recover(root)


def _restore_replaced(root: Path, scratch: Path) -> None:
    """Killed between the two renames: the new package sits complete beside `.replaced`
    in the scratch folder, its name is the old one's, and nothing holds that name."""
    replaced = scratch / REPLACED
    if not (replaced / "metadata.json").is_file():
        return
    names = [p.name for p in scratch.iterdir() if p.is_dir() and not p.name.startswith(".")]
    if len(names) != 1:
        return
    final = root / names[0]
    if final.exists() or final.is_symlink():
        return  # the new one made it into place: the old one goes with the scratch
    os.rename(replaced, final)


def discard(folder: Path) -> None:
    """Delete an installed package so that no half of it is ever seen: one rename to a
    hidden name first (a kill after it leaves a folder every scan skips, deleted on the
    next run), then the deletion."""
    hidden = Path(tempfile.mkdtemp(prefix=REMOVE_PREFIX, dir=folder.parent))
    os.rename(folder, hidden / folder.name)
    shutil.rmtree(hidden, ignore_errors=True)
