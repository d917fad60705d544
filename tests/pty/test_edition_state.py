"""`catalog stats` and `edition build` on out-of-date editions, in a real terminal and piped:
the edition column, the changed paragraphs and the correction note (docs/editions.md,
"Corrections")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.pty.conftest import Home, run
from tests.translate.edition.test_corrections import FIRST, SECOND, review, translate

LANGUAGES = ("hy", "az", "ru")


def test_stats_and_build_show_out_of_date_editions(home: Home, mode: str, tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text(FIRST, encoding="utf-8")
    translate(article, tmp_path / "locales", dt.date(2026, 3, 3))
    for language in LANGUAGES:
        review(tmp_path / "locales", language)
    build = ("edition", "build", "--all", "--allow-unreviewed-names", "--allow-fuzzy",
             "--min-reviewed", "0")  # fmt: skip
    assert run(home, mode, *build, cwd=tmp_path).exit_code == 0
    current = run(home, mode, "catalog", "stats", cwd=tmp_path)
    assert current.exit_code == 0, current.text
    assert "current" in current.stdout and "out of date" not in current.stdout

    article.write_text(SECOND, encoding="utf-8")
    translate(article, tmp_path / "locales", dt.date(2026, 3, 5))
    review(tmp_path / "locales", "hy")
    stats = run(home, mode, "catalog", "stats", cwd=tmp_path)
    assert stats.exit_code == 0, stats.text
    # hy, az, ru and the English original (its row says what the English changed).
    assert stats.stdout.count("out of date: 2 source") == 4, stats.text
    assert "paragraphs changed since the editions were built" in stats.stdout
    assert stats.stdout.count("paragraph added") == 4
    assert "Traceback" not in stats.text

    built = run(home, mode, *build, "--correction", cwd=tmp_path)
    assert built.exit_code == 0, built.text
    for language in LANGUAGES:
        assert f"{language}: changed since story.{language}.md was built" in built.stdout
    assert "build/editions/story.hy.md" in built.stdout
    hy = (tmp_path / "build/editions/story.hy.md").read_text(encoding="utf-8")
    assert "Այս հոդվածն ուղղվել է 5 մարտի 2026 թ." in hy
    english = (tmp_path / "build/editions/story.en.md").read_text(encoding="utf-8")
    assert "This article was corrected on 5 March 2026." in english

    # Corrected again: a second note below the first, which is kept as printed.
    article.write_text(SECOND.replace("noon", "one o'clock"), encoding="utf-8")
    translate(article, tmp_path / "locales", dt.date(2026, 3, 6))
    review(tmp_path / "locales", "hy")
    again = run(home, mode, *build, "--correction", "--date", "2026-03-06", cwd=tmp_path)
    assert again.exit_code == 0, again.text
    hy = (tmp_path / "build/editions/story.hy.md").read_text(encoding="utf-8")
    first = hy.index("Այս հոդվածն ուղղվել է 5 մարտի 2026 թ.")
    assert first < hy.index("Այս հոդվածն ուղղվել է 6 մարտի 2026 թ.")
    # The first note still quotes the words it printed; the second the new ones.
    assert "closed at noon" in hy[first:] and "closed at one…" in hy[first:]
    english = (tmp_path / "build/editions/story.en.md").read_text(encoding="utf-8")
    assert english.index("corrected on 5 March 2026") < english.index("corrected on 6 March")
