"""kstthc's version, in a module of its own so that any stage may name it (packs record it)."""

__version__ = "0.1.0"
