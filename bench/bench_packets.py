"""Bench: MKK imports a whole country, and an office exports a big packet.

- 500 packets / 40,000 people with assessments, imported with every check (container,
  decryption, schema, data rules, other offices' PINs and uids, each packet whole or not at
  all), next to a plain executemany insert of the same rows into the same schema (MKK's
  indexes, no triggers, one transaction) in the same run: the floor.
- Export of a 1,000-person office (payload, summary PDF, signing, encryption, recording).

The packets are made from a few demo offices: each packet is one of them with a new office
code, new uids and new PINs, signed by its own key and encrypted to MKK's.

Run: /work/venv/bin/python bench/bench_packets.py [--packets 500] [--people 80]
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

os.environ.setdefault("HRDESK_LANG", "en")

from hrdesk import assessment, register  # noqa: E402
from hrdesk.demo.generate import write_demo_database  # noqa: E402
from hrdesk.packets import keys  # noqa: E402
from hrdesk.packets.catalogue_publish import publish_catalogue  # noqa: E402
from hrdesk.packets.container import write_packet  # noqa: E402
from hrdesk.packets.export import export_packet  # noqa: E402
from hrdesk.packets.import_store import PAYLOAD_TABLES  # noqa: E402
from hrdesk.packets.importer import Status, apply_import  # noqa: E402
from hrdesk.packets.payload import (  # noqa: E402
    PAYLOAD_MEMBER,
    SUMMARY_MEMBER,
    build_payload,
    encode_payload,
    payload_counts,
)
from hrdesk.store import audit  # noqa: E402
from hrdesk.store.database import Database  # noqa: E402

TEMPLATES = 5
CYCLE = dt.date.today().year + 1


def _templates(root: Path, people: int, catalogue: Path) -> list[dict]:
    payloads = []
    for seed in range(TEMPLATES):
        path = root / f"template{seed}.sqlite3"
        write_demo_database(path, staff=people, seed=100 + seed)
        database = Database.open(path)
        assessment.import_catalogue(database, catalogue)
        payloads.append(build_payload(database, CYCLE))
        database.close()
    return payloads


def _variant(template: dict, n: int, people: int) -> dict:
    """The template as another office: new code, uids and PINs (unique in the country)."""
    payload = copy.deepcopy(template)
    payload["office"]["code"] = f"BENCH-{n:04d}"
    new_uid: dict[str, str] = {}

    def renamed(uid: str) -> str:
        if uid not in new_uid:
            new_uid[uid] = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{n}/{uid}"))
        return new_uid[uid]

    for i, person in enumerate(payload["staff"]):
        person["uid"] = renamed(person["uid"])
        person["pin"] = person["pin"][:9] + f"{(n * people + i) % 100000:05d}"
    for item in payload["assessments"]:
        item["uid"] = renamed(item["uid"])
        item["staff_uid"] = renamed(item["staff_uid"])
        for request in item["requests"]:
            request["uid"] = renamed(request["uid"])
    plan = payload["plan"]
    if plan is not None:
        for entry in plan["entries"]:
            entry["uid"] = renamed(entry["uid"])
            entry["staff_uid"] = renamed(entry["staff_uid"])
    return payload


def _write_packets(folder: Path, payloads: list[dict], mkk_public: bytes) -> None:
    pdf = b"%PDF-1.4\n% bench\n" * 200
    for payload in payloads:
        office = payload["office"]
        write_packet(
            folder,
            {
                "office_code": office["code"],
                "office_name_ky": office["name_ky"],
                "office_name_ru": office["name_ru"],
                "office_type": office["type"],
                "oblast": office["oblast"],
                "district": office["district"],
                "cycle": CYCLE,
                "counts": payload_counts(payload),
            },
            {PAYLOAD_MEMBER: encode_payload(payload), SUMMARY_MEMBER: pdf},
            keys.generate_signing_key(),
            mkk_public,
        )


def _plain_insert(path: Path, payloads: list[dict]) -> float:
    """The same rows, inserted with executemany and nothing else (ids assigned in Python)."""
    database = Database.open(path, create=True)
    register.setup_mkk(database)
    conn = database.conn
    staff_cols = [r[1] for r in conn.execute("PRAGMA table_info(staff)") if r[1] != "id"]
    rows: dict[str, list[tuple]] = {
        k: []
        for k in (
            "offices",
            "staff",
            "education",
            "training",
            "assessments",
            "ratings",
            "answers",
            "requests",
        )
    }
    staff_id = assessment_id = 0
    for office_id, payload in enumerate(payloads, 1):
        o = payload["office"]
        rows["offices"].append((office_id, o["code"], o["type"], o["name_ky"]))
        ids: dict[str, int] = {}
        for p in payload["staff"]:
            staff_id += 1
            ids[p["uid"]] = staff_id
            values = {
                **p,
                "office_id": office_id,
                "unit_id": None,
                "languages": "[]",
                "missing": "",
                "search": "",
                "sort_name": "",
                "created_at": "now",
                "updated_at": "now",
            }
            rows["staff"].append((staff_id, *(values[c] for c in staff_cols)))
            for e in p["education"]:
                rows["education"].append(
                    (
                        staff_id,
                        e["level"],
                        e["field"],
                        e["institution"],
                        e["speciality"],
                        e["graduation_year"],
                    )
                )
            for t in p["training"]:
                fb = t["feedback"]
                rows["training"].append(
                    (
                        staff_id,
                        t["course_code"],
                        t["course_title"],
                        t["provider"],
                        t["start_date"],
                        t["end_date"],
                        t["hours"],
                        t["format"],
                        t["funding"],
                        t["language"],
                        t["certificate_no"],
                        fb["relevance"],
                        fb["trainer"],
                        fb["practice"],
                        fb["language_fit"],
                        fb["overall"],
                        fb["comment"],
                    )
                )
        for a in payload["assessments"]:
            assessment_id += 1
            rows["assessments"].append(
                (assessment_id, a["uid"], CYCLE, ids[a["staff_uid"]], a["status"], "now", "now")
            )
            rows["ratings"] += [(assessment_id, c, i, p) for c, i, p in a["ratings"]]
            rows["answers"] += [(assessment_id, q, x) for q, xs in a["answers"].items() for x in xs]
            rows["requests"] += [
                (
                    r["uid"],
                    assessment_id,
                    r["priority"],
                    r["course_code"],
                    r["free_text"],
                    int(r["course_code"] is None),
                    r["endorsement"],
                    r["decline_reason"] or "-",
                )
                for r in a["requests"]
            ]
    start = time.perf_counter()
    # The floor: no trigger at all (the import, too, leaves added rows out of the trail).
    with database.transaction(), audit.inserts_untracked(database, PAYLOAD_TABLES):
        conn.execute("INSERT INTO cycles(year, opened_at) VALUES (?, 'now')", (CYCLE,))
        conn.executemany(
            "INSERT INTO offices(id, code, type, name_ky) VALUES (?, ?, ?, ?)", rows["offices"]
        )
        conn.executemany(
            f"INSERT INTO staff(id, {', '.join(staff_cols)}) VALUES (?{', ?' * len(staff_cols)})",
            rows["staff"],
        )
        conn.executemany(
            "INSERT INTO education(staff_id, level, field, institution, speciality, "
            "graduation_year) VALUES (?, ?, ?, ?, ?, ?)",
            rows["education"],
        )
        conn.executemany(
            "INSERT INTO training(staff_id, course_code, course_title, provider, start_date, "
            "end_date, hours, format, funding, language, certificate_no, fb_relevance, "
            "fb_trainer, fb_practice, fb_language_fit, fb_overall, fb_comment) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows["training"],
        )
        conn.executemany(
            "INSERT INTO assessments(id, uid, cycle, staff_id, status, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows["assessments"],
        )
        conn.executemany("INSERT INTO ratings VALUES (?, ?, ?, ?)", rows["ratings"])
        conn.executemany("INSERT INTO answers VALUES (?, ?, ?)", rows["answers"])
        conn.executemany(
            "INSERT INTO requests(uid, assessment_id, priority, course_code, free_text, "
            "is_free_text, endorsement, decline_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows["requests"],
        )
    elapsed = time.perf_counter() - start
    database.close()
    return elapsed


def _cpu_times() -> tuple[float, float]:
    """CPU seconds of this process and of its finished worker processes (on a busy machine
    the wall time says more about the other programs than about the import)."""
    t = os.times()
    return t.user + t.system, t.children_user + t.children_system


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packets", type=int, default=500)
    parser.add_argument("--people", type=int, default=80, help="people per office")
    parser.add_argument("--export-staff", type=int, default=1000)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="hrdesk-bench-packets-"))
    try:
        mkk = Database.open(root / "mkk.sqlite3", create=True)
        register.setup_mkk(mkk)
        catalogue = root / "catalogue.json"
        publish_catalogue(mkk, catalogue)
        mkk_keys = keys.load_keys(mkk, "mkk")
        assert mkk_keys is not None and mkk_keys.box_public is not None

        t = time.perf_counter()
        templates = _templates(root, args.people, catalogue)
        payloads = [_variant(templates[n % TEMPLATES], n, args.people) for n in range(args.packets)]
        folder = root / "packets"
        folder.mkdir()
        _write_packets(folder, payloads, mkk_keys.box_public)
        people = sum(len(p["staff"]) for p in payloads)
        rows = sum(sum(payload_counts(p).values()) for p in payloads)
        ratings = sum(len(a["ratings"]) for p in payloads for a in p["assessments"])
        print(
            f"prepared {args.packets} packets, {people} people, {rows} records "
            f"(+{ratings} ratings) in {time.perf_counter() - t:.1f} s"
        )

        t, (own_before, workers_before) = time.perf_counter(), _cpu_times()
        results = apply_import(mkk, [folder])
        imported = time.perf_counter() - t
        own, workers = _cpu_times()
        own, workers = own - own_before, workers - workers_before
        bad = [r for r in results if r.status != Status.IMPORTED]
        if bad:
            print("NOT IMPORTED:", bad[0].conflicts[:3], file=sys.stderr)
            return 1
        mkk.close()
        cpu = time.process_time()
        plain = _plain_insert(root / "plain.sqlite3", payloads)
        cpu = time.process_time() - cpu
        print(
            f"import of {args.packets} packets / {people} people: {imported:.2f} s (goal < 10 s); "
            f"CPU time {own:.2f} s in the writing process (which also checks packets while it "
            f"would wait) + {workers:.2f} s checking in the worker"
        )
        print(
            f"plain executemany of the same rows: {plain:.2f} s (CPU time {cpu:.2f} s with "
            f"preparing the rows); ratio {imported / plain:.1f}x"
        )

        office_path = root / "office.sqlite3"
        write_demo_database(office_path, staff=args.export_staff, seed=7)
        office = Database.open(office_path)
        assessment.import_catalogue(office, catalogue)
        t = time.perf_counter()
        result = export_packet(office, CYCLE, root / "export")
        exported = time.perf_counter() - t
        office.close()
        print(
            f"export of a {args.export_staff}-person office: {exported:.2f} s (goal < 2 s), "
            f"{result.path.stat().st_size // 1024} KiB"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
