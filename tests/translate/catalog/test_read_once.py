"""Each catalogue is read and parsed once per command (`catalog stats`, `glossary apply`):
on a 50,000-paragraph catalogue a second parse costs seconds."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from newsloc.base.po import reader
from newsloc.translate.catalog import glossary_qa
from newsloc.translate.catalog.stats import catalog_stats
from tests.glossary.test_render import make_glossary
from tests.translate.catalog.test_apply_diff import many_entries


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each file's text was parsed (by the name it was parsed under)."""
    counted: Counter[str] = Counter()
    real = reader.parse_catalogue

    def counting(path, data, *args, **kwargs):
        counted[Path(path).name] += 1
        return real(path, data, *args, **kwargs)

    monkeypatch.setattr(reader, "parse_catalogue", counting)
    for module in ("newsloc.base.po.conventions", "newsloc.translate.catalog.splice"):
        monkeypatch.setattr(f"{module}.parse_catalogue", counting)
    return counted


def test_stats_read_each_catalogue_once(tmp_path: Path, parses: Counter[str]):
    for lang in ("ru", "hy"):
        path = tmp_path / lang / "LC_MESSAGES" / f"story-{lang}.po"
        path.parent.mkdir(parents=True)
        path.write_text(many_entries(12).replace("Language: ru", f"Language: {lang}"), "utf-8")
    rows = catalog_stats(tmp_path)
    assert {row.language for row in rows} == {"ru", "hy"}
    assert parses == {"story-ru.po": 1, "story-hy.po": 1}


def test_apply_parses_the_file_once_and_reads_back_only_what_it_edited(
    tmp_path: Path, parses: Counter[str]
):
    path = tmp_path / "seed.po"
    path.write_text(many_entries(30), encoding="utf-8")
    report = glossary_qa.apply_to_catalog(path, make_glossary())
    assert report.written
    # Once whole, then each edited entry's block alone (the safety check).
    assert parses == {"seed.po": 1 + report.touched}
