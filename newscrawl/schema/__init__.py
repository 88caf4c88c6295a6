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


def _inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with every local ``$ref`` replaced by the definition it names:
    validation then skips reference resolution, which was most of its cost
    (bench/archive.py: about 1.5 ms of 2 ms per record)."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            merged = {**_inline_refs(defs[ref.removeprefix("#/$defs/")], defs)}
            merged.update({k: _inline_refs(v, defs) for k, v in node.items() if k != "$ref"})
            return merged
        return {k: _inline_refs(v, defs) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inline_refs(v, defs) for v in node]
    return node


@cache
def validator() -> Draft202012Validator:
    schema = load_schema()
    return Draft202012Validator(_inline_refs(schema, schema.get("$defs", {})))


def record_errors(record: dict[str, Any]) -> list[str]:
    """Human-readable schema violations of ``record``, each naming the field."""
    errors = sorted(validator().iter_errors(record), key=lambda e: list(e.absolute_path))
    out = []
    for err in errors:
        where = "/".join(str(p) for p in err.absolute_path) or "<record>"
        out.append(f"{where}: {err.message}")
    return out
