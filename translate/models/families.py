"""Model families newsloc installs besides Argos's own packages: what each one is and costs.

Each family is a multilingual encoder-decoder that CTranslate2 runs: NLLB-200 and M2M-100
(Meta) and MADLAD-400 (Google, a T5). One converted model serves every pair; newsloc packages
it per pair the way it packages OPUS-MT (an Argos-style `.argosmodel`), and records in the
package's metadata.json the tokens that pick the languages:

- `source_prefix` / `source_suffix`: tokens put before / after the sentence's pieces
  (NLLB: `eng_Latn` … `</s>`; M2M-100: `__en__` … `</s>`; MADLAD-400: `<2hy>` … `</s>`);
- `target_prefix`: Argos's own field, the token the decoder starts from (NLLB: `hye_Armn`,
  M2M-100: `__hy__`; MADLAD-400 has none).

The engine adds them, strips them from the output and leaves their attention out of the
alignment, so the glossary's alignment fallback sees the sentence's own tokens only.

Licences: NLLB-200 is CC-BY-NC-4.0 (installing it needs `--accept-licence CC-BY-NC-4.0`),
M2M-100 MIT, MADLAD-400 Apache-2.0. Quality figures are Mozilla's published FLORES-101
evaluation (COMET, BLEU), kept with their source in `PUBLISHED_QUALITY`.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsloc.translate.errors import UserError

#: Where the published quality figures come from.
MOZILLA_EVALUATION = (
    "Mozilla's evaluation of offline and cloud engines on the FLORES-101 test set "
    "(firefox-translations-models, evaluation/): "
    "https://github.com/mozilla/firefox-translations-models/tree/main/evaluation"
)

#: What a non-commercial licence means for a newsroom, said once wherever it is asked.
NON_COMMERCIAL_NOTE = (
    "CC-BY-NC-4.0 allows only non-commercial use: a newsroom that sells subscriptions, "
    "advertising or content, or translates for a client, uses the model commercially and "
    "needs a separate licence from the rights holder (Meta) first; research, teaching and "
    "unpaid community work are allowed, with credit to the model"
)


@dataclass(frozen=True)
class Shape:
    """The Transformer's sizes, for the benchmark and `models list`."""

    encoder_layers: int
    decoder_layers: int
    d_model: int
    ffn: int
    heads: int
    vocabulary: int
    #: T5 style: gated feed-forward, RMS norm, relative position biases (MADLAD-400).
    t5: bool = False


@dataclass(frozen=True)
class Family:
    """One model family and size newsloc knows how to install and drive."""

    name: str
    title: str
    kind: str  # "nllb", "m2m100" or "madlad"
    parameters: str
    licence: str
    #: Where the original weights are published (Hugging Face model id).
    original: str
    #: The SentencePiece model in a CTranslate2 conversion (as the converter copies it).
    tokenizer_file: str
    #: Approximate size of the int8 conversion, for `models list` (bytes).
    int8_bytes: int
    shape: Shape

    @property
    def non_commercial(self) -> bool:
        return is_non_commercial(self.licence)

    def language_token(self, code: str) -> str:
        """The token that names language `code` to this family's model."""
        tokens = _LANGUAGE_TOKENS[self.kind]
        if code not in tokens:
            known = ", ".join(sorted(tokens))
            raise UserError(
                f"--family {self.name}: newsloc knows no {self.title} language token for "
                f"{code!r} (it knows {known})"
            )
        return tokens[code]

    def source_prefix(self, source: str, target: str) -> list[str]:
        """Tokens before the sentence: the source language (NLLB, M2M-100) or the target
        language (MADLAD-400's `<2xx>`)."""
        if self.kind == "madlad":
            return [self.language_token(target)]
        return [self.language_token(source)]

    def source_suffix(self) -> list[str]:
        """Tokens after the sentence: end of sentence, as each family's tokenizer adds it."""
        return ["</s>"]

    def target_prefix(self, target: str) -> list[str]:
        """Tokens the decoder starts from: the target language, except for MADLAD-400."""
        if self.kind == "madlad":
            return []
        return [self.language_token(target)]


_LANGUAGE_TOKENS = {
    "nllb": {"en": "eng_Latn", "hy": "hye_Armn", "az": "azj_Latn", "ru": "rus_Cyrl"},
    "m2m100": {"en": "__en__", "hy": "__hy__", "az": "__az__", "ru": "__ru__"},
    "madlad": {"en": "<2en>", "hy": "<2hy>", "az": "<2az>", "ru": "<2ru>"},
}

_NLLB_600M = Shape(12, 12, 1024, 4096, 16, 256_206)
_NLLB_1_3B = Shape(24, 24, 1024, 8192, 16, 256_206)
_M2M_418M = Shape(12, 12, 1024, 4096, 16, 128_112)
_M2M_1_2B = Shape(24, 24, 1024, 8192, 16, 128_112)
_MADLAD_3B = Shape(32, 32, 1024, 8192, 16, 256_000, t5=True)
#: An Argos package / OPUS-MT model: Transformer base.
TRANSFORMER_BASE = Shape(6, 6, 512, 2048, 8, 32_000)

