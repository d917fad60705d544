"""Can an editor trust names on real regional copy? `check` and `apply` on the dev set.

Reads the real-copy development set of issue 18 (`bench/regional/*.toml`: Russian,
Armenian and Azerbaijani sentences from Wikipedia, agency copy and official texts, each
with its English and what an editor wants; the format is in `bench/regional/README.md`).
Each item is a one-segment document handed to the glossary library exactly as
`bench/names_bench.py` does (`check_one` is `glossary check`, `apply_one` is `glossary
apply`). Per language:

- false alarms: of the correct items, the share on which `check` reports an error
  (goal <= 0.02);
- misses: of the wrong items, the share `check` passes without an error (goal <= 0.02);
- harmful: of the correct items, the share `apply` changes into a text that is not in the
  item's `acceptable` list (goal 0);
- repairs: of the wrong items, the share `apply` turns into an acceptable text;
- wrong repairs: of the wrong items, the share `apply` changes into another unacceptable
  text (those it leaves unchanged are neither);
- forms accepted: of the real name forms listed in the correct items (`forms`), the share
  the glossary finds in the text as a form, variant or short form of the right concept,
  or as the second name of a rendering of it, or (a one-word name in small letters, quoted
  as a word) as check reads it (goal >= 0.99).

    .venv/bin/python bench/regional_bench.py
    .venv/bin/python bench/regional_bench.py --lang ru --failures 20   # show examples
    .venv/bin/python bench/regional_bench.py --class 2 --json          # one class of issue 18
    .venv/bin/python bench/regional_bench.py --set other/folder --glossary other.toml

Exit status: 0 after printing, 2 when the set or the glossary is unusable.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.names_bench import (
    LANGUAGES,
    DataError,
    _describe,
    _fmt,
    _ratio,
    apply_one,
    check_one,
    errors,
)
from newsloc.glossary import DEFAULT_GLOSSARY_PATH, Glossary, GlossaryError, load_glossary
from newsloc.glossary.match import WORD_CHARS
from newsloc.glossary.pairing import name_in_small_letters
from newsloc.glossary.target import target_index

SET = Path(__file__).resolve().parent / "regional"
CLASSES = ("1", "2", "3", "4", "5", "6", "7", "control")
ORIGINS = ("counterpart", "faithful")
TEXT_ORIGINS = ("real", "constructed")
GOALS = {"false_alarms": 0.02, "misses": 0.02, "harmful": 0.0}
FORMS_GOAL = 0.99
#: The kinds of problem an item's `check` may name (README.md describes them).
CHECK_KINDS = (
    "missing-name",
    "missing-secondary",
    "other-name-alone",
    "ambiguous-reading",
    "near-miss",
    "variant",
    "quotation",
    "homoglyph",
    "other-name-recognised",
)


@dataclass(frozen=True)
class Form:
    """A name form as written in a correct item's text, and the concept(s) it names."""

    text: str
    concepts: tuple[str, ...]


@dataclass(frozen=True)
class Item:
    id: str
    language: str
    klass: str
    source: str
    english: str
    english_origin: str
    text: str
    text_origin: str
    correct: bool
    acceptable: tuple[str, ...]
    check: tuple[str, ...]  # () means "ok": no error expected
    forms: tuple[Form, ...]


def _parse_form(spec: object, where: str) -> Form:
    if not isinstance(spec, str) or "=" not in spec:
        raise DataError(f'{where}: forms: "{spec}" is not FORM=CONCEPT[|CONCEPT]')
    written, _, concepts = spec.rpartition("=")
    ids = tuple(c.strip() for c in concepts.split("|") if c.strip())
    if not written or not ids:
        raise DataError(f'{where}: forms: "{spec}" is not FORM=CONCEPT[|CONCEPT]')
    return Form(written, ids)


