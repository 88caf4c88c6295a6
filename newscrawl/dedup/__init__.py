"""Fingerprints and the seen/duplicate stores."""
