"""`misidagang importdeals FILE --mission ID`: all rows checked first, all or nothing."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from misidagang.deals.models import Deal

pytestmark = pytest.mark.django_db

HEADER = "seller;buyer;direction;hs;commodity;quantity;unit;value;stage;financing\n"


def write(tmp_path, rows):  # type: ignore[no-untyped-def]
    path = tmp_path / "deals.csv"
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def run(path, world):  # type: ignore[no-untyped-def]
    call_command("importdeals", str(path), mission=world.mission.pk, user="bob")


def test_it_reports_bad_rows_by_number_and_imports_nothing(world, tmp_path, capsys):
    path = write(
        tmp_path,
        [
            "CV Kopi Ijen Lestari;UD Pempek Palembang Jaya;jual;0901;Kopi;2;ton;1,5 M;;ya",
            "CV Kopi Ijen Lestari;UD Pempek Palembang Jaya;jual;0901;Kopi;;;sekitar 1 M;;",
            "CV Kopi Ijen Lestari;CV Kopi Ijen Lestari;jual;0901;Kopi;;;750 jt;;",
        ],
    )
    with pytest.raises(CommandError, match="2 bad row"):
        run(path, world)
    err = capsys.readouterr().err
    assert "row 3:" in err and "row 4:" in err and "row 2:" not in err
    assert Deal.objects.count() == 0


def test_it_imports_a_good_file_once(world, tmp_path):
    path = write(
        tmp_path,
        [
            "CV Kopi Ijen Lestari;UD Pempek Palembang Jaya;jual;0901;Kopi;2,5;ton;1,5 M;kontrak;ya",
            "1234567890123;PT Sriwijaya Niaga;jual;;Kopi bubuk;;;Rp 750.000.000;;",
        ],
    )
    run(path, world)
    run(path, world)  # the same file again adds nothing
    deals = list(Deal.objects.order_by("value_idr"))
    assert [d.value_idr for d in deals] == [750_000_000, 1_500_000_000]
    assert deals[0].seller == world.kopi and deals[0].buyer_name == "PT Sriwijaya Niaga"
    assert deals[1].wants_financing and deals[1].stage == "kontrak" and deals[1].is_confirmed