def _item(entry: dict[str, object], language: str, where: str) -> Item:
    def text_field(key: str) -> str:
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            raise DataError(f"{where}: {key}: missing or empty")
        return value

    item_id = text_field("id")
    where = f"{where} ({item_id})"
    if not item_id.startswith(f"{language}-"):
        raise DataError(f"{where}: id does not start with the file's language {language!r}")
    klass = entry.get("class")
    if klass not in CLASSES:
        raise DataError(f"{where}: class: {klass!r} is not one of {', '.join(CLASSES)}")
    source = text_field("source")
    if not source.startswith(("http://", "https://")):
        raise DataError(f"{where}: source: {source!r} is not a web address")
    origin = entry.get("english_origin")
    if origin not in ORIGINS:
        raise DataError(f"{where}: english_origin: {origin!r} is not one of {', '.join(ORIGINS)}")
    text_origin = entry.get("text_origin", "real")
    if text_origin not in TEXT_ORIGINS:
        raise DataError(f"{where}: text_origin: {text_origin!r} is not real or constructed")
    correct = entry.get("correct")
    if not isinstance(correct, bool):
        raise DataError(f"{where}: correct: missing or not true/false")
    text = text_field("text")
    acceptable = entry.get("acceptable")
    if not isinstance(acceptable, list) or not all(isinstance(a, str) for a in acceptable):
        raise DataError(f"{where}: acceptable: missing or not a list of texts")
    if correct and text not in acceptable:
        raise DataError(f"{where}: a correct item's text must be in its acceptable list")
    if not correct and text in acceptable:
        raise DataError(f"{where}: a wrong item's text cannot be acceptable")
    if not correct and not acceptable:
        raise DataError(f"{where}: a wrong item needs at least one acceptable text")
    check = entry.get("check")
    if check == "ok":
        kinds: tuple[str, ...] = ()
    elif isinstance(check, list) and check and all(k in CHECK_KINDS for k in check):
        kinds = tuple(str(k) for k in check)
    else:
        raise DataError(f'{where}: check: {check!r} is not "ok" or a list of problem kinds')
    if not correct and not kinds:
        raise DataError(f'{where}: check: a wrong item cannot expect "ok"')
    raw_forms = entry.get("forms", [])
    if not isinstance(raw_forms, list):
        raise DataError(f"{where}: forms: not a list")
    forms = tuple(_parse_form(f, where) for f in raw_forms)
    for form in forms:
        if form.text not in text:
            raise DataError(f'{where}: forms: "{form.text}" is not in the text')
    return Item(
        id=item_id,
        language=language,
        klass=str(klass),
        source=source,
        english=text_field("english"),
        english_origin=str(origin),
        text=text,
        text_origin=str(text_origin),
        correct=correct,
        acceptable=tuple(acceptable),
        check=kinds,
        forms=forms,
    )


def load_items(path: Path) -> list[Item]:
    """The items of one language file; DataError naming the file when it is unusable."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{path}: missing") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{path}: unreadable ({exc})") from None
    header = data.get("set")
    language = header.get("language") if isinstance(header, dict) else None
    if language != path.stem:
        raise DataError(f"{path}: [set] language must be {path.stem!r}, the file's name")
    entries = data.get("item")
    if not isinstance(entries, list) or not entries:
        raise DataError(f"{path}: no [[item]]")
    items, seen = [], set()
    for number, entry in enumerate(entries, start=1):
        item = _item(entry, language, f"{path}: item {number}")
        if item.id in seen:
            raise DataError(f"{path}: item {number}: id {item.id} is used twice")
        seen.add(item.id)
        items.append(item)
    return items


def load_set(folder: Path, languages: Iterable[str] = LANGUAGES) -> dict[str, list[Item]]:
    """Every language file of the set that exists, by language."""
    if not folder.is_dir():
        raise DataError(f"{folder}: not a folder")
    found = {
        lang: load_items(folder / f"{lang}.toml")
        for lang in languages
        if (folder / f"{lang}.toml").exists()
    }
    if not found:
        raise DataError(f"{folder}: no {', '.join(f'{lang}.toml' for lang in languages)}")
    return found


@dataclass
class Failure:
    kind: str
    item: Item
    detail: str


@dataclass
class Tally:
    """Counts for one language; ratios are computed when printing."""

    items: int = 0
    correct: int = 0
    wrong: int = 0
    false_alarms: int = 0
    misses: int = 0
    harmful: int = 0
    repairs: int = 0
    wrong_repairs: int = 0
    forms: int = 0
    forms_accepted: int = 0
    unknown_concepts: set[str] = field(default_factory=set)
    failures: list[Failure] = field(default_factory=list)

    def ratios(self) -> dict[str, float | None]:
        return {
            "false_alarms": _ratio(self.false_alarms, self.correct),
            "misses": _ratio(self.misses, self.wrong),
            "harmful": _ratio(self.harmful, self.correct),
            "repairs": _ratio(self.repairs, self.wrong),
            "wrong_repairs": _ratio(self.wrong_repairs, self.wrong),
            "forms_accepted": _ratio(self.forms_accepted, self.forms),
        }

    def counts(self) -> dict[str, int]:
        return {
            "items": self.items,
            "correct": self.correct,
            "wrong": self.wrong,
            "false_alarm_count": self.false_alarms,
            "miss_count": self.misses,
            "harmful_count": self.harmful,
            "repair_count": self.repairs,
            "wrong_repair_count": self.wrong_repairs,
            "forms": self.forms,
            "forms_accepted_count": self.forms_accepted,
        }


def accepted_forms(glossary: Glossary, language: str, item: Item) -> list[tuple[Form, bool]]:
    """Each listed form of the item, and whether an occurrence the glossary finds in its
    text covers the form where it is written and shows one of the form's concepts (as its
    name or as its second name). A name written in small letters (`«ханкенди»`, a name
    quoted as a word) is no occurrence the index finds; it counts when `check` and `apply`
    recognise it as the concept's name in small letters."""
    occurrences = target_index(glossary, language).find(item.text)
    found = []
    for form, start in _form_starts(item.text, item.forms):
        known = [c for c in form.concepts if glossary.get(c) is not None]
        end = start + len(form.text)
        accepted = any(
            o.start <= start
            and end <= max(o.end, o.word_end)
            and any(o.names_shown(c) for c in known)
            for o in occurrences
        ) or (
            form.text == form.text.lower()
            and any(
                name_in_small_letters(
                    glossary, language, c, set(glossary.concept(c).names), form.text
                )
                for c in known
            )
        )
        found.append((form, accepted))
    return found


