"""The import graph of the platform and the sandbox has no cycle at all (not only between sibling packages, which
the `acyclic` contract checks), and the custom contract type reads import lines correctly."""

from __future__ import annotations

import grimp

from tests.architecture.contracts import imported_names


def strongly_connected(graph: grimp.ImportGraph) -> list[set[str]]:
    """Tarjan's algorithm over module imports; components of more than one module are cycles."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    counter = 0

    def visit(module: str) -> None:
        nonlocal counter
        index[module] = low[module] = counter
        counter += 1
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(component)

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_module_imports_itself_through_others():
    graph = grimp.build_graph("assessment", "sandbox", exclude_type_checking_imports=True)
    assert len(graph.modules) > 100
    cycles = strongly_connected(graph)
    assert cycles == [], "\n".join(" <-> ".join(sorted(cycle)) for cycle in cycles)


def test_the_cycle_finder_finds_a_cycle():
    graph = grimp.ImportGraph()
    for module in ("a", "a.x", "a.y", "a.z"):
        graph.add_module(module)
    graph.add_import(importer="a.x", imported="a.y")
    graph.add_import(importer="a.y", imported="a.x")
    graph.add_import(importer="a.z", imported="a.x")
    assert strongly_connected(graph) == [{"a.x", "a.y"}]


def test_import_lines_are_read_by_name():
    assert imported_names("from flask import request") == ("flask", {"request"})
    assert imported_names("from flask import (render_template, request as r)") == (
        "flask",
        {"render_template", "request"},
    )
    assert imported_names("    from flask_login import current_user  # noqa") == ("flask_login", {"current_user"})
    assert imported_names("import flask") == ("flask", {"*"})
    assert imported_names("x = 1") is None
