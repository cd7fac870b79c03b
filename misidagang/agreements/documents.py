"""What a signed-document upload really is, from its first bytes. No Django."""

from __future__ import annotations

MAX_BYTES = 10 * 1024 * 1024
KINDS = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
EXTENSIONS = {"pdf": "pdf", "jpg": "jpg", "jpeg": "jpg", "png": "png"}


def sniff(head: bytes) -> str | None:
    """'pdf', 'jpg' or 'png' when the bytes start like one, else None."""
    for kind, magics in KINDS.items():
        if any(head.startswith(m) for m in magics):
            return kind
    return None


def check(name: str, size: int, head: bytes) -> str | None:
    """None when acceptable, else the reason: 'size', 'extension' or 'content'."""
    if size > MAX_BYTES:
        return "size"
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in EXTENSIONS:
        return "extension"
    if sniff(head) != EXTENSIONS[ext]:
        return "content"
    return None
