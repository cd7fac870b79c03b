"""Floor: notifying a published schedule of 500 participants is queued in ≤ 2 s by the publish
request, and all its e-mails are handed to SMTP within 60 s by one sender.

Builds a mission of 500 businesses (250 delegation, 250 host, each with an e-mail address),
500 accepted requests and a scheduler run placing them (2 meetings per participant), then
POSTs the publish page as its organiser (the real request: meetings placed, outbox written)
and runs one sender (`outbox_send_due`) against a local SMTP server (aiosmtpd, in its own
process). SQLite in a temporary folder unless DATABASE_URL is set.

    .venv/bin/python benchmarks/notify/bench_publish.py [--participants 500]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from datetime import time as dtime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--participants", type=int, default=500)
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="bench-notify-")
    os.environ.setdefault("DATA_DIR", tmp)
    os.environ["NOTIFY_KICK"] = "none"  # the sender below is the one worker
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1"
    port = free_port()
    os.environ.update(EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(port), EMAIL_USE_TLS="0")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "misidagang.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from misidagang.accounts.models import Role, User
    from misidagang.directory.models import Business
    from misidagang.directory.regions import load_regions
    from misidagang.meetings import engine_input
    from misidagang.meetings.models import MeetingDay, MeetingRequest, ScheduleRun, Table
    from misidagang.missions.models import Mission, Participant
    from misidagang.notify.models import Notification
    from misidagang.notify.services import outbox_send_due

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    load_regions()
    wib = ZoneInfo("Asia/Jakarta")
    n = args.participants
    half = n // 2
    mission = Mission.objects.create(
        name=f"Bench {time.time():.0f}",
        delegation_province_id="35",
        host_province_id="16",
        starts_at=datetime(2027, 3, 10, 8, tzinfo=wib),
        ends_at=datetime(2027, 3, 10, 18, tzinfo=wib),
        status=Mission.Status.RUNNING,
    )
    organiser = User.objects.create_user(f"org{mission.pk}", password="x", role=Role.ORGANISER)
    mission.organisers.add(organiser)
    businesses = Business.objects.bulk_create(
        [
            Business(
                name=f"Usaha {mission.pk}-{i}",
                legal_form="CV",
                scale="kecil",
                province_id="35" if i < half else "16",
                regency_id="35.78" if i < half else "16.71",
                email=f"usaha{i}@bench.example.id",
                name_key=f"usaha {mission.pk} {i}",
            )
            for i in range(n)
        ]
    )
    parts = Participant.objects.bulk_create(
        [
            Participant(mission=mission, business=b, side="delegation" if i < half else "host")
            for i, b in enumerate(businesses)
        ]
    )
    d, h = parts[:half], parts[half:]
    day = MeetingDay.objects.create(
        mission=mission, date=date(2027, 3, 10), first_slot=dtime(8), slot_minutes=20, slots=24
    )
    tables = [
        Table.objects.create(mission=mission, number=k + 1, name=f"Meja {k + 1}") for k in range(25)
    ]
    pairs = [(d[i], h[i]) for i in range(half)] + [(d[i], h[(i + 1) % half]) for i in range(half)]
    reqs = MeetingRequest.objects.bulk_create(
        [
            MeetingRequest(
                mission=mission,
                requester=a,
                counterpart=b,
                pair=MeetingRequest.pair_of(a.pk, b.pk),
                status="accepted",
            )
            for a, b in pairs
        ]
    )
    slots = engine_input.mission_slots(mission)
    scheduled = []
    for k, r in enumerate(reqs):
        first = k < half
        i = k if first else k - half
        scheduled.append(
            {"meeting": f"m{r.pk}", "slot": (0 if first else 10) + i // 25, "table": i % 25}
        )
    run = ScheduleRun.objects.create(
        mission=mission,
        input={"slot_keys": [s.key for s in slots], "table_ids": [t.pk for t in tables]},
        output={"status": "optimal", "scheduled": scheduled},
        status="optimal",
    )
    setup_s = time.perf_counter() - t0
    assert day.pk

    client = Client()
    client.force_login(organiser)
    client.get(f"/missions/{mission.pk}/")  # a running server has its URLs and views loaded
    t1 = time.perf_counter()
    if os.environ.get("PROFILE"):
        import cProfile

        prof = cProfile.Profile()
        prof.enable()
    r = client.post(f"/missions/{mission.pk}/temu/runs/{run.pk}/publish/")
    if os.environ.get("PROFILE"):
        prof.disable()
        prof.dump_stats("/tmp/publish.prof")
    publish_s = time.perf_counter() - t1
    assert r.status_code in (200, 302), r.status_code
    emails = Notification.objects.filter(mission=mission, channel="email")
    queued = emails.filter(status="queued").count()

    smtp = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            f"127.0.0.1:{port}",
            "-c",
            "aiosmtpd.handlers.Sink",
        ],
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        t2 = time.perf_counter()
        while outbox_send_due(limit=200):
            pass
        send_s = time.perf_counter() - t2
    finally:
        smtp.terminate()
        smtp.wait()
    sent = emails.filter(status="sent").count()
    load = os.getloadavg()
    print(f"database: {django.db.connection.vendor}; setup {setup_s:.1f} s")
    print(f"participants {n}, meetings {len(reqs)}")
    print(f"publish request: {publish_s:.2f} s, e-mails queued: {queued} (goal ≤ 2 s)")
    print(f"one sender: {sent}/{queued} e-mails handed to SMTP in {send_s:.2f} s (goal ≤ 60 s)")
    print(f"load average: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    return 0 if publish_s <= 2 and send_s <= 60 and sent == queued == n else 1


if __name__ == "__main__":
    sys.exit(main())
