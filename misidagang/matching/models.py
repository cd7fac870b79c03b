from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from misidagang.directory.models import Listing
from misidagang.missions.models import Mission, Participant


class Dismissal(models.Model):
    """A recommended partner marked "tidak relevan" for one need; remembered and passed to
    the engine as an excluded pair, so it does not come back."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="dismissals")
    buyer = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="dismissals")
    need = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="dismissals")
    seller = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mission", "need", "seller"], name="one_dismissal")
        ]
        verbose_name = _("rekomendasi tidak relevan")

    def __str__(self) -> str:
        return f"{self.need} ✕ {self.seller}"


class RecommendationSet(models.Model):
    """The engine's last answer for a mission, with the fingerprint of its input: when a
    profile, listing, participant or dismissal changes, the input changes and it recomputes."""

    mission = models.OneToOneField(
        Mission, on_delete=models.CASCADE, related_name="recommendations"
    )
    fingerprint = models.CharField(max_length=64)
    computed_at = models.DateTimeField(default=timezone.now)
    solve_ms = models.PositiveIntegerField(default=0)
    result = models.JSONField(default=dict)
    # Not stored: True when a background job is recomputing it (a large mission's new input).
    updating = False

    def __str__(self) -> str:
        return f"{self.mission} @ {self.computed_at:%Y-%m-%d %H:%M}"