def _form_starts(text: str, forms: tuple[Form, ...]) -> list[tuple[Form, int]]:
    """Each listed form with where it is written.

    A listing is a word as the text writes it, so it is placed where the spelling stands as
    a whole word if it can be, else where it starts a word (the Armenian and Azerbaijani
    suffixes), else anywhere; never inside a longer listed form (`Азербайджана` listed
    beside `Западного Азербайджана` is the other one) nor on a place another listing of it
    took. Longer forms are placed first; the k-th listing of a spelling takes its k-th such
    place, and one listed more often than written counts at its last place.
    """
    taken: list[tuple[int, int]] = []
    starts: dict[int, int] = {}
    order = sorted(range(len(forms)), key=lambda i: (-len(forms[i].text), i))
    for i in order:
        spelling = forms[i].text
        places = sorted(_places(text, spelling), key=lambda place: (place[0], place[1]))
        free = [
            start
            for _, start in places
            if not any(start < end and begin < start + len(spelling) for begin, end in taken)
        ]
        start = free[0] if free else text.rfind(spelling)
        taken.append((start, start + len(spelling)))
        starts[i] = start
    return [(form, starts[i]) for i, form in enumerate(forms)]


_WORD_CHAR = re.compile(f"[{WORD_CHARS}]")


def _places(text: str, spelling: str) -> list[tuple[int, int]]:
    """(tier, start) of every place `spelling` is written in `text`: tier 0 a whole word,
    1 the start of a longer word, 2 inside a word."""
    places, start = [], text.find(spelling)
    while start >= 0:
        end = start + len(spelling)
        opens = start == 0 or not _WORD_CHAR.match(text[start - 1])
        closes = end == len(text) or not _WORD_CHAR.match(text[end])
        places.append((0 if opens and closes else 1 if opens else 2, start))
        start = text.find(spelling, start + 1)
    return places


def evaluate(glossary: Glossary, language: str, items: list[Item]) -> Tally:
    tally = Tally()
    for item in items:
        tally.items += 1
        found = errors(check_one(glossary, language, item.english, item.text))
        applied = apply_one(glossary, language, item.english, item.text)
        if item.correct:
            tally.correct += 1
            if found:
                tally.false_alarms += 1
                tally.failures.append(Failure("false alarm", item, _describe(found)))
            if applied != item.text and applied not in item.acceptable:
                tally.harmful += 1
                tally.failures.append(Failure("harmful", item, f"apply wrote: {applied}"))
            for form, accepted in accepted_forms(glossary, language, item):
                tally.forms += 1
                tally.unknown_concepts.update(c for c in form.concepts if glossary.get(c) is None)
                if accepted:
                    tally.forms_accepted += 1
                else:
                    wanted = " or ".join(form.concepts)
                    tally.failures.append(
                        Failure("form not accepted", item, f'"{form.text}" as {wanted}')
                    )
        else:
            tally.wrong += 1
            if not found:
                tally.misses += 1
                tally.failures.append(Failure("missed", item, f"expected: {', '.join(item.check)}"))
            if applied in item.acceptable:
                tally.repairs += 1
            elif applied != item.text:
                tally.wrong_repairs += 1
                tally.failures.append(Failure("wrong repair", item, f"apply wrote: {applied}"))
            else:
                tally.failures.append(Failure("not repaired", item, "apply left it unchanged"))
    return tally


