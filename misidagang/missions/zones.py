"""Which of Indonesia's three time zones a province keeps (by Kemendagri province code)."""

WITA_PROVINCES = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
WIT_PROVINCES = {"81", "82", "91", "92", "93", "94", "95", "96"}


def zone_for_province(code: str) -> str:
    if code in WIT_PROVINCES:
        return "Asia/Jayapura"
    if code in WITA_PROVINCES:
        return "Asia/Makassar"
    return "Asia/Jakarta"
