from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from misidagang.directory.models import Business, name_key

pytestmark = pytest.mark.django_db


def test_it_has_every_province_and_regency():
    from misidagang.directory.models import Province, Regency

    assert Province.objects.count() == 38
    assert Regency.objects.count() == 514
    assert Regency.objects.get(code="35.78").name == "Kota Surabaya"
    assert Regency.objects.get(code="16.71").province_id == "16"


def test_it_rejects_a_nib_that_is_not_13_digits(world):
    world.kopi.nib = "12345"
    with pytest.raises(ValidationError) as err:
        world.kopi.full_clean()
    assert "nib" in err.value.message_dict


def test_it_normalises_the_phone_and_makes_a_whatsapp_link(world):
    assert world.kopi.phone == "0812-3456-7890"
    assert world.kopi.whatsapp_url == "https://wa.me/6281234567890"


def test_it_rejects_an_invalid_phone(world):
    world.kopi.phone = "12"
    with pytest.raises(ValidationError) as err:
        world.kopi.full_clean()
    assert "phone" in err.value.message_dict


def test_it_rejects_a_regency_outside_the_province(world):
    world.kopi.regency_id = "16.71"
    with pytest.raises(ValidationError) as err:
        world.kopi.full_clean()
    assert "regency" in err.value.message_dict


def test_it_flags_same_nib_and_near_identical_names_in_the_same_city(world):
    same_nib = Business.objects.create(
        name="Kopi Lain",
        legal_form="UD",
        nib=world.kopi.nib,
        scale="mikro",
        province_id="35",
        regency_id="35.78",
    )
    same_name = Business.objects.create(
        name="PEMPEK PALEMBANG JAYA.",
        legal_form="PT",
        scale="kecil",
        province_id="16",
        regency_id="16.71",
    )
    other_city = Business.objects.create(
        name="Pempek Palembang Jaya",
        legal_form="UD",
        scale="mikro",
        province_id="16",
        regency_id="16.74",
    )
    flagged = Business.objects.all().flag_duplicates()
    assert {world.kopi.pk, same_nib.pk, world.pempek.pk, same_name.pk} <= flagged
    assert other_city.pk not in flagged
    assert list(Business.objects.possible_duplicates_of(world.pempek)) == [same_name]
    assert name_key("CV. Kopi  Ijen-Lestari") == name_key("kopi ijen lestari")


def test_it_searches_by_name_commodity_and_hs(world):
    assert list(Business.objects.search("ijen")) == [world.kopi]
    assert set(Business.objects.with_commodity("0901")) == {world.kopi, world.pempek}
    assert list(Business.objects.with_commodity("0901", "need")) == [world.pempek]
    assert list(Business.objects.with_commodity("pouch")) == [world.kopi]
