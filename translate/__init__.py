"""newsloc's application: segmentation, engines, catalogues, editions and the CLI.

It depends on the `glossary` library; the library never depends on it.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsloc")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
