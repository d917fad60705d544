"""Translation engines: anything that turns a batch of source sentences into translations.

`base` is the interface, `argos` and `libretranslate` the engines, `registry` builds one by
name; `argos_packages` and `argos_dirs` find the installed Argos packages the engine loads
(`models` installs and removes them).
"""

from newsloc.translate.engines.base import Alignment, Engine, Translation

__all__ = ["Alignment", "Engine", "Translation"]
