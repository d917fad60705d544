"""Checking CTranslate2 settings before anything is written: device, compute type, threads.

CTranslate2 reports a bad compute type or a missing GPU only when a model loads, which is
after `newsloc translate` wrote the template; and `--threads 100000` crashes the process
(libgomp) instead of failing. So the command checks these up front, in one line each.
"""

from __future__ import annotations

import os

from newsloc.translate.errors import UserError

DEVICES = ("auto", "cpu", "cuda")
#: Compute types that are not a weight type but let CTranslate2 choose.
_CHOOSING = ("auto", "default")
#: Threads per core newsloc allows: more only adds switching, and far more crashes libgomp.
THREADS_PER_CORE = 4


def max_threads() -> int:
    """The most `--threads` accepts on this machine."""
    return THREADS_PER_CORE * (os.cpu_count() or 1)


def check_threads(threads: int) -> int:
    """`threads` when 0 (every core) up to `max_threads()`, else a one-line UserError."""
    limit = max_threads()
    if not 0 <= threads <= limit:
        raise UserError(
            f"--threads {threads}: use 0 (every core) up to {limit} "
            f"({THREADS_PER_CORE} per core on this machine)"
        )
    return threads


def resolve_device(device: str) -> str:
    """ "cpu" or "cuda": `auto` picks CUDA when CTranslate2 sees a GPU; `cuda` must see one."""
    if device not in DEVICES:
        raise UserError(f"--device {device}: choose from {', '.join(DEVICES)}")
    if device == "cpu":
        return "cpu"
    gpus = _cuda_devices()
    if device == "cuda" and gpus == 0:
        raise UserError(
            "--device cuda: CTranslate2 sees no CUDA GPU on this machine (no device, or no "
            "CUDA driver); use --device cpu or auto"
        )
    return "cuda" if gpus > 0 else "cpu"


def check_compute_type(compute_type: str, device: str) -> str:
    """`compute_type` if CTranslate2 supports it on `device` ("cpu"/"cuda"), else a UserError."""
    import ctranslate2

    if compute_type in _CHOOSING:
        return compute_type
    supported = sorted(ctranslate2.get_supported_compute_types(device))
    if compute_type not in supported:
        raise UserError(
            f"--compute-type {compute_type}: not supported on {device} here; choose from "
            f"{', '.join([*_CHOOSING, *supported])}"
        )
    return compute_type


def _cuda_devices() -> int:
    import ctranslate2

    try:
        return int(ctranslate2.get_cuda_device_count())
    except RuntimeError:  # a CUDA library that cannot start counts as no GPU
        return 0
