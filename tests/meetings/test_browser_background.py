"""In Debian's chromium: the organiser starts a scheduler run; the page answers at once, shows
the worker's progress as it polls, then the finished schedule. Screenshots in test-artifacts/."""

from __future__ import annotations

import re
import time

import pytest
from django.db import connection

from misidagang.meetings.demo import load_demo_meetings
from misidagang.meetings.models import MeetingConfig, ScheduleRun
from misidagang.missions.demo import load_demo
from tests.browsing import ARTIFACTS, needs_chromium
from tests.meetings.test_browser import sign_in
from tests.tasks.helpers import WorkerThread

# The worker, the live server and CP-SAT's search threads (which report progress) each write
# through their own connection: the in-memory SQLite test database locks whole tables between
# them, so this runs on PostgreSQL (the SQLite demo uses a file in WAL mode and is measured in
# benchmarks/tasks/).
pytestmark = [
    pytest.mark.browser,
    needs_chromium,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="threads share the test database (PostgreSQL)"
    ),
]


@pytest.mark.django_db(transaction=True)
def test_it_runs_the_scheduler_in_the_background_with_progress(
    live_server, browser, database_tasks
):
    mission = load_demo().mission
    load_demo_meetings(mission)
    MeetingConfig.objects.filter(mission=mission).update(time_limit_s=8)
    ARTIFACTS.mkdir(exist_ok=True)
    base, m = live_server.url, mission.pk
    org = sign_in(browser, base, "organiser", viewport={"width": 1280, "height": 900})
    org.goto(f"{base}/missions/{m}/temu/")
    worker = WorkerThread()
    worker.start()
    try:
        started = time.monotonic()
        org.click("[data-testid=run]")
        org.wait_for_url(re.compile(r"/temu/runs/\d+/$"))
        answered = time.monotonic() - started
        org.wait_for_selector("[data-testid=run-progress]")
        # the worker's progress shows while it works: a stage, meetings placed so far
        org.wait_for_function(
            "/^\\d+/.test(document.querySelector('[data-testid=progress-placed]').innerText)",
            timeout=5_000,
        )
        seen = time.monotonic() - started
        placed_so_far = int(org.inner_text("[data-testid=progress-placed]").split("/")[0])
        stage = org.inner_text("[data-testid=run-stage]")
        org.screenshot(path=str(ARTIFACTS / "meetings-run-progress.png"))
        org.wait_for_selector("[data-testid=placed]", timeout=60_000)
        org.screenshot(path=str(ARTIFACTS / "meetings-run-done.png"))
    finally:
        worker.stop()
    run = ScheduleRun.objects.get(mission=mission)
    assert answered < 2.0 and seen < 5.0
    assert placed_so_far > 0 and stage
    assert run.state == "done" and run.placed >= placed_so_far
    assert org.inner_text("[data-testid=placed]").startswith(f"{run.placed} /")
    assert org.locator("[data-testid=publish]").count() == 1
