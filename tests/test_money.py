from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from misidagang.money import AmountError, parse_idr


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("12.000.000", 12_000_000),
        ("Rp 1.500.000.000", 1_500_000_000),
        ("1,5 M", 1_500_000_000),
        ("1.5 M", 1_500_000_000),
        ("750 jt", 750_000_000),
        ("306.548.050.000", 306_548_050_000),
        ("2 T", 2_000_000_000_000),
    ],
)
def test_it_reads_amounts_as_people_type_them(text, amount):
    assert parse_idr(text) == amount


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1.5.5 M", "invalid"),
        ("750 jt 3", "invalid"),
        ("abc", "invalid"),
        ("12.50", "invalid"),
        ("1500000000.0", "invalid"),
        ("-750 jt", "negative"),
        ("sekitar 1 M", "approximate"),
        ("99999999999999999999 T", "too_big"),
    ],
)
def test_it_refuses_what_it_cannot_read_exactly(text, code):
    with pytest.raises(AmountError) as err:
        parse_idr(text)
    assert err.value.code == code


@given(st.integers(min_value=0, max_value=9 * 10**18))
def test_it_reads_back_any_amount_written_the_indonesian_way(amount):
    assert parse_idr(f"{amount:,}".replace(",", ".")) == amount
    assert parse_idr(f"Rp {amount:,}".replace(",", ".")) == amount
