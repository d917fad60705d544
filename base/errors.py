"""The one error root: everything newsloc raises for bad input derives from `NewslocError`.

The command line catches it once and prints each of its lines as `newsloc: error: …` with
exit code 2; library callers catch it (or one of its kinds) the same way.
"""

from __future__ import annotations

import os


class NewslocError(Exception):
    """Input newsloc cannot use: a file, a value, a model, a server.

    `problems` holds every problem found, each one line naming the file (or the value) and
    what is wrong with it; str() joins them, so it prints as they read.
    """

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class UnreadableFile(NewslocError):
    """A user's file cannot be read: `path` and `problem`; str() is "path: problem"."""

    def __init__(self, path: str | os.PathLike[str], problem: str):
        self.path = os.fspath(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
