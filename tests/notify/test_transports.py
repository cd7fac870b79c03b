"""The transports against real local servers: an SMTP server started by the test, and a
stand-in of the WhatsApp Cloud API that checks each request; the delivery-status webhook with a
valid and an invalid signature."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest
from django.test import Client
from django.utils import timezone

from misidagang.meetings import services as meetings
from misidagang.notify.models import Consent, Notification, Status
from misidagang.notify.services import outbox_send_due
from tests.notify.conftest import BUSY, INVALID, PHONE_ID

pytestmark = pytest.mark.django_db


def _request(world):
    return meetings.request_create(
        mission=world.mission, requester=world.p_kopi, counterpart=world.p_pempek, actor=world.carol
    )


def test_email_goes_to_a_real_smtp_server_with_text_html_and_opt_out(world, smtp):
    world.pempek.email = "jaya@example.id"
    world.pempek.save()
    _request(world)
    assert outbox_send_due() == 1
    row = Notification.objects.get(channel="email")
    assert row.status == Status.SENT and row.sent_at
    [msg] = smtp.messages
    assert msg["To"] == "jaya@example.id"
    assert msg["Subject"] == "CV Kopi Ijen Lestari meminta temu bisnis dengan Anda"
    assert "/notifications/stop/" in msg["List-Unsubscribe"]
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert "Jawab sebelum" in text and "WIB" in text
    assert "<a href=" in html and "Buka di Misi Dagang" in html


def test_an_address_the_smtp_server_refuses_fails_for_good(world, smtp):
    world.pempek.email = "nobody@example.id"
    world.pempek.save()
    smtp.refuse.add("nobody@example.id")
    _request(world)
    outbox_send_due()
    row = Notification.objects.get(channel="email")
    assert row.status == Status.FAILED and "nobody@example.id" in row.error


def test_whatsapp_sends_the_approved_template_to_the_cloud_api(opted_in, cloud_api):
    world = opted_in
    _request(world)
    assert outbox_send_due() == 1
    row = Notification.objects.get(channel="whatsapp")
    assert (row.status, row.provider_id) == (Status.SENT, "wamid.TEST1")
    [body] = cloud_api.seen
    assert body["to"] == world.pempek.whatsapp
    assert body["template"]["name"] == "misidagang_meeting_request_create"
    assert body["template"]["language"] == {"code": "id"}
    params = [p["text"] for p in body["template"]["components"][0]["parameters"]]
    assert params[1] == "CV Kopi Ijen Lestari" and "/notifications/stop/" in params[-1]


def test_an_invalid_number_fails_at_once_and_a_busy_api_is_retried(opted_in, cloud_api):
    world = opted_in
    for number in (INVALID, BUSY):
        Consent.objects.create(channel="whatsapp", address=number, opted_in=True)
    _request(world)
    Notification.objects.filter(channel="whatsapp").update(address=INVALID)
    outbox_send_due()
    row = Notification.objects.get(channel="whatsapp")
    assert row.status == Status.FAILED and "131026" in row.error
    Notification.objects.filter(pk=row.pk).update(
        status=Status.QUEUED, address=BUSY, attempts=0, next_attempt_at=timezone.now()
    )
    outbox_send_due()
    row.refresh_from_db()
    assert row.status == Status.QUEUED and row.attempts == 1 and "503" in row.error


def test_a_wrong_token_is_not_a_permanent_failure(opted_in, cloud_api, settings):
    settings.WHATSAPP_TOKEN = "wrong"
    _request(opted_in)
    outbox_send_due()
    row = Notification.objects.get(channel="whatsapp")
    assert row.status == Status.QUEUED and "401" in row.error


def _signed(body: bytes, secret: str = "app-secret") -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _hook(statuses=(), messages=()):
    value = {"messaging_product": "whatsapp", "metadata": {"phone_number_id": PHONE_ID}}
    value["statuses"], value["messages"] = list(statuses), list(messages)
    return json.dumps(
        {"object": "whatsapp_business_account", "entry": [{"changes": [{"value": value}]}]}
    ).encode()


def test_the_webhook_takes_delivery_reports_only_with_a_valid_signature(opted_in, cloud_api):
    _request(opted_in)
    outbox_send_due()
    row = Notification.objects.get(channel="whatsapp")
    body = _hook(statuses=[{"id": row.provider_id, "status": "read", "timestamp": "1765339200"}])
    url = "/notifications/whatsapp/webhook/"
    c = Client()
    bad = c.post(
        url, body, content_type="application/json", HTTP_X_HUB_SIGNATURE_256=_signed(body, "x")
    )
    assert bad.status_code == 403
    assert c.post(url, body, content_type="application/json").status_code == 403
    row.refresh_from_db()
    assert row.status == Status.SENT
    ok = c.post(url, body, content_type="application/json", HTTP_X_HUB_SIGNATURE_256=_signed(body))
    assert ok.status_code == 200
    row.refresh_from_db()
    assert row.status == Status.READ and row.read_at and row.delivered_at


def test_a_stop_reply_opts_the_number_out(opted_in, cloud_api):
    number = opted_in.pempek.whatsapp
    body = _hook(messages=[{"from": number, "type": "text", "text": {"body": "STOP"}}])
    r = Client().post(
        "/notifications/whatsapp/webhook/",
        body,
        content_type="application/json",
        HTTP_X_HUB_SIGNATURE_256=_signed(body),
    )
    assert r.status_code == 200
    consent = Consent.objects.get(address=number)
    assert not consent.opted_in and consent.opted_out_source == "whatsapp reply STOP"
    _request(opted_in)
    assert not Notification.objects.filter(channel="whatsapp").exists()


def test_the_webhook_handshake_needs_the_verify_token(settings):
    settings.WHATSAPP_VERIFY_TOKEN = "verify-me"
    url = "/notifications/whatsapp/webhook/"
    q = {"hub.mode": "subscribe", "hub.challenge": "42"}
    assert Client().get(url, {**q, "hub.verify_token": "nope"}).status_code == 403
    r = Client().get(url, {**q, "hub.verify_token": "verify-me"})
    assert r.content == b"42"


def test_the_link_in_a_message_opts_out(opted_in, cloud_api):
    _request(opted_in)
    outbox_send_due()
    [body] = cloud_api.seen
    link = body["template"]["components"][0]["parameters"][-1]["text"]
    path = link.split("127.0.0.1:8000", 1)[1]
    c = Client()
    assert "Ya, berhenti" in c.get(path).content.decode()
    assert Consent.objects.get(address=opted_in.pempek.whatsapp).opted_in  # a GET changes nothing
    r = c.post(path)
    assert 'data-testid="stopped"' in r.content.decode()
    assert not Consent.objects.get(address=opted_in.pempek.whatsapp).opted_in
