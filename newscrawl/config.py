"""Checks of a crawl's configuration made before anything starts: ``NEWSCRAWL_*``
setting names (a typo would otherwise be ignored without a word)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

PREFIX = "NEWSCRAWL_"


def known_settings() -> set[str]:
    """The ``NEWSCRAWL_*`` settings newscrawl reads: those defined in newscrawl/settings.py."""
    import newscrawl.settings as defaults

    return {name for name in vars(defaults) if name.startswith(PREFIX)}


def closest(name: str, choices: Iterable[str]) -> str | None:
    """The choice ``name`` is most likely a typo of, or None."""
    found = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.75)
    return found[0] if found else None


def unknown_setting(names: Iterable[str]) -> str | None:
    """One line about the first ``NEWSCRAWL_*`` name newscrawl does not know, or None."""
    known = known_settings()
    for name in sorted(names):
        if name.startswith(PREFIX) and name not in known:
            guess = closest(name, known)
            if guess:
                return f"unknown setting {name} (did you mean {guess}?)"
            return (f"unknown setting {name}; {PREFIX} settings are those of newscrawl/settings.py: "
                    + ", ".join(sorted(known)))
    return None
