"""misidagang invite --mission ID (--business ID | --all) [--print]

Sends invitations to the mission's participants (--all: those without a login yet); --print
also prints each invitation URL on its own line."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from misidagang.missions.models import Mission
from misidagang.onboarding import services


class Command(BaseCommand):
    help = "Send invitation links to a mission's participants."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--mission", type=int, required=True)
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--business", type=int)
        who.add_argument("--all", action="store_true")
        parser.add_argument("--print", action="store_true", dest="print_urls")

    def handle(self, *args: Any, **opts: Any) -> None:
        mission = Mission.objects.filter(pk=opts["mission"]).first()
        if mission is None:
            raise CommandError(f"no mission {opts['mission']}")
        participants = mission.participants.select_related("business").prefetch_related(
            "business__listings"
        )
        if opts["business"]:
            participants = participants.filter(business_id=opts["business"])
            if not participants:
                raise CommandError(f"business {opts['business']} is no participant of the mission")
            chosen = [p.business for p in participants]
        else:
            states = services.onboarding_states(p.business for p in participants)
            chosen = [
                p.business
                for p in participants
                if states[p.business_id] in ("none", "invited", "opened", "expired", "revoked")
            ]
        sent, skipped = services.invitations_send(actor=None, mission=mission, businesses=chosen)
        for message in skipped:
            self.stderr.write(message)
        for _invitation, url, _wa in sent:
            if opts["print_urls"]:
                self.stdout.write(url)
        self.stderr.write(f"{len(sent)} invitations sent, {len(skipped)} could not be invited")
