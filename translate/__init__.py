"""newsloc's application: segmentation, engines, catalogues, editions and the CLI.

It depends on the `glossary` library; the library never depends on it.
"""

import os

# onnxruntime (which argostranslate can pull in through MiniSBD) sends telemetry unless this
# is set before it loads. newsloc never imports it, but a process that imports newsloc must
# not phone home through a library either; a user can still set it to 0 deliberately.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")


def __getattr__(name: str) -> str:
    """`newsloc.translate.__version__`, read from package metadata only when asked for."""
    if name == "__version__":
        from newsloc.base.version import newsloc_version

        return newsloc_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
