"""Translation engines: anything that turns a batch of source sentences into translations.

`interface` declares what an engine is and offers, `argos` and `libretranslate` are the
engines, `registry` builds one by name; `argos_packages` and `argos_dirs` find the installed
Argos packages the engine loads (`models` installs and removes them).
"""

from newsloc.translate.engines.interface import Alignment, Engine, Translation

__all__ = ["Alignment", "Engine", "Translation"]