FAMILIES: dict[str, Family] = {
    family.name: family
    for family in (
        Family(
            "nllb-600m",
            "NLLB-200 distilled 600M",
            "nllb",
            "600M",
            "CC-BY-NC-4.0",
            "facebook/nllb-200-distilled-600M",
            "sentencepiece.bpe.model",
            630_000_000,
            _NLLB_600M,
        ),
        Family(
            "nllb-1.3b",
            "NLLB-200 distilled 1.3B",
            "nllb",
            "1.3B",
            "CC-BY-NC-4.0",
            "facebook/nllb-200-distilled-1.3B",
            "sentencepiece.bpe.model",
            1_400_000_000,
            _NLLB_1_3B,
        ),
        Family(
            "m2m100-418m",
            "M2M-100 418M",
            "m2m100",
            "418M",
            "MIT",
            "facebook/m2m100_418M",
            "sentencepiece.bpe.model",
            490_000_000,
            _M2M_418M,
        ),
        Family(
            "m2m100-1.2b",
            "M2M-100 1.2B",
            "m2m100",
            "1.2B",
            "MIT",
            "facebook/m2m100_1.2B",
            "sentencepiece.bpe.model",
            1_250_000_000,
            _M2M_1_2B,
        ),
        Family(
            "madlad-3b",
            "MADLAD-400 3B MT",
            "madlad",
            "3B",
            "Apache-2.0",
            "google/madlad400-3b-mt",
            "spiece.model",
            2_950_000_000,
            _MADLAD_3B,
        ),
    )
}


@dataclass(frozen=True)
class Quality:
    """One published COMET / BLEU pair for en→target."""

    system: str
    comet: float
    bleu: float


#: en→target, by newsloc system name ("argos", "opus-mt", "nllb", "bergamot", "google").
#: Mozilla's evaluation names its NLLB system "nllb" without the size; newsloc shows the
#: figure for both NLLB sizes and says so. M2M-100 and MADLAD-400 are not in it.
PUBLISHED_QUALITY: dict[str, dict[str, Quality]] = {
    "ru": {
        "argos": Quality("Argos", 0.848, 27.6),
        "nllb": Quality("NLLB", 0.861, 26.5),
        "bergamot": Quality("Bergamot base", 0.876, 31.2),
        "google": Quality("Google", 0.902, 34.4),
    },
    "az": {
        "argos": Quality("Argos", 0.519, 5.4),
        "nllb": Quality("NLLB", 0.840, 11.0),
        "bergamot": Quality("Bergamot tiny", 0.837, 13.3),
        "google": Quality("Google", 0.874, 15.2),
    },
    "hy": {
        "opus-mt": Quality("OPUS-MT", 0.680, 7.8),
        "nllb": Quality("NLLB", 0.867, 15.9),
        "google": Quality("Google", 0.903, 24.9),
    },
}

#: What a desk would install per language: (the choice, the choice when NLLB's
#: non-commercial licence rules it out); "default" is the Argos / OPUS-MT package `models
#: install LANG` gives. docs/models.md gives the reasoning and the speed figures.
RECOMMENDED = {
    "hy": ("nllb-600m", "m2m100-418m"),
    "az": ("nllb-600m", "m2m100-418m"),
    "ru": ("default", "default"),
}


def recommendation_line() -> str:
    """One line for `models list`: what to install per language."""
    parts = []
    for language, (choice, commercial) in RECOMMENDED.items():
        if choice == commercial:
            parts.append(f"{language} {choice}")
        else:
            parts.append(f"{language} {choice} (commercial use: {commercial})")
    return "Recommended: " + "; ".join(parts) + " (docs/models.md says why)"


def family(name: str) -> Family:
    """The family called `name`, or a UserError listing the known ones."""
    found = FAMILIES.get(name.strip().lower())
    if found is None:
        known = ", ".join(FAMILIES)
        raise UserError(f"--family {name}: unknown model family (choose from {known})")
    return found


def quality_for(system: str, target: str) -> Quality | None:
    """The published en→target figure for a newsloc system ("argos", "nllb-600m"…)."""
    key = "nllb" if system.startswith("nllb") else system
    return PUBLISHED_QUALITY.get(target, {}).get(key)


def is_non_commercial(licence: str) -> bool:
    """Whether a licence string names a non-commercial licence (CC-BY-NC-…)."""
    return "-NC" in licence.upper() or "NONCOMMERCIAL" in licence.upper().replace("-", "")


def check_licence(licence: str, what: str, accepted: str | None, nothing: str) -> None:
    """Refuse a non-commercial model unless its licence was accepted by name.

    `what` names the model in the message, `nothing` says what did not happen
    ("nothing installed").
    """
    if not is_non_commercial(licence):
        return
    if accepted is not None and accepted.strip().upper() == licence.strip().upper():
        return
    said = f" (--accept-licence {accepted} names another licence)" if accepted else ""
    raise UserError(
        f"{what} is licensed {licence}{said}; {nothing}. {NON_COMMERCIAL_NOTE}. "
        f"If your use is non-commercial, add --accept-licence {licence}"
    )
