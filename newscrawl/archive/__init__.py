"""The JSON Lines archive: writers, manifests, readers."""
