"""Translation engines: anything that turns a batch of source sentences into translations."""

from translate.engines.base import Alignment, Engine, Translation

__all__ = ["Alignment", "Engine", "Translation"]
