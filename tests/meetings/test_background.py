"""Scheduler runs in the background: the page and the API only queue the run and answer at
once; the worker solves it, writing progress (stage, best schedule so far, bound) that the page
polls; a run can be cancelled; the engine stops when asked."""

from __future__ import annotations

import time

import pytest

from misidagang.engines.scheduling import solve
from misidagang.meetings import services
from misidagang.meetings.models import Meeting, ScheduleRun
from misidagang.tasks.models import Job
from tests.meetings.test_schedule import NOW, accepted
from tests.tasks.helpers import work_once


def four_requests(world, hosts):
    return [accepted(world, world.p_kopi, h) for h in [world.p_pempek, *hosts]]


@pytest.mark.django_db
def test_it_writes_the_engines_progress_on_the_run(world, day, hosts):
    four_requests(world, hosts)
    run = services.schedule_preview(mission=world.mission, actor=world.alice, now=NOW)
    assert (run.state, run.status, run.placed) == ("done", "optimal", 4)
    assert run.progress["stage"] == "done" and run.progress["meetings"] == 4
    assert run.job.status == "done" and run.job.key == f"schedule_run:{run.pk}"
    assert run.job.result == {"run": run.pk, "state": "done", "status": "optimal", "placed": 4}


@pytest.mark.django_db(transaction=True)
def test_it_answers_the_api_at_once_and_a_worker_finishes_the_run(
    world, day, hosts, token_for, client, database_tasks
):
    four_requests(world, hosts)
    auth = token_for(world.alice)
    url = f"/api/v1/missions/{world.mission.pk}/schedule-runs"
    started = time.monotonic()
    posted = client.post(url, **auth)
    assert time.monotonic() - started < 1.0
    assert posted.status_code == 201
    body = posted.json()
    assert (body["state"], body["status"], body["placed"], body["requested"]) == (
        "queued", "", 0, 4,
    )  # fmt: skip
    assert client.get(f"{url}/{body['id']}", **auth).json()["state"] == "queued"
    refused = client.post(f"{url}/{body['id']}/publish", **auth)
    assert refused.status_code == 422 and "belum selesai" in refused.json()["detail"]
    work_once()
    done = client.get(f"{url}/{body['id']}", **auth).json()
    assert (done["state"], done["status"], done["placed"]) == ("done", "optimal", 4)
    assert done["progress"]["meetings"] == 4 and done["progress"]["stage"] == "done"
    assert client.post(f"{url}/{body['id']}/publish", **auth).status_code == 200
    assert Meeting.objects.filter(mission=world.mission).count() == 4


@pytest.mark.django_db(transaction=True)
def test_it_cancels_a_queued_run_so_the_worker_skips_it(
    world, day, hosts, token_for, client, database_tasks
):
    four_requests(world, hosts)
    auth = token_for(world.alice)
    url = f"/api/v1/missions/{world.mission.pk}/schedule-runs"
    run_id = client.post(url, **auth).json()["id"]
    assert client.post(f"{url}/{run_id}/cancel", **token_for(world.bob)).status_code == 403
    assert client.post(f"{url}/{run_id}/cancel", **auth).json()["state"] == "cancelled"
    work_once()
    run = ScheduleRun.objects.get(pk=run_id)
    assert run.state == "cancelled" and run.output == {}  # the engine never ran
    assert Job.objects.get(pk=run.job_id).status == "cancelled"
    assert client.post(f"{url}/{run_id}/publish", **auth).status_code == 422


@pytest.mark.django_db(transaction=True)
def test_it_polls_progress_on_the_page_and_reloads_when_done(
    world, day, hosts, client_for, database_tasks
):
    four_requests(world, hosts)
    alice = client_for("alice")
    created = alice.post(f"/missions/{world.mission.pk}/temu/runs/")
    run = ScheduleRun.objects.get()
    assert created.status_code == 302 and created["Location"].endswith(f"/runs/{run.pk}/")
    page = alice.get(created["Location"]).content.decode()
    assert 'data-testid="run-progress"' in page and 'hx-trigger="every 1s"' in page
    assert "Menunggu pekerja latar" in page and 'data-testid="publish"' not in page
    progress = f"/missions/{world.mission.pk}/temu/runs/{run.pk}/progress/"
    assert "HX-Refresh" not in alice.get(progress)
    assert client_for("bob").get(progress).status_code == 403
    work_once()
    assert alice.get(progress)["HX-Refresh"] == "true"
    page = alice.get(created["Location"]).content.decode()
    assert 'data-testid="run-progress"' not in page and 'data-testid="publish"' in page


@pytest.mark.django_db
def test_it_cancels_from_the_page(world, day, hosts, client_for, settings):
    from tests.conftest import DATABASE

    settings.TASKS = DATABASE  # queued, no worker: it stays queued until cancelled
    four_requests(world, hosts)
    alice = client_for("alice")
    alice.post(f"/missions/{world.mission.pk}/temu/runs/")
    run = ScheduleRun.objects.get()
    alice.post(f"/missions/{world.mission.pk}/temu/runs/{run.pk}/cancel/")
    run.refresh_from_db()
    assert run.state == "cancelled"
    page = alice.get(f"/missions/{world.mission.pk}/temu/runs/{run.pk}/").content.decode()
    assert 'data-testid="run-cancelled"' in page


def test_the_engine_reports_progress_and_stops_when_asked():
    doc = {
        "slots": 12, "tables": 6, "time_limit_s": 30, "schedule_all": True,
        "participants": [{"id": f"P{i}"} for i in range(24)],
        "meetings": [{"id": f"M{i}-{j}", "between": [f"P{i}", f"P{j}"]}
                     for i in range(12) for j in range(12, 24) if (i + j) % 3 == 0],
    }  # fmt: skip
    heard: list[dict] = []
    started = time.monotonic()
    out = solve(doc, on_progress=lambda info: heard.append(info) or info["stage"] == "greedy")
    assert time.monotonic() - started < 10  # stopped long before its 30 s
    assert [h["stage"] for h in heard][:2] == ["bounds", "greedy"]
    assert heard[1]["meetings"] > 0 and "breaks" in heard[1]
    assert out["status"] in ("feasible", "optimal", "unknown")
    assert len(heard) <= 3  # nothing searched after the stop but the one solution that saw it
    quiet, heard_out = (
        solve(doc | {"time_limit_s": 2}),
        solve(doc | {"time_limit_s": 2}, on_progress=lambda info: None),
    )
    quiet.pop("solve_s"), heard_out.pop("solve_s")
    assert quiet == heard_out  # listening changes nothing
