"""The installed newsloc distribution's version, for `--version` and X-Generator headers.

Read from package metadata once, on first use: importlib.metadata is slow to import, and
most commands never need it. It lives in the base package because the glossary library
and the application both write the header.
"""

from __future__ import annotations

from functools import cache


@cache
def newsloc_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("newsloc")
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        return "0.0.0+unknown"


def generator() -> str:
    """The `X-Generator` value every file newsloc writes carries."""
    return f"newsloc {newsloc_version()}"
