"""Translation engines: anything that turns a batch of source sentences into translations."""

from newsloc.translate.engines.base import Alignment, Engine, Translation

__all__ = ["Alignment", "Engine", "Translation"]
