from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from misidagang.accounts.models import ApiToken
from misidagang.accounts.types import AuthedRequest


@login_required
def profile(request: AuthedRequest) -> HttpResponse:
    tokens = ApiToken.objects.filter(user_id=request.user.pk or 0).order_by("-created")
    return render(request, "accounts/profile.html", {"tokens": tokens})


@login_required
@require_POST
def new_token(request: AuthedRequest) -> HttpResponse:
    raw = ApiToken.issue(user=request.user, name=request.POST.get("name", "")[:100])
    messages.success(
        request, _("Token baru dibuat. Simpan sekarang; token tidak ditampilkan lagi.")
    )
    tokens = ApiToken.objects.filter(user_id=request.user.pk or 0).order_by("-created")
    return render(request, "accounts/profile.html", {"tokens": tokens, "raw_token": raw})
