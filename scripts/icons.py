"""Draw the app icon (static/img/favicon.svg: a rising line on green) as PNG and ICO files for
the web app manifest and /favicon.ico, with the standard library only.

Usage: python scripts/icons.py   (writes misidagang/static/img/icon-{192,512}.png, favicon.ico)"""

from __future__ import annotations

import math
import struct
import zlib
from pathlib import Path

IMG = Path(__file__).resolve().parent.parent / "misidagang/static/img"
GREEN = (0x0B, 0x6E, 0x4F)
WHITE = (255, 255, 255)
LINE = [(7, 22), (13, 14), (18, 19), (25, 9)]  # in the SVG's 32 × 32 box
STROKE = 3.0
RADIUS = 6.0


def _segment_distance(px: float, py: float, a: tuple[int, int], b: tuple[int, int]) -> float:
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def _inside_rounded(px: float, py: float) -> bool:
    cx = min(max(px, RADIUS), 32 - RADIUS)
    cy = min(max(py, RADIUS), 32 - RADIUS)
    return math.hypot(px - cx, py - cy) <= RADIUS


def pixel(x: float, y: float) -> tuple[int, int, int, int]:
    if not _inside_rounded(x, y):
        return (0, 0, 0, 0)
    near = min(_segment_distance(x, y, a, b) for a, b in zip(LINE, LINE[1:], strict=False))
    return (*WHITE, 255) if near <= STROKE / 2 else (*GREEN, 255)


def render(size: int, samples: int = 3) -> bytes:
    rows = []
    scale = 32 / size
    for j in range(size):
        row = bytearray(b"\x00")  # filter: none
        for i in range(size):
            acc = [0, 0, 0, 0]
            for sj in range(samples):
                for si in range(samples):
                    p = pixel(
                        (i + (si + 0.5) / samples) * scale, (j + (sj + 0.5) / samples) * scale
                    )
                    for k in range(3):
                        acc[k] += p[k] * p[3]
                    acc[3] += p[3]
            alpha = acc[3] / samples**2
            color = [round(acc[k] / acc[3]) if acc[3] else 0 for k in range(3)]
            row += bytes([*color, round(alpha)])
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


def ico(png: bytes, size: int) -> bytes:
    """An ICO file holding one PNG image (all current browsers read these)."""
    entry = struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png), 6 + 16)
    return struct.pack("<HHH", 0, 1, 1) + entry + png


def main() -> None:
    for size in (192, 512):
        (IMG / f"icon-{size}.png").write_bytes(render(size))
    (IMG / "favicon.ico").write_bytes(ico(render(48), 48))


if __name__ == "__main__":
    main()
