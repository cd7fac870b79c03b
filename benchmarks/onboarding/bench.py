"""Onboarding import floors: a 10,000-row sheet previewed (≤ 20 s) and imported (≤ 60 s) in
≤ 500 MB; a 200,000-row sheet refused in ≤ 5 s.

    .venv/bin/python benchmarks/onboarding/bench.py            # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/misidagang_onboard \
        .venv/bin/python benchmarks/onboarding/bench.py        # PostgreSQL (db is flushed!)

Each phase runs in its own process so that its peak memory (max RSS) is its own."""

from __future__ import annotations

import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTS = [
    "kopi arabika",
    "kopi robusta",
    "gula kelapa",
    "keripik tempe",
    "sambal bawang",
    "batik tulis",
    "tenun ikat",
    "beras premium",
    "garam krosok",
    "tembakau rajangan",
    "kerupuk udang",
    "ikan bandeng",
    "minyak kelapa",
    "madu hutan",
    "teh hijau",
    "kakao fermentasi",
    "jahe merah",
    "kain mori",
    "kemasan standing pouch",
    "furnitur jati",
    "tas anyaman pandan",
    "sepatu kulit",
]
KINDS = ["", " bubuk", " kemasan 250 g", " curah", " organik", " premium", " grade A"]
JATIM_REGENCIES = [
    "Kab. Pacitan",
    "Kab. Ponorogo",
    "Kab. Trenggalek",
    "Kab. Tulungagung",
    "KABUPATEN BLITAR",
    "Kediri Kab.",
    "Kab. Malang",
    "Lumajang",
    "Jember",
    "Banyuwangi",
    "Kab. Bondowoso",
    "Situbondo",
    "Kab. Probolinggo",
    "Kab. Pasuruan",
    "Sidoarjo",
    "kab. mojokerto",
    "Jombang",
    "Nganjuk",
    "Kab. Madiun",
    "Magetan",
    "Ngawi",
    "Bojonegoro",
    "Tuban",
    "Lamongan",
    "Gresik",
    "Bangkalan",
    "Sampang",
    "Pamekasan",
    "Sumenep",
    "Kota Kediri",
    "Kota Blitar",
    "Kota Malang",
    "Kota Probolinggo",
    "Kota Pasuruan",
    "Kota Mojokerto",
    "Kota Madiun",
    "KOTA SURABAYA",
    "Batu",
]


def product(rng: random.Random) -> str:
    return rng.choice(PRODUCTS) + rng.choice(KINDS)


def make_sheet(rows: int, seed: int = 9) -> bytes:
    from openpyxl import Workbook

    rng = random.Random(seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["DAFTAR PESERTA MISI DAGANG (benchmark)"])
    sheet.append([])
    sheet.append(
        [
            "No",
            "Nama Perusahaan / Usaha",
            "Nama Pemilik / PIC",
            "Kabupaten/Kota",
            "No. HP / WA",
            "E-mail",
            "NIB",
            "Produk yang Dijual",
            "Kebutuhan",
            "Kapasitas / Bulan",
        ]
    )
    for i in range(rows):
        regency = JATIM_REGENCIES[i % len(JATIM_REGENCIES)]
        if regency == "Kediri Kab.":
            regency = "Kab. Kediri"
        sheet.append(
            [
                i + 1,
                f"{rng.choice(['CV', 'UD', 'PT', ''])} Usaha Uji {i:06d}".strip(),
                f"Pemilik {i}",
                regency,
                f"0812-{i // 10000 % 10000:04d}-{i % 10000:04d}",
                f"usaha{i}@example.id" if i % 5 else "",
                3500000000000 + i,
                "; ".join({product(rng) for _ in range(rng.randint(1, 2))}),
                product(rng) if i % 2 else "",
                f"{rng.randint(1, 500)} ton",
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def phase(name: str, path: str) -> dict:
    """Run one phase in this process (called as a child)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "misidagang.settings")
    import django

    django.setup()
    from misidagang.missions.models import Mission
    from misidagang.onboarding import importing

    mission = Mission.objects.get(name="Bench")
    data = Path(path).read_bytes()
    start = time.perf_counter()
    result: dict = {}
    try:
        if name == "preview":
            result = importing.import_preview(
                mission=mission, side="delegation", data=data, name="bench.xlsx"
            ).summary()
        elif name == "commit":
            result = importing.import_commit(
                mission=mission, side="delegation", data=data, name="bench.xlsx", actor=None
            ).summary()
        elif name == "invite":
            from misidagang.onboarding import services

            chosen = [p.business for p in mission.participants.select_related("business")[:500]]
            start = time.perf_counter()
            sent, skipped = services.invitations_send(
                actor=None, mission=mission, businesses=chosen
            )
            result = {"rows": len(chosen), "created": len(sent), "skipped": len(skipped)}
        elif name == "refuse":
            importing.import_preview(mission=mission, side="delegation", data=data, name="b.xlsx")
    except importing.FileError as exc:
        result = {"refused": exc.messages[0]}
    seconds = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    summary = {k: v for k, v in result.items() if k not in ("errors", "warnings")}
    summary["errors"] = len(result.get("errors", []))
    summary["warnings"] = len(result.get("warnings", []))
    return {"phase": name, "seconds": round(seconds, 2), "max_rss_mb": round(rss_mb), **summary}


def child(name: str, path: str, env: dict) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--phase", name, path],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="misidagang.settings",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        PYTHONPATH=str(ROOT),
    )
    tmp = Path(tempfile.mkdtemp(prefix="onboard-bench-"))
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    setup = (
        "import django; django.setup();"
        "from django.core.management import call_command;"
        "call_command('migrate', verbosity=0);"
        "call_command('flush', interactive=False, verbosity=0);"
        "from misidagang.directory.regions import load_regions; load_regions();"
        "from misidagang.missions.models import Mission; from datetime import datetime, timezone;"
        "Mission.objects.create(name='Bench', delegation_province_id='35', host_province_id='16',"
        "starts_at=datetime(2027,1,1,tzinfo=timezone.utc),"
        "ends_at=datetime(2027,1,2,tzinfo=timezone.utc))"
    )
    subprocess.run([sys.executable, "-c", setup], env=env, check=True, cwd=ROOT)
    t = time.perf_counter()
    (tmp / "10k.xlsx").write_bytes(make_sheet(10_000))
    made_10k = time.perf_counter() - t
    t = time.perf_counter()
    (tmp / "200k.xlsx").write_bytes(make_sheet(200_000))
    made_200k = time.perf_counter() - t
    results = [
        child("preview", str(tmp / "10k.xlsx"), env),
        child("commit", str(tmp / "10k.xlsx"), env),
        child("preview", str(tmp / "10k.xlsx"), env),  # the same file again: all unchanged
        child("invite", str(tmp / "10k.xlsx"), env),  # 500 invitations (in-memory e-mail)
        child("refuse", str(tmp / "200k.xlsx"), env),
    ]
    print(
        json.dumps(
            {
                "database": env["DATABASE_URL"].split(":", 1)[0],
                "sheet_seconds": {"10k": round(made_10k, 1), "200k": round(made_200k, 1)},
                "sizes_kb": {
                    n: (tmp / n).stat().st_size // 1024 for n in ("10k.xlsx", "200k.xlsx")
                },
                "load_average": os.getloadavg(),
                "results": results,
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--phase":
        sys.path.insert(0, str(ROOT))
        print(json.dumps(phase(sys.argv[2], sys.argv[3])))
    else:
        main()
