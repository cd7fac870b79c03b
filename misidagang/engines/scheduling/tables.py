"""Concrete tables, assigned after solving.

Tables are interchangeable, so the model only bounds the meetings per slot by `tables`; any
assignment of distinct tables within a slot is then valid. With `previous`, a meeting keeps its
previous table when that table is still free in its slot (meetings that kept their slot first).
"""

from __future__ import annotations


def assign_tables(
    slot_of: dict[int, int], tables: int, previous: dict[int, tuple[int, int | None]]
) -> dict[int, int]:
    """Meeting index -> table (0-based), distinct within each slot."""
    by_slot: dict[int, list[int]] = {}
    for m, t in slot_of.items():
        by_slot.setdefault(t, []).append(m)
    out: dict[int, int] = {}
    for t, ms in by_slot.items():
        if len(ms) > tables:
            raise ValueError(f"slot {t} holds {len(ms)} meetings for {tables} tables")
        taken: set[int] = set()

        def wants(m: int, slot: int = t) -> tuple[int, int]:
            prev_slot, table = previous.get(m, (-1, None))
            return (0 if prev_slot == slot else 1, m)

        rest: list[int] = []
        for m in sorted(ms, key=wants):
            table = previous.get(m, (-1, None))[1]
            if table is not None and table < tables and table not in taken:
                out[m] = table
                taken.add(table)
            else:
                rest.append(m)
        free = (k for k in range(tables) if k not in taken)
        for m in sorted(rest):
            out[m] = next(free)
    return out
