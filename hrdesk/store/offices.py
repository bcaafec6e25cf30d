"""Offices and their units."""

from __future__ import annotations

import sqlite3

from hrdesk.domain.enums import OfficeType
from hrdesk.domain.models import Office, Unit
from hrdesk.store.convert import enum_from_db
from hrdesk.store.database import Database

_OFFICE_COLUMNS = (
    "code", "type", "name_ky", "name_ru", "oblast", "district", "parent_code",
    "head_name", "head_position", "head_position_ru", "hr_clerk_name",
)


def _office(row: sqlite3.Row | tuple) -> Office:
    (id_, code, type_, name_ky, name_ru, oblast, district, parent, head, head_pos, head_pos_ru,
     clerk) = row
    return Office(
        id=id_, code=code, type=enum_from_db(OfficeType, type_) or OfficeType.OTHER,
        name_ky=name_ky, name_ru=name_ru, oblast=oblast, district=district, parent_code=parent,
        head_name=head, head_position=head_pos, hr_clerk_name=clerk, head_position_ru=head_pos_ru,
    )


class OfficeRepository:
    def __init__(self, database: Database) -> None:
        self.database = database

    def _select(self, where: str, params: tuple = ()) -> list[Office]:
        cols = ", ".join(("id",) + _OFFICE_COLUMNS)
        rows = self.database.execute(f"SELECT {cols} FROM offices {where}", params).fetchall()
        return [_office(r) for r in rows]

    def own(self) -> Office | None:
        found = self._select("WHERE is_own = 1 LIMIT 1")
        return found[0] if found else None

    def get(self, office_id: int) -> Office | None:
        found = self._select("WHERE id = ?", (office_id,))
        return found[0] if found else None

    def by_code(self, code: str) -> Office | None:
        found = self._select("WHERE code = ?", (code,))
        return found[0] if found else None

    def all(self) -> list[Office]:
        return self._select("ORDER BY oblast, district, code")

    def save(self, office: Office, *, own: bool = False) -> int:
        values = [getattr(office, c) for c in _OFFICE_COLUMNS]
        values[1] = office.type.value
        with self.database.transaction():
            if office.id is None:
                cur = self.database.execute(
                    f"INSERT INTO offices({', '.join(_OFFICE_COLUMNS)}, is_own) "
                    f"VALUES ({', '.join('?' * len(_OFFICE_COLUMNS))}, ?)",
                    (*values, int(own)),
                )
                office.id = int(cur.lastrowid or 0)
            else:
                sets = ", ".join(f"{c} = ?" for c in _OFFICE_COLUMNS)
                self.database.execute(
                    f"UPDATE offices SET {sets} WHERE id = ?", (*values, office.id)
                )
        return office.id

    # --- units ------------------------------------------------------------------------------

    def units(self, office_id: int) -> list[Unit]:
        rows = self.database.execute(
            "SELECT id, name, position FROM units WHERE office_id = ? ORDER BY position, name",
            (office_id,),
        ).fetchall()
        return [Unit(id=r[0], name=r[1], position=r[2]) for r in rows]

    def unit_staff_count(self, unit_id: int) -> int:
        return int(self.database.query_value("SELECT count(*) FROM staff WHERE unit_id = ?", (unit_id,)) or 0)

    def save_unit(self, office_id: int, unit: Unit) -> int:
        with self.database.transaction():
            if unit.id is None:
                cur = self.database.execute(
                    "INSERT INTO units(office_id, name, position) VALUES (?, ?, ?)",
                    (office_id, unit.name, unit.position),
                )
                unit.id = int(cur.lastrowid or 0)
            else:
                self.database.execute(
                    "UPDATE units SET name = ?, position = ? WHERE id = ?",
                    (unit.name, unit.position, unit.id),
                )
        return unit.id

    def delete_unit(self, unit_id: int) -> None:
        with self.database.transaction():
            self.database.execute("DELETE FROM units WHERE id = ?", (unit_id,))

    def unit_by_name(self, office_id: int, name: str) -> Unit | None:
        row = self.database.execute(
            "SELECT id, name, position FROM units WHERE office_id = ? AND name = ?",
            (office_id, name),
        ).fetchone()
        return Unit(id=row[0], name=row[1], position=row[2]) if row else None
