"""Shared fixtures: a small mission with named users, one per role.

alice organises the mission, bob is its desk clerk, carol is the business user of a delegation
business, dave works at a partner bank, erin is a viewer, mallory organises another mission.
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from misidagang.accounts.models import ApiToken, Role, User
from misidagang.directory.models import Business, Listing
from misidagang.directory.regions import load_regions
from misidagang.missions.models import Mission, Organisation, Participant
from tests.browsing import browser, page  # noqa: F401  (fixtures for every browser test)

SHARED = os.path.join(os.path.dirname(__file__), "..", "..", "shared")


def make_user(username: str, role: str, **extra: Any) -> User:
    user = User.objects.create_user(
        username=username, password="pw-" + username, role=role, **extra
    )
    return user


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hasher() -> None:
    """Tests create many users; the production hasher is slow on purpose."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _notifications_wait_for_a_sender(settings):
    """Tests send the outbox themselves (`outbox_send_due`) where sending is the point."""
    settings.NOTIFY_KICK = "none"
    settings.WHATSAPP_TOKEN = settings.WHATSAPP_PHONE_NUMBER_ID = ""
    settings.WHATSAPP_CONSOLE = False


IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def _jobs_run_at_once(settings) -> None:
    """Jobs run inside the call that queues them, where timing is not the point; a test about
    the worker asks for `database_tasks`."""
    settings.TASKS = IMMEDIATE


@pytest.fixture
def database_tasks(settings) -> None:
    """Jobs queued in the database, for a real worker to run."""
    settings.TASKS = DATABASE


@pytest.fixture
def world(db):
    load_regions()  # a transactional test before this one may have flushed them
    wib = ZoneInfo("Asia/Jakarta")
    bank = Organisation.objects.create(name="Bank Jatim", kind="bank", province_id="35")
    mission = Mission.objects.create(
        name="Misi Uji Jatim – Sumsel",
        delegation_province_id="35",
        host_province_id="16",
        host_regency_id="16.71",
        starts_at=datetime(2026, 12, 10, 8, tzinfo=wib),
        ends_at=datetime(2026, 12, 10, 18, tzinfo=wib),
        status=Mission.Status.REGISTRATION,
    )
    other = Mission.objects.create(
        name="Misi Lain Jatim – Bali",
        delegation_province_id="35",
        host_province_id="51",
        starts_at=datetime(2026, 12, 20, 8, tzinfo=wib),
        ends_at=datetime(2026, 12, 20, 18, tzinfo=wib),
        timezone="Asia/Makassar",
        status=Mission.Status.DRAFT,
    )
    kopi = Business.objects.create(
        name="Kopi Ijen Lestari",
        legal_form="CV",
        nib="1234567890123",
        scale="kecil",
        province_id="35",
        regency_id="35.11",
        phone="081234567890",
        contact_person="Siti",
        email="siti@example.id",
    )
    kopi.normalise_phone()
    kopi.save()
    Listing.objects.create(
        business=kopi,
        kind="offer",
        text="Kopi arabika Ijen green bean",
        hs="090111",
        quantity=5,
        unit="ton",
        certifications=["halal"],
    )
    Listing.objects.create(business=kopi, kind="need", text="Kemasan standing pouch", hs="392329")
    pempek = Business.objects.create(
        name="Pempek Palembang Jaya",
        legal_form="UD",
        scale="mikro",
        province_id="16",
        regency_id="16.71",
        phone="081398765432",
    )
    Listing.objects.create(business=pempek, kind="need", text="Kopi robusta bubuk", hs="0901")
    p_kopi = Participant.objects.create(
        mission=mission, business=kopi, side="delegation", role="both"
    )
    p_pempek = Participant.objects.create(
        mission=mission, business=pempek, side="host", role="buyer"
    )
    alice = make_user("alice", Role.ORGANISER)
    mission.organisers.add(alice)
    bob = make_user("bob", Role.CLERK)
    mission.clerks.add(bob)
    carol = make_user("carol", Role.BUSINESS, business=kopi)
    dave = make_user("dave", Role.PARTNER, organisation=bank)
    erin = make_user("erin", Role.VIEWER)
    mallory = make_user("mallory", Role.ORGANISER)
    other.organisers.add(mallory)
    return type(
        "World",
        (),
        dict(
            mission=mission,
            other=other,
            kopi=kopi,
            pempek=pempek,
            p_kopi=p_kopi,
            p_pempek=p_pempek,
            bank=bank,
            alice=alice,
            bob=bob,
            carol=carol,
            dave=dave,
            erin=erin,
            mallory=mallory,
            users={
                "alice": alice,
                "bob": bob,
                "carol": carol,
                "dave": dave,
                "erin": erin,
                "mallory": mallory,
            },
        ),
    )


@pytest.fixture
def token_for(db):
    def make(user: User) -> dict[str, str]:
        return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user=user)}"}

    return make


@pytest.fixture
def login(db):
    """`login(user)`: a test client signed in as that user (a User or a username); `login(None)`
    is an anonymous visitor."""
    from django.test import Client

    def make(user: User | str | None) -> Client:
        client = Client()
        if isinstance(user, str):
            user = User.objects.get(username=user)
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def client_for(world, login):
    """`client_for("alice")`: a client signed in as one of the world's named users; "anon" for
    an anonymous visitor."""
    return lambda who: login(None if who == "anon" else world.users[who])
