"""Reading: an article as a newsroom writes it (plain text, Markdown, HTML or ninjs JSON)
turned into a structured `Article`: headline, standfirst, byline, dateline, body
paragraphs, captions, images' alt text and pull quotes, each with the line it starts at.
The segment stage then splits each element into sentences as it does for plain text.

The format comes from the file's extension or is named (`newsloc translate --format`);
docs/articles.md lists what each format's reader takes as which element.
"""

from __future__ import annotations

from pathlib import Path

from newsloc.translate.errors import UserError
from newsloc.translate.segment import Article, Paragraph

#: The input formats, by the name `--format` takes.
FORMATS = ("text", "markdown", "html", "ninjs")

#: Extensions that name a format; anything else is read as plain text.
EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "ninjs",
    ".ninjs": "ninjs",
}


def check_format(requested: str) -> str:
    """`requested` if it names an article format, else a one-line UserError."""
    if requested not in FORMATS:
        raise UserError(
            f"--format: {requested!r} is not an article format (one of {', '.join(FORMATS)})"
        )
    return requested


def article_format(path: Path, requested: str | None = None) -> str:
    """The format to read `path` in: `requested` when given, else by its extension."""
    if requested is not None:
        return check_format(requested)
    return EXTENSIONS.get(path.suffix.lower(), "text")


def read_article(path: Path, fmt: str | None = None) -> Article:
    """Read the article at `path` in its format; a one-line UserError naming the file when
    it cannot be read or holds no text."""
    from newsloc.translate.reading import html, markdown, ninjs, text

    readers = {
        "text": text.read,
        "markdown": markdown.read,
        "html": html.read,
        "ninjs": ninjs.read,
    }
    paragraphs = tuple(p for p in readers[article_format(path, fmt)](path) if p.text)
    if not paragraphs:
        raise UserError(f"{path}: the article is empty")
    return Article(path=path, paragraphs=paragraphs)


__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "Article",
    "Paragraph",
    "article_format",
    "check_format",
    "read_article",
]
