"""The fuzzing suite's settings: a quick normal run, a deep one with NEWSLOC_FUZZ_DEEP=1.

Every test here asserts what a user must be able to rely on for every catalogue command:
the documented exit code, at most one line on stderr naming the file, no traceback,
nothing written on failure, and no reviewed msgstr lost.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

DEEP = os.environ.get("NEWSLOC_FUZZ_DEEP", "") not in ("", "0")

settings.register_profile(
    "newsloc-fuzz",
    max_examples=400 if DEEP else 25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=not DEEP,  # the normal run is reproducible; the deep run explores
)
settings.load_profile("newsloc-fuzz")
