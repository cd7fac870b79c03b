from __future__ import annotations

from datetime import date

import pytest

from misidagang.agreements.models import ActionItem, Agreement, AgreementParty
from misidagang.missions.models import Organisation


@pytest.fixture
def pks(world):
    """A PKS of the world's mission between Jamkrida Jatim and Bank Jatim, with two items."""
    jamkrida = Organisation.objects.create(name="Jamkrida Jatim", kind="jamkrida", province_id="35")
    agreement = Agreement.objects.create(
        title="Penjaminan kredit UMKM peserta misi",
        kind="pks",
        signed_on=date(2026, 11, 2),
        signed_place="Surabaya",
        mission=world.mission,
        sectors="penjaminan, UMKM",
    )
    AgreementParty.objects.create(
        agreement=agreement,
        organisation=jamkrida,
        order=0,
        signatory_name="Budi Santoso",
        signatory_position="Direktur Utama",
    )
    AgreementParty.objects.create(
        agreement=agreement,
        organisation=world.bank,
        order=1,
        signatory_name="Sri Wahyuni",
        signatory_position="Direktur",
    )
    late = ActionItem.objects.create(
        agreement=agreement,
        what="Daftar UMKM calon debitur",
        responsible=world.bank,
        contact_person="Pak Hadi",
        due_on=date(2026, 11, 20),
    )
    later = ActionItem.objects.create(
        agreement=agreement,
        what="Sertifikat penjaminan",
        responsible=jamkrida,
        due_on=date(2027, 1, 29),
    )
    draft = Agreement.objects.create(
        title="LoI misi draf", kind="loi", signed_on=date(2026, 11, 3), mission=world.other
    )
    return type(
        "Pks", (), dict(agreement=agreement, late=late, later=later, draft=draft, jamkrida=jamkrida)
    )
