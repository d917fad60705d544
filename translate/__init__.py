"""newsloc's application: segmentation, engines, catalogues, editions and the CLI.

It depends on the `glossary` library; the library never depends on it.
"""

import os
from importlib.metadata import PackageNotFoundError, version

# onnxruntime (which argostranslate can pull in through MiniSBD) sends telemetry unless this
# is set before it loads. newsloc never imports it, but a process that imports newsloc must
# not phone home through a library either; a user can still set it to 0 deliberately.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

try:
    __version__ = version("newsloc")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
