"""The record's JSON Schema, shipped with the package, and a cached validator."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator


@cache
def load_schema() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("article.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def validator() -> Draft202012Validator:
    return Draft202012Validator(load_schema())


def record_errors(record: dict[str, Any]) -> list[str]:
    """Human-readable schema violations of ``record``, each naming the field."""
    errors = sorted(validator().iter_errors(record), key=lambda e: list(e.absolute_path))
    out = []
    for err in errors:
        where = "/".join(str(p) for p in err.absolute_path) or "<record>"
        out.append(f"{where}: {err.message}")
    return out