ORDER = ("false alarm", "harmful", "missed", "wrong repair", "form not accepted", "not repaired")


def report(tallies: dict[str, Tally], failures: int = 0) -> str:
    lines = [
        "lang  items  correct  wrong  false alarms  misses  harmful  repairs  wrong repairs  "
        "forms accepted",
    ]
    for language, t in tallies.items():
        r = t.ratios()
        lines.append(
            f"{language:<4}  {t.items:>5}  {t.correct:>7}  {t.wrong:>5}  "
            f"{_fmt(r['false_alarms']):>12}  {_fmt(r['misses']):>6}  {_fmt(r['harmful']):>7}  "
            f"{_fmt(r['repairs']):>7}  {_fmt(r['wrong_repairs']):>13}  "
            f"{_fmt(r['forms_accepted']):>14}"
        )
    lines.append("")
    for language, t in tallies.items():
        lines.append(
            f"{language}: {t.false_alarms}/{t.correct} correct flagged, "
            f"{t.misses}/{t.wrong} wrong passed, {t.harmful}/{t.correct} correct made wrong, "
            f"{t.repairs}/{t.wrong} wrong repaired, {t.wrong_repairs}/{t.wrong} wrongly "
            f"rewritten, {t.forms_accepted}/{t.forms} forms accepted"
        )
        if t.unknown_concepts:
            lines.append(
                f"{language}: concepts the glossary lacks: {', '.join(sorted(t.unknown_concepts))}"
            )
    below = []
    for language, t in tallies.items():
        r = t.ratios()
        for key, goal in GOALS.items():
            value = r[key]
            if value is not None and value > goal:
                below.append(f"{language} {key.replace('_', ' ')} {value:.3f} > {goal}")
        forms = r["forms_accepted"]
        if forms is not None and forms < FORMS_GOAL:
            below.append(f"{language} forms accepted {forms:.3f} < {FORMS_GOAL}")
    lines.append("goals met" if not below else "below goal: " + "; ".join(below))
    if failures:
        for t in tallies.values():
            shown = sorted(t.failures, key=lambda f: ORDER.index(f.kind))[:failures]
            for f in shown:
                lines.append(f"\n[{f.item.id} class {f.item.klass} {f.kind}] {f.item.english}")
                lines.append(f"    {f.item.text}")
                lines.append(f"    {f.detail}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=SET, help="folder of ru.toml, hy.toml, az.toml")
    parser.add_argument("--glossary", type=Path, default=DEFAULT_GLOSSARY_PATH)
    parser.add_argument("--lang", default=",".join(LANGUAGES), help="e.g. ru,hy,az")
    parser.add_argument(
        "--class", dest="klass", choices=CLASSES, help="only the items of one class of issue 18"
    )
    parser.add_argument(
        "--failures", type=int, default=0, metavar="N", help="print up to N failures per language"
    )
    parser.add_argument("--json", action="store_true", help="figures as JSON")
    args = parser.parse_args(argv)
    try:
        glossary = load_glossary(args.glossary)
    except GlossaryError as exc:
        print(f"regional_bench: {exc}", file=sys.stderr)
        return 2
    languages = [x.strip() for x in args.lang.split(",") if x.strip()]
    unknown = [lang for lang in languages if lang not in LANGUAGES]
    if unknown:
        print(f"regional_bench: --lang: unknown language {unknown[0]!r}", file=sys.stderr)
        return 2
    try:
        dev_set = load_set(args.set, languages)
    except DataError as exc:
        print(f"regional_bench: {exc}", file=sys.stderr)
        return 2
    tallies = {}
    for language, items in dev_set.items():
        chosen = [i for i in items if args.klass is None or i.klass == args.klass]
        tallies[language] = evaluate(glossary, language, chosen)
    if args.json:
        printed = json.dumps({lang: t.ratios() | t.counts() for lang, t in tallies.items()})
    else:
        printed = report(tallies, args.failures)
    try:
        print(printed, flush=True)
    except BrokenPipeError:  # `| head`: the reader has had enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
