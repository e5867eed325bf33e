"""YAML written by users (scenarios, company profiles), read within bounds.

`yaml.safe_load` refuses code but not size: anchors and aliases let 14 KB expand into
gigabytes ("billion laughs"), and deep nesting exhausts the recursion limit. Here the event
stream is read first (linear, no recursion) to bound depth and size, then the node graph
is measured with aliases counted as often as they expand, and only then built.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_CHARS = 200_000
MAX_DEPTH = 32
MAX_EXPANDED_NODES = 20_000
MAX_EXPANDED_CHARS = 1_000_000


class YamlError(ValueError):
    """YAML that cannot be used; the message is one line naming the source."""


def load_yaml(text: str, source: str) -> Any:
    """The data in `text`, or `YamlError` naming `source` and the problem."""
    if len(text) > MAX_CHARS:
        raise YamlError(f"{source}: {len(text):,} characters; the limit is {MAX_CHARS:,}")
    try:
        _check_events(text, source)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        if node is None:
            return None
        _check_expanded(node, source)
        loader = yaml.SafeLoader("")
        try:
            return loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        detail = " ".join(str(exc).split())
        raise YamlError(f"{source}: not valid YAML: {detail}") from None


def _check_events(text: str, source: str) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlError(f"{source}: nested deeper than {MAX_DEPTH} levels")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _check_expanded(root: Node, source: str) -> None:
    """Count nodes and characters as they would be after aliases expand, without expanding."""
    sizes: dict[int, tuple[int, int]] = {}
    open_nodes: set[int] = set()

    def size(node: Node) -> tuple[int, int]:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_nodes:
            raise YamlError(f"{source}: an alias refers to the node that contains it")
        open_nodes.add(key)
        if isinstance(node, ScalarNode):
            result = (1, len(node.value))
        else:
            children: list[Node] = []
            if isinstance(node, SequenceNode):
                children = list(node.value)
            elif isinstance(node, MappingNode):
                children = [part for pair in node.value for part in pair]
            counts = [size(child) for child in children]
            result = (1 + sum(n for n, _ in counts), sum(c for _, c in counts))
        open_nodes.discard(key)
        sizes[key] = result
        return result

    nodes, chars = size(root)
    if nodes > MAX_EXPANDED_NODES or chars > MAX_EXPANDED_CHARS:
        raise YamlError(
            f"{source}: anchors and aliases expand it to {nodes:,} values and {chars:,} "
            f"characters; the limits are {MAX_EXPANDED_NODES:,} and {MAX_EXPANDED_CHARS:,}"
        )
