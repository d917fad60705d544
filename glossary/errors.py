"""Errors the glossary library raises for bad glossary files and bad glossary input."""

from newsloc.base.errors import NewslocError


class GlossaryError(NewslocError):
    """A glossary file (or a glossary exchange file) cannot be used.

    Each problem names the file, the concept id and the line where TOML gives it.
    """
