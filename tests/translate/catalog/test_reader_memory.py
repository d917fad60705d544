"""The strict catalogue reader reads a line at a time (issue 21: `apply` at 50,000
paragraphs peaked at 1 GB, mostly the reader's copies of the file): its peak is the
entries it returns plus a little, and what it reports is unchanged, the encoding error
first wherever it stands."""

from __future__ import annotations

import codecs
import tracemalloc
from pathlib import Path

import pytest

from newsloc.base.po.reader import _CHUNK, CatalogueSyntaxError, parse_catalogue

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: hy\\n"\n\n'


def catalogue(entries: int) -> bytes:
    body = "".join(
        f'#: story.txt:{i}\nmsgid "Shelling was heard in Stepanakert, part {i}."\n'
        f'msgstr "Ստեփանակերտում կրակոցներ են լսվել, մաս {i}։"\n\n'
        for i in range(entries)
    )
    return (HEADER + body).encode("utf-8")


def test_the_peak_is_the_entries_not_copies_of_the_file() -> None:
    data = catalogue(20_000)
    tracemalloc.start()
    try:
        po = parse_catalogue(Path("story.po"), data)
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(po) == 20_000 and po[-1].msgstr.endswith("մաս 19999։")
    # Beside the entries kept, the reader's own bookkeeping: 0.9 times the file's size
    # here; before, the decoded text, a list of its lines and a record per entry, 8.6 times.
    assert peak - kept < 2 * len(data), (peak, kept, len(data))


@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
def test_a_byte_that_is_not_utf8_is_reported_first_with_its_line(bom: bytes) -> None:
    """Past the first megabyte, after a syntax error: the encoding error, with its line."""
    good = catalogue(12_000)
    assert len(good) > _CHUNK
    lines = good.count(b"\n")
    data = bom + b'msgid "a"\nbroken\n' + good + b'msgid "caf\xe9"\nmsgstr "x"\n'
    with pytest.raises(CatalogueSyntaxError) as caught:
        parse_catalogue(Path("story.po"), data)
    assert str(caught.value) == (
        f"story.po:{lines + 3}: not a readable gettext catalogue: not UTF-8 (byte 0xe9)"
    )


def test_a_character_cut_at_a_chunk_boundary_reads_whole() -> None:
    """A two-byte letter split by the reader's piecewise check is one letter."""
    head = HEADER.encode("utf-8") + b'msgid "x"\nmsgstr "'
    filler = b"a" * (_CHUNK - len(head) - 1)
    data = head + filler + "Ս".encode() + b'"\n'
    assert data[_CHUNK - 1 : _CHUNK + 1] == "Ս".encode()
    (entry,) = parse_catalogue(Path("story.po"), data)
    assert entry.msgstr == "a" * len(filler) + "Ս"


def test_fields_continued_over_many_lines_read_whole() -> None:
    """A paragraph wrapped over thousands of lines (each line's string once, not the
    paragraph once per line), in every field that continues: msgid, msgstr, plurals and
    the previous msgid."""
    words = [f"Ստեփանակերտ {i} " for i in range(3000)]
    wrapped = "".join(f'"{word}"\n' for word in words)
    data = (
        HEADER
        + f'#| msgid ""\n#| {wrapped.replace(chr(10), chr(10) + "#| ").rstrip("#| ")}'
        + f'msgid ""\n{wrapped}msgstr ""\n{wrapped}\n'
        + f'msgid "one"\nmsgid_plural ""\n{wrapped}msgstr[0] "a"\n"b"\nmsgstr[1] ""\n{wrapped}'
    ).encode("utf-8")
    single, plural = parse_catalogue(Path("story.po"), data)
    whole = "".join(words)
    assert single.msgid == single.msgstr == single.previous_msgid == whole
    assert plural.msgid_plural == whole
    assert plural.msgstr_plural == {0: "ab", 1: whole}
