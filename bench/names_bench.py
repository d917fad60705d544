"""Are names right on real translations? `check` and `apply` measured on FLORES dev.

Reads FLORES-101 **dev** sentences with their professional references and the outputs of
real engines (the layout of mozilla/firefox-translations-models' `evaluation/` folder,
copied outside the repository: the data is never committed, and the test sets are kept
for an independent check):

    DATA/en-ru/flores-dev.en            English source, one sentence a line
    DATA/en-ru/flores-dev.ru            professional reference
    DATA/en-ru/flores-dev.google.ru     one file per engine: flores-dev.ENGINE.LANG

Each sentence is a one-segment document, handed to the glossary library directly
(`Checker` is `glossary check`, `DocumentRenderer` is `glossary apply`). Per language:

- precision: of the sentences whose source names a glossary concept, the share whose
  reference `check` leaves without an error (goal >= 0.99). References a reviewer found
  lacking the name (`bench/names_adjudicated.toml`: the translator dropped it or named
  another place) are right to be flagged; they are counted apart, and the raw share over
  every reference is printed beside it;
- recall: of the (sentence, concept) pairs whose reference has the concept's words, the
  share that `check` flags for that concept once those words are cut out (goal >= 0.98);
- untouched: of the engine outputs `check` finds clean (no error, no warning), the share
  `apply` leaves byte-for-byte unchanged (goal 1.00); also the share of all engine
  outputs left unchanged (to watch);
- repaired: of the engine outputs `check` flags, the share that pass after `apply` (a name
  the engine dropped cannot be put back without alignment).

    .venv/bin/python bench/names_bench.py /work/data/flores-dev
    .venv/bin/python bench/names_bench.py DATA --lang ru --failures 20   # show examples
    .venv/bin/python bench/names_bench.py DATA --glossary other.toml --json
    .venv/bin/python bench/names_bench.py DATA --by-engine
    .venv/bin/python bench/names_bench.py DATA --no-adjudication   # raw precision only

Exit status: 0 after printing, 2 when the data folder or the glossary is unusable.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsloc.glossary import DEFAULT_GLOSSARY_PATH, Glossary, GlossaryError, load_glossary
from newsloc.glossary.check import ERROR, CheckEntry, Checker, Violation
from newsloc.glossary.match import Matcher
from newsloc.glossary.render import DocumentRenderer
from newsloc.glossary.target import WORD_CLASS, TargetIndex

LANGUAGES = ("ru", "hy", "az")
GOALS = {"precision": 0.99, "recall": 0.98, "untouched": 1.0}
SPLIT = "flores-dev"
ADJUDICATED = Path(__file__).resolve().parent / "names_adjudicated.toml"
#: What follows a cut name and belongs to it: hyphenated suffixes (`ԱՄՆ-ի`, `ABŞ-ın`).
_TAIL = re.compile(f"(?:-{WORD_CLASS}+)*")


class DataError(Exception):
    """The data folder cannot be used; the message names the path and the problem."""


@dataclass
class Corpus:
    """One language pair's dev sentences: source, reference and every engine's output."""

    language: str
    source: list[str]
    reference: list[str]
    engines: dict[str, list[str]]


@dataclass(frozen=True)
class Adjudication:
    """A dev reference a reviewer found lacking a name: `check` is right to flag it."""

    language: str
    line: int  # 1-based, in the pair's flores-dev files
    concepts: frozenset[str]
    source_sha256: str  # first 16 hex digits of the English line's SHA-256
    why: str


def source_digest(line: str) -> str:
    return hashlib.sha256(line.encode("utf-8")).hexdigest()[:16]


def load_adjudications(path: Path) -> dict[tuple[str, int], Adjudication]:
    """The reviewed references of `path`, by (language, line); DataError when unusable."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{path}: missing") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{path}: unreadable ({exc})") from None
    found: dict[tuple[str, int], Adjudication] = {}
    for number, entry in enumerate(data.get("reference", []), start=1):
        try:
            item = Adjudication(
                language=str(entry["lang"]),
                line=int(entry["line"]),
                concepts=frozenset(str(c) for c in entry["concepts"]),
                source_sha256=str(entry["source_sha256"]),
                why=str(entry["why"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise DataError(f"{path}: reference {number}: missing or bad {exc}") from None
        found[(item.language, item.line)] = item
    return found


@dataclass
class Failure:
    kind: str
    engine: str
    source: str
    translation: str
    detail: str


@dataclass
class Tally:
    """Counts for one language; ratios are computed when printing."""

    sentences: int = 0
    naming: int = 0
    reference_clean: int = 0
    #: references flagged as an adjudication says they must be (they lack the name)
    adjudicated: int = 0
    #: adjudications that no longer describe what happens, one line each
    stale: list[str] = field(default_factory=list)
    recall_pairs: int = 0
    recall_flagged: int = 0
    outputs: int = 0
    outputs_unchanged: int = 0
    clean: int = 0
    clean_unchanged: int = 0
    flagged: int = 0
    repaired: int = 0
    engines: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    #: engine -> outputs, clean, untouched, flagged, repaired
    per_engine: dict[str, Counter[str]] = field(default_factory=dict)

    def ratios(self) -> dict[str, float | None]:
        return {
            "precision": _ratio(self.reference_clean, self.naming - self.adjudicated),
            "precision_raw": _ratio(self.reference_clean, self.naming),
            "recall": _ratio(self.recall_flagged, self.recall_pairs),
            "untouched": _ratio(self.clean_unchanged, self.clean),
            "unchanged_all": _ratio(self.outputs_unchanged, self.outputs),
            "repaired": _ratio(self.repaired, self.flagged),
        }


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").split("\n")[:-1] or [""]
    except FileNotFoundError:
        raise DataError(f"{path}: missing") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: unreadable ({exc})") from None


def load_corpus(data: Path, language: str) -> Corpus | None:
    """The pair's files, or None when the folder has no en-LANG pair at all."""
    folder = data / f"en-{language}"
    if not folder.is_dir():
        return None
    source = read_lines(folder / f"{SPLIT}.en")
    reference = read_lines(folder / f"{SPLIT}.{language}")
    engines: dict[str, list[str]] = {}
    for path in sorted(folder.glob(f"{SPLIT}.*.{language}")):
        engines[path.name[len(SPLIT) + 1 : -len(language) - 1]] = read_lines(path)
    for label, lines in [("reference", reference), *engines.items()]:
        if len(lines) != len(source):
            raise DataError(f"{folder}: {label} has {len(lines)} lines, the source {len(source)}")
    return Corpus(language, source, reference, engines)


def check_one(glossary: Glossary, language: str, source: str, text: str) -> list[Violation]:
    """`glossary check` on a one-segment document."""
    return Checker(glossary, language).check(CheckEntry(msgid=source, msgstr=text, line=1))


def apply_one(glossary: Glossary, language: str, source: str, text: str) -> str:
    """`glossary apply` on a one-segment document: the translation it writes."""
    return DocumentRenderer(glossary, language).render(source, text).text


def errors(violations: list[Violation]) -> list[Violation]:
    return [v for v in violations if v.severity == ERROR]


def cut_concept(index: TargetIndex, text: str, concept_id: str) -> str | None:
    """The text with every word that names the concept removed; None when there is none."""
    spans = []
    for occurrence in index.find(text):
        if not occurrence.readings_of(concept_id):
            continue
        end = occurrence.end
        if occurrence.secondary is None:
            end = max(end, occurrence.word_end)
            end = _TAIL.match(text, end).end()  # type: ignore[union-attr]
        spans.append((occurrence.start, end))
    if not spans:
        return None
    pieces, last = [], 0
    for start, end in spans:
        pieces.append(text[last:start])
        last = end
    pieces.append(text[last:])
    return " ".join(" ".join(pieces).split())


def evaluate(
    glossary: Glossary,
    corpus: Corpus,
    adjudications: dict[tuple[str, int], Adjudication] | None = None,
) -> Tally:
    language = corpus.language
    adjudications = adjudications or {}
    index = TargetIndex(glossary, language)
    matcher = Matcher(glossary)
    tally = Tally(sentences=len(corpus.source), engines=list(corpus.engines))
    for i, source in enumerate(corpus.source):
        concepts = _named(glossary, language, matcher, source)
        if not concepts:
            continue
        tally.naming += 1
        reference = corpus.reference[i]
        found = errors(check_one(glossary, language, source, reference))
        adjudication = adjudications.get((language, i + 1))
        if adjudication is not None and not _still_applies(adjudication, source, found, tally):
            adjudication = None
        if adjudication is not None:
            tally.adjudicated += 1
            tally.failures.append(
                Failure("lacks the name", "reference", source, reference, adjudication.why)
            )
        elif found:
            tally.failures.append(
                Failure("false alarm", "reference", source, reference, _describe(found))
            )
        else:
            tally.reference_clean += 1
        for concept_id in sorted(concepts):
            if glossary.concept(concept_id).ambiguous:
                continue  # check only warns about these, by design
            cut = cut_concept(index, reference, concept_id)
            if cut is None:
                continue
            tally.recall_pairs += 1
            flagged = [
                v
                for v in errors(check_one(glossary, language, source, cut))
                if v.concept_id == concept_id
            ]
            if flagged:
                tally.recall_flagged += 1
            else:
                tally.failures.append(Failure("missed", "reference", source, cut, concept_id))
        for engine, outputs in corpus.engines.items():
            _engine_output(glossary, language, tally, engine, source, outputs[i])
    return tally


def _still_applies(
    adjudication: Adjudication, source: str, found: list[Violation], tally: Tally
) -> bool:
    """True when the reviewed reference is this line and `check` flags exactly its concepts;
    otherwise the reason goes to `tally.stale` and the reference counts as usual."""
    where = f"{adjudication.language} line {adjudication.line}"
    if source_digest(source) != adjudication.source_sha256:
        tally.stale.append(f"{where}: the English line differs from the one reviewed")
        return False
    flagged = frozenset(v.concept_id for v in found)
    if flagged != adjudication.concepts:
        shown = ", ".join(sorted(flagged)) or "nothing"
        reviewed = ", ".join(sorted(adjudication.concepts))
        tally.stale.append(f"{where}: check flags {shown}, the review says {reviewed}")
        return False
    return True


def _engine_output(
    glossary: Glossary, language: str, tally: Tally, engine: str, source: str, text: str
) -> None:
    tally.outputs += 1
    counts = tally.per_engine.setdefault(engine, Counter())
    counts["outputs"] += 1
    before = check_one(glossary, language, source, text)
    applied = apply_one(glossary, language, source, text)
    unchanged = applied == text
    tally.outputs_unchanged += unchanged
    if not before:
        tally.clean += 1
        tally.clean_unchanged += unchanged
        counts["clean"] += 1
        counts["untouched"] += unchanged
        if not unchanged:
            tally.failures.append(
                Failure("touched", engine, source, text, f"apply wrote: {applied}")
            )
    if errors(before):
        tally.flagged += 1
        counts["flagged"] += 1
        after = errors(check_one(glossary, language, source, applied))
        if after:
            tally.failures.append(
                Failure(
                    "not repaired",
                    engine,
                    source,
                    text,
                    f"{_describe(after)}; apply wrote: {applied}",
                )
            )
        else:
            tally.repaired += 1
            counts["repaired"] += 1


def _named(glossary: Glossary, language: str, matcher: Matcher, source: str) -> set[str]:
    """The concepts the source mentions by a name that has forms in the language."""
    named = set()
    for mention in matcher.find(source):
        concept = glossary.get(mention.concept_id)
        if concept is None or language not in glossary.languages_of(concept):
            continue
        if concept.forms_of(language, mention.name) is not None:
            named.add(concept.id)
    return named


def _describe(violations: list[Violation]) -> str:
    return "; ".join(f"{v.concept_id}: {v.message}" for v in violations)


def _fmt(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def report(tallies: dict[str, Tally], failures: int, by_engine: bool = False) -> str:
    lines = [
        "lang  sentences  naming  precision  (raw)  recall  untouched  unchanged(all)  repaired",
    ]
    for language, t in tallies.items():
        r = t.ratios()
        lines.append(
            f"{language:<4}  {t.sentences:>9}  {t.naming:>6}  "
            f"{_fmt(r['precision']):>9}  {_fmt(r['precision_raw']):>5}  "
            f"{_fmt(r['recall']):>6}  {_fmt(r['untouched']):>9}  "
            f"{_fmt(r['unchanged_all']):>14}  {_fmt(r['repaired']):>8}"
        )
    lines.append("")
    for language, t in tallies.items():
        lacking = (
            f" ({t.adjudicated} more lack the name: raw {t.reference_clean}/{t.naming})"
            if t.adjudicated
            else ""
        )
        lines.append(
            f"{language}: {t.reference_clean}/{t.naming - t.adjudicated} references clean"
            f"{lacking}, "
            f"{t.recall_flagged}/{t.recall_pairs} cut names flagged, "
            f"{t.clean_unchanged}/{t.clean} clean outputs untouched, "
            f"{t.outputs_unchanged}/{t.outputs} outputs unchanged, "
            f"{t.repaired}/{t.flagged} flagged outputs repaired "
            f"(engines: {', '.join(t.engines) or 'none'})"
        )
    if by_engine:
        for language, t in tallies.items():
            for engine, c in t.per_engine.items():
                lines.append(
                    f"  {language} {engine}: {c['outputs']} outputs, {c['clean']} clean "
                    f"({c['untouched']} untouched), {c['flagged']} flagged "
                    f"({c['repaired']} repaired)"
                )
    for language, t in tallies.items():
        lines.extend(f"{language}: adjudication not applied: {note}" for note in t.stale)
    goals = []
    for language, t in tallies.items():
        r = t.ratios()
        for key, goal in GOALS.items():
            value = r[key]
            if value is not None and value < goal:
                goals.append(f"{language} {key} {value:.3f} < {goal}")
    lines.append("goals met" if not goals else "below goal: " + "; ".join(goals))
    if failures:
        for language, t in tallies.items():
            order = {
                "false alarm": 0,
                "missed": 1,
                "touched": 2,
                "not repaired": 3,
                "lacks the name": 4,
            }
            shown = sorted(t.failures, key=lambda f: order[f.kind])[:failures]
            for f in shown:
                lines.append(f"\n[{language} {f.kind} {f.engine}] {f.source}")
                lines.append(f"    {f.translation}")
                lines.append(f"    {f.detail}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="folder holding en-ru/, en-hy/, en-az/")
    parser.add_argument("--glossary", type=Path, default=DEFAULT_GLOSSARY_PATH)
    parser.add_argument("--lang", default=",".join(LANGUAGES), help="e.g. ru,hy,az")
    parser.add_argument(
        "--failures", type=int, default=0, metavar="N", help="print up to N failures per language"
    )
    parser.add_argument("--by-engine", action="store_true", help="counts for each engine")
    parser.add_argument("--json", action="store_true", help="figures as JSON")
    parser.add_argument(
        "--adjudicated",
        type=Path,
        default=ADJUDICATED,
        metavar="PATH",
        help="references reviewed as lacking the name (default: bench/names_adjudicated.toml)",
    )
    parser.add_argument(
        "--no-adjudication", action="store_true", help="count every reference (raw precision)"
    )
    args = parser.parse_args(argv)
    try:
        glossary = load_glossary(args.glossary)
    except GlossaryError as exc:
        print(f"names_bench: {exc}", file=sys.stderr)
        return 2
    if not args.data.is_dir():
        print(f"names_bench: {args.data}: not a folder", file=sys.stderr)
        return 2
    tallies: dict[str, Tally] = {}
    try:
        adjudications = {} if args.no_adjudication else load_adjudications(args.adjudicated)
        for language in [x.strip() for x in args.lang.split(",") if x.strip()]:
            corpus = load_corpus(args.data, language)
            if corpus is not None:
                tallies[language] = evaluate(glossary, corpus, adjudications)
    except DataError as exc:
        print(f"names_bench: {exc}", file=sys.stderr)
        return 2
    if not tallies:
        print(f"names_bench: {args.data}: no en-ru, en-hy or en-az folder", file=sys.stderr)
        return 2
    if args.json:
        figures = {
            lang: t.ratios() | {"naming": t.naming, "lacks_the_name": t.adjudicated}
            for lang, t in tallies.items()
        }
        print(json.dumps(figures))
    else:
        print(report(tallies, args.failures, args.by_engine))
    return 0


if __name__ == "__main__":
    sys.exit(main())
