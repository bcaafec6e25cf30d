"""Random changes to a JSON document, for property tests of the schema checkers."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st


def places(value: Any, path: tuple = (), items_per_list: int | None = None) -> list[tuple]:
    """Every place in a document (the first items_per_list items of each list)."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += places(item, (*path, key), items_per_list)
    elif isinstance(value, list):
        for i, item in enumerate(value[:items_per_list]):
            found += places(item, (*path, i), items_per_list)
    return found


def mutate(
    data: st.DataObject,
    document: Any,
    where: list[tuple],
    replacements: st.SearchStrategy,
    extra_keys: list[str],
    times: int,
) -> None:
    """Change the document in place, `times` times at random places: replace a value, delete
    it, or add a key (one of extra_keys) to a record."""
    for _ in range(times):
        path = data.draw(st.sampled_from(where[1:]))
        parent = document
        try:
            for key in path[:-1]:
                parent = parent[key]
            action = data.draw(st.sampled_from(["replace", "delete", "add"]))
            if action == "replace":
                parent[path[-1]] = data.draw(replacements)
            elif action == "delete":
                del parent[path[-1]]
            elif isinstance(parent, dict):
                parent[data.draw(st.sampled_from(extra_keys))] = 1
        except (KeyError, IndexError, TypeError):
            continue
