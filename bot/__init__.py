"""digestbot: reads news articles and digests them (key facts, sources, who says what)."""

__version__ = "0.1.0"
