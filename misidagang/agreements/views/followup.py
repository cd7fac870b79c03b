from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from misidagang.accounts.types import AuthedRequest
from misidagang.agreements import followup
from misidagang.agreements.forms import FollowUpAnswerForm, RoundsForm
from misidagang.agreements.models import FollowUpAnswer, FollowUpRound
from misidagang.agreements.notifications import round_ask_all
from misidagang.deals.models import Deal
from misidagang.errors import refusal_on_form
from misidagang.missions.access import (
    manages,
    mission_for_managing,
    mission_for_staff,
    mission_for_watching,
    staffs,
)


@login_required
def board(request: AuthedRequest, pk: int) -> HttpResponse:
    """Organisers and clerks: rounds, realisation rate and the open deals to ask about. Viewers
    read it without the answer links."""
    mission = mission_for_watching(request.user, pk)
    staff = staffs(request.user, mission)
    rounds = followup.rounds_for(mission)
    chosen = next((r for r in rounds if str(r.pk) == request.GET.get("round")), rounds[0])
    answers = {a.deal_id: a for a in chosen.answers.all()}
    deals = list(followup.open_deals(mission)[:300])
    return render(
        request,
        "agreements/followup.html",
        {
            "mission": mission,
            "rounds": rounds,
            "round": chosen,
            "rows": [
                (
                    d,
                    answers.get(d.pk),
                    followup.share_links(request=request, round=chosen, deal=d) if staff else None,
                )
                for d in deals
            ],
            "rate": followup.realisation_rate(mission),
            "rounds_form": RoundsForm(
                initial={"months": ", ".join(str(r.months_after) for r in rounds)}
            ),
            "can_manage": manages(request.user, mission),
            "staff": staff,
        },
    )


@login_required
@require_POST
def ask_all(request: AuthedRequest, pk: int, round_id: int) -> HttpResponse:
    """Staff: ask every open deal of the round at once, through each party's channels."""
    mission = mission_for_staff(request.user, pk)
    round = get_object_or_404(FollowUpRound, pk=round_id, mission=mission)
    written = round_ask_all(round, request.user)
    messages.success(
        request,
        _("Pertanyaan tindak lanjut dikirim: %(n)s pesan baru (lihat log notifikasi).")
        % {"n": written},
    )
    return redirect(reverse("followup", args=[mission.pk]) + f"?round={round.pk}")


@login_required
@require_POST
def rounds(request: AuthedRequest, pk: int) -> HttpResponse:
    mission = mission_for_managing(request.user, pk)
    form = RoundsForm(request.POST)
    if form.is_valid():
        followup.followup_rounds_set(
            mission=mission,
            months=form.cleaned_data["months"],
            actor=request.user,
        )
        messages.success(request, _("Jadwal tindak lanjut tersimpan."))
    else:
        messages.error(request, str(form.errors["months"][0]))  # ErrorList[i] is the message
    return redirect("followup", pk=mission.pk)


def _answer(
    request: HttpRequest,
    round: FollowUpRound,
    deal: Deal,
    *,
    via: str,
    done: str,
    template_extra: dict[str, Any],
) -> HttpResponse:
    existing = FollowUpAnswer.objects.filter(round=round, deal=deal).first()
    initial = (
        {
            "outcome": existing.outcome,
            "realised_total_idr": existing.realised_total_idr,
            "realised_on": existing.realised_on,
            "reason": existing.reason,
        }
        if existing
        else {}
    )
    form = FollowUpAnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            followup.followup_answer(
                round=round,
                deal=deal,
                via=via,
                actor=request.user,
                **form.cleaned_data,
            )
        except followup.FollowUpError as exc:
            refusal_on_form(form, exc)
        else:
            messages.success(request, _("Terima kasih, jawaban tersimpan."))
            return redirect(done)
    deal.refresh_from_db()
    return render(
        request,
        "agreements/followup_answer.html",
        {
            "form": form,
            "round": round,
            "deal": deal,
            "mission": round.mission,
            **template_extra,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def answer(request: AuthedRequest, pk: int, round_id: int, deal_id: int) -> HttpResponse:
    mission = mission_for_staff(request.user, pk)
    round = get_object_or_404(FollowUpRound, pk=round_id, mission=mission)
    deal = get_object_or_404(
        Deal.objects.counted().select_related("seller", "buyer"), pk=deal_id, mission=mission
    )
    done = f"{redirect('followup', pk=mission.pk).url}?round={round.pk}"
    return _answer(
        request,
        round,
        deal,
        via=FollowUpAnswer.Via.CLERK,
        done=done,
        template_extra={"by_link": False},
    )


def link(request: HttpRequest, token: str) -> HttpResponse:
    """Public, for the parties of a deal: the signed link is the permission."""
    try:
        round, deal = followup.from_token(token)
    except (signing.BadSignature, FollowUpRound.DoesNotExist, Deal.DoesNotExist):
        return render(request, "agreements/followup_invalid.html", status=404)
    if not deal.counts:
        return render(request, "agreements/followup_invalid.html", status=404)
    return _answer(
        request,
        round,
        deal,
        via=FollowUpAnswer.Via.LINK,
        done=request.path,
        template_extra={"by_link": True},
    )
