"""The JSON Lines archive: writers, manifests, readers, verification and crash recovery."""

from newscrawl.archive.reader import read

__all__ = ["read"]
