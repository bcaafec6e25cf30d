"""What a change did, so the UI refreshes just that (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Changes:
    staff_ids: set[int] = field(default_factory=set)
    staff_added: bool = False
    office: bool = False
    units: bool = False
    settings: bool = False
    catalogue: bool = False
    assessments: bool = False
    plan: bool = False

    def merge(self, other: Changes) -> Changes:
        self.staff_ids |= other.staff_ids
        for name in ("staff_added", "office", "units", "settings", "catalogue", "assessments", "plan"):
            setattr(self, name, getattr(self, name) or getattr(other, name))
        return self
