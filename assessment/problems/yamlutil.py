"""Strict YAML reading: duplicate keys are errors, and every message names the file and line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml


class YamlError(Exception):
    """The file is not valid (strict) YAML; str() is "file:line: what is wrong"."""

    def __init__(self, path: Path | str, line: int | None, message: str):
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(f"{self.path}:{line}: {message}" if line else f"{self.path}: {message}")


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate mapping keys."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    seen: dict[Any, int] = {}
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value, not a list or map", key_node.start_mark
            ) from None
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key {key!r} (first defined on line {seen[key]}); keep only one of them",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line + 1
        mapping[key] = loader.construct_object(value_node, deep=deep)
    return mapping


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

# YAML 1.2 booleans: only true/false. (YAML 1.1 also reads yes/no/on/off as booleans, which turns a rubric label
# such as `No` or a word like `on` into true/false.)
_StrictLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_StrictLoader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))


def loads(text: str, path: Path | str = "<string>") -> Any:
    """Parse `text` strictly; raise YamlError naming `path` and the line."""
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = exc.problem or str(exc)
        if exc.context and "duplicate" not in what:
            what = f"{exc.context}: {what}"
        raise YamlError(path, line, f"invalid YAML: {what}") from None
    except yaml.YAMLError as exc:
        raise YamlError(path, None, f"invalid YAML: {exc}") from None


def load_file(path: Path) -> Any:
    """Read and strictly parse a YAML file (UTF-8, no BOM)."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise YamlError(path, None, f"cannot read the file: {exc.strerror or exc}") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raise YamlError(path, 1, "the file starts with a byte-order mark; save it as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(
            path, None, f"the file is not UTF-8 ({exc.reason} at byte {exc.start}); save it as UTF-8"
        ) from None
    return loads(text, path)


def type_name(value: Any) -> str:
    """A YAML-ish name of a value's type, for messages."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a map"
    return type(value).__name__
