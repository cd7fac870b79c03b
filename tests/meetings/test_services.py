"""Request lifecycle, expiry, on-behalf actions and caps."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied

from misidagang.accounts.models import AuditLog
from misidagang.meetings import services
from misidagang.meetings.models import MeetingConfig, MeetingRequest, ParticipantAvailability

from .conftest import NOW

pytestmark = pytest.mark.django_db
S = MeetingRequest.Status


def ask(world, requester=None, counterpart=None, actor=None, **kw):
    return services.request_create(
        mission=world.mission,
        requester=requester or world.p_kopi,
        counterpart=counterpart or world.p_pempek,
        actor=actor or world.carol,
        now=NOW,
        **kw,
    )


def test_it_creates_a_pending_request_that_expires_after_the_mission_setting(world):
    MeetingConfig.objects.create(mission=world.mission, request_ttl_hours=6)
    req = ask(world, note="  Ingin membahas pasokan kopi  ")
    assert req.status == S.PENDING and req.note == "Ingin membahas pasokan kopi"
    assert req.expires_at == NOW + timedelta(hours=6)
    assert services.requests_expire(now=NOW + timedelta(hours=5)) == 0
    assert services.requests_expire(now=NOW + timedelta(hours=6)) == 1
    req.refresh_from_db()
    assert req.status == S.EXPIRED


def test_it_never_doubles_a_repeated_request_in_either_direction(world):
    first = ask(world)
    again = ask(world)
    reverse = ask(world, requester=world.p_pempek, counterpart=world.p_kopi, actor=world.bob)
    assert first.pk == again.pk == reverse.pk
    assert MeetingRequest.objects.count() == 1


def test_it_lets_the_counterpart_accept_but_not_the_requester(world):
    req = ask(world)
    with pytest.raises(PermissionDenied):
        services.request_respond(request=req, accept=True, actor=world.carol, now=NOW)
    req = services.request_respond(request=req, accept=True, actor=world.bob, now=NOW)
    assert req.status == S.ACCEPTED and req.responded_by == world.bob
    # A repeated answer changes nothing; a contrary one is refused.
    assert (
        services.request_respond(request=req, accept=True, actor=world.bob, now=NOW).status
        == S.ACCEPTED
    )
    with pytest.raises(services.MeetingError):
        services.request_respond(request=req, accept=False, actor=world.bob, now=NOW)


def test_it_refuses_to_accept_an_expired_request(world):
    req = ask(world)
    with pytest.raises(services.MeetingError, match="kedaluwarsa"):
        services.request_respond(
            request=req, accept=True, actor=world.alice, now=NOW + timedelta(hours=25)
        )
    req.refresh_from_db()
    assert req.status == S.EXPIRED


def test_it_lets_staff_act_on_a_business_behalf_and_no_one_else(world, hosts):
    req = ask(world, requester=hosts[0], counterpart=world.p_pempek, actor=world.bob)
    assert req.created_by == world.bob
    for outsider in (world.carol, world.dave, world.erin, world.mallory):
        with pytest.raises(PermissionDenied):
            ask(world, requester=hosts[1], counterpart=hosts[2], actor=outsider)
    direct = ask(
        world,
        requester=hosts[1],
        counterpart=hosts[2],
        actor=world.alice,
        accept=True,
        must_meet=True,
    )
    assert direct.status == S.ACCEPTED and direct.must_meet
    with pytest.raises(PermissionDenied):  # a clerk cannot mark must-meet
        ask(world, requester=hosts[0], counterpart=hosts[2], actor=world.bob, must_meet=True)
    with pytest.raises(PermissionDenied):  # a business cannot create accepted requests
        ask(world, accept=True)
    assert AuditLog.objects.filter(action="meeting_request.create").count() == 2


def test_it_cancels_from_either_side_and_frees_the_pair(world):
    req = ask(world)
    services.request_cancel(request=req, actor=world.carol)
    req.refresh_from_db()
    assert req.status == S.CANCELLED
    assert ask(world).pk != req.pk  # a new request is possible again
    with pytest.raises(PermissionDenied):
        services.request_cancel(request=req, actor=world.erin)


def test_it_refuses_an_accept_beyond_the_cap(world, hosts):
    ParticipantAvailability.objects.create(participant=world.p_kopi, cap=1)
    services.request_create(
        mission=world.mission,
        requester=world.p_kopi,
        counterpart=hosts[0],
        actor=world.alice,
        accept=True,
        now=NOW,
    )
    req = ask(world)
    with pytest.raises(services.MeetingError, match="batas 1"):
        services.request_respond(request=req, accept=True, actor=world.alice, now=NOW)
    req.refresh_from_db()
    assert req.status == S.PENDING


def test_it_refuses_meeting_oneself_or_a_stranger(world):
    with pytest.raises(services.MeetingError):
        ask(world, counterpart=world.p_kopi)
    from misidagang.missions.models import Participant

    outside = Participant.objects.create(mission=world.other, business=world.pempek, side="host")
    with pytest.raises(services.MeetingError):
        ask(world, counterpart=outside)
