"""Engines by name, as the CLI offers them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from newsloc.translate.engines.interface import Engine
from newsloc.translate.errors import UserError

ENGINES = ("argos", "libretranslate", "none")


@dataclass(frozen=True)
class EngineOptions:
    """Decoding settings a user may tune from the command line."""

    beam_size: int | None = None
    threads: int = 0
    compute_type: str = "auto"
    #: auto, cpu or cuda (checked, and auto resolved, when the engine factory is made).
    device: str = "auto"
    with_attention: bool = True
    server: str | None = None  # LibreTranslate


def engine_factory(
    name: str, options: EngineOptions | None = None
) -> Callable[[str], Engine | None] | None:
    """A function that builds the named engine for a target language; None for `none`."""
    options = options or EngineOptions()
    if name == "none":
        return None
    if name == "argos":
        from newsloc.translate.engines.ct2_options import (
            check_compute_type,
            check_threads,
            resolve_device,
        )

        # Checked now, before anything is written, not when the first model loads.
        check_threads(options.threads)
        device = resolve_device(options.device)
        check_compute_type(options.compute_type, device)

        def build(target: str) -> Engine:
            from newsloc.translate.engines.argos import DEFAULT_BEAM_SIZE, ArgosEngine

            return ArgosEngine(
                "en",
                target,
                beam_size=DEFAULT_BEAM_SIZE if options.beam_size is None else options.beam_size,
                threads=options.threads,
                compute_type=options.compute_type,
                device=device,
                with_attention=options.with_attention,
            )

        return build
    if name == "libretranslate":
        import os

        from newsloc.translate.engines.libretranslate import SERVER_ENV, parse_servers

        # A missing or malformed server is bad input, refused before anything is written,
        # not a language that could not be translated.
        parse_servers(options.server or os.environ.get(SERVER_ENV, ""))

        def build_remote(target: str) -> Engine:
            from newsloc.translate.engines.libretranslate import LibreTranslateEngine

            return LibreTranslateEngine("en", target, server=options.server)

        return build_remote
    raise UserError(f"--engine: unknown engine {name!r} (choose from {', '.join(ENGINES)})")
