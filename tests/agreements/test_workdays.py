from __future__ import annotations

from datetime import date

from misidagang.agreements import documents
from misidagang.agreements.workdays import due_state, horizon_end


def test_it_counts_lateness_in_working_days_skipping_lebaran_2026():
    # Idul Fitri 1447 H and its cuti bersama close offices from 18 to 24 March 2026.
    state = due_state(date(2026, 3, 17), date(2026, 3, 26), horizon=10)
    assert state.state == "overdue"
    assert state.working_days == 2  # 25 and 26 March only


def test_it_counts_days_left_and_today():
    assert due_state(date(2026, 11, 27), date(2026, 11, 27), horizon=5).working_days == 0
    friday_to_monday = due_state(date(2026, 11, 30), date(2026, 11, 27), horizon=5)
    assert (friday_to_monday.state, friday_to_monday.working_days) == ("due", 1)


def test_it_puts_items_beyond_the_horizon_later():
    assert horizon_end(date(2026, 11, 27), 5) == date(2026, 12, 4)
    assert due_state(date(2026, 12, 7), date(2026, 11, 27), horizon=5).state == "later"
    assert due_state(date(2026, 12, 4), date(2026, 11, 27), horizon=5).state == "due"


def test_it_recognises_documents_by_their_first_bytes():
    assert documents.check("mou.pdf", 1000, b"%PDF-1.7\n") is None
    assert documents.check("scan.JPG", 1000, b"\xff\xd8\xff\xe0") is None
    assert documents.check("mou.pdf", 1000, b"MZ\x90\x00") == "content"
    assert documents.check("mou.exe", 1000, b"%PDF-1.7") == "extension"
    assert documents.check("mou.pdf", documents.MAX_BYTES + 1, b"%PDF-") == "size"
