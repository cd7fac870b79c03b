"""What the demo's businesses trade. Facts, not code: each entry is
(text, HS code, unit, lowest and highest monthly quantity, certifications).

East Java's side follows what it sold to and bought from Sumatera Selatan in the missions of
2020 and 2025 (olahan unggas, susu, daging ayam, rokok, ikan beku, gula merah tebu, beras,
kerupuk, dori fillet, mesin las, paket dapur MBG, sepatu olahraga, pembersih lantai, bibit bawang
merah; bought kelapa, veneer kayu, madu, ayam fillet), widened with the goods East Java sells to
other provinces (pakan ikan dan udang, telur, DOC, semen, pupuk, garam, batik, kopi)."""

from __future__ import annotations

Item = tuple[str, str, str, int, int, tuple[str, ...]]

# Delegation (Jawa Timur) sectors: name word, regencies, offers, needs.
DELEGATION_SECTORS: list[tuple[str, tuple[str, ...], list[Item], list[Item]]] = [
    (
        "Pangan",
        ("35.21", "35.22", "35.24", "35.09"),
        [
            ("Beras premium kemasan 5 kg dan 25 kg", "100630", "ton", 50, 400, ("halal", "sni")),
            ("Beras medium curah", "100630", "ton", 100, 800, ()),
        ],
        [("Karung plastik anyaman 50 kg", "630533", "lembar", 20000, 100000, ())],
    ),
    (
        "Gula",
        ("35.06", "35.07", "35.15"),
        [
            ("Gula kristal putih (GKP) karung 50 kg", "170199", "ton", 50, 500, ("halal", "sni")),
            ("Gula merah tebu cetak", "170113", "ton", 5, 40, ("halal", "pirt")),
        ],
        [],
    ),
    (
        "Unggas",
        ("35.07", "35.05", "35.06", "35.16"),
        [
            ("Daging ayam karkas beku", "020712", "ton", 20, 200, ("halal",)),
            ("Olahan unggas: nugget dan sosis ayam", "160232", "ton", 5, 60, ("halal", "bpom")),
            ("DOC ayam broiler (day old chick)", "010511", "ekor", 50000, 400000, ()),
        ],
        [("Jagung pipil kering untuk pakan", "100590", "ton", 200, 1500, ())],
    ),
    (
        "Telur",
        ("35.05", "35.72"),
        [
            ("Telur ayam ras segar", "040721", "ton", 30, 300, ("halal",)),
        ],
        [("Jagung pipil kering untuk pakan", "100590", "ton", 300, 2000, ())],
    ),
    (
        "Susu",
        ("35.14", "35.07", "35.79"),
        [
            ("Susu UHT kemasan 200 ml", "040120", "karton", 2000, 20000, ("halal", "bpom")),
            ("Susu sapi segar", "040120", "liter", 20000, 200000, ("halal",)),
        ],
        [("Kemasan karton aseptik", "481159", "lembar", 100000, 900000, ())],
    ),
    (
        "Bahari",
        ("35.15", "35.25", "35.10"),
        [
            ("Ikan tongkol dan layang beku", "030389", "ton", 20, 150, ("halal",)),
            ("Dori fillet (patin) beku", "030462", "ton", 10, 80, ("halal", "bpom")),
        ],
        [("Ikan patin segar ukuran fillet", "030272", "ton", 30, 200, ())],
    ),
    (
        "Kerupuk",
        ("35.15", "35.24"),
        [
            ("Kerupuk udang mentah", "190590", "kg", 2000, 20000, ("halal", "pirt")),
            ("Makanan ringan keripik singkong", "200899", "kg", 1000, 10000, ("halal", "pirt")),
        ],
        [("Tepung tapioka", "110814", "ton", 10, 80, ())],
    ),
    (
        "Tembakau",
        ("35.71", "35.06", "35.07", "35.09"),
        [
            ("Rokok kretek filter", "240220", "bal", 500, 5000, ()),
            ("Tembakau rajangan Besuki", "240120", "ton", 10, 100, ()),
        ],
        [("Cengkeh kering", "090710", "ton", 5, 50, ())],
    ),
    (
        "Teknik",
        ("35.78", "35.15"),
        [
            ("Mesin las listrik inverter", "851539", "unit", 50, 500, ("sni",)),
            ("Mesin pengurai sabut kelapa", "847989", "unit", 2, 20, ()),
        ],
        [("Pelat baja lembaran", "720851", "ton", 20, 100, ())],
    ),
    (
        "Dapur",
        ("35.15", "35.78"),
        [
            (
                "Paket peralatan dapur MBG: ompreng dan panci stainless",
                "732393",
                "set",
                200,
                3000,
                ("sni",),
            ),
        ],
        [],
    ),
    (
        "Alas Kaki",
        ("35.16", "35.15"),
        [
            ("Sepatu olahraga", "640411", "pasang", 2000, 20000, ("sni",)),
            ("Sandal jepit karet", "640220", "kodi", 500, 5000, ()),
        ],
        [("Karet alam SIR 20", "400122", "ton", 50, 400, ())],
    ),
    (
        "Kimia",
        ("35.78", "35.25"),
        [
            ("Cairan pembersih lantai", "340250", "karton", 1000, 10000, ("sni",)),
            ("Sabun cuci cair", "340250", "karton", 1000, 8000, ("halal",)),
        ],
        [("Minyak sawit mentah (CPO) untuk bahan baku", "151110", "ton", 100, 600, ())],
    ),
    (
        "Benih",
        ("35.18", "35.13"),
        [
            ("Bibit bawang merah varietas Bauji", "070310", "ton", 5, 50, ()),
            ("Benih cabai rawit hibrida", "120991", "kg", 50, 500, ()),
        ],
        [],
    ),
    (
        "Pakan",
        ("35.15", "35.25"),
        [
            ("Pakan udang dan ikan (pelet apung)", "230990", "ton", 100, 1000, ()),
        ],
        [("Tepung ikan", "230120", "ton", 50, 300, ())],
    ),
    (
        "Kopi",
        ("35.11", "35.10", "35.07"),
        [
            ("Kopi arabika Ijen green bean grade 1", "090111", "ton", 2, 30, ("organik",)),
            ("Kopi robusta bubuk kemasan", "090121", "kg", 500, 5000, ("halal", "pirt")),
        ],
        [("Kopi robusta Semendo green bean", "090111", "ton", 10, 100, ())],
    ),
    (
        "Batik",
        ("35.28", "35.29", "35.78"),
        [
            ("Batik tulis Madura kain katun", "520859", "lembar", 200, 2000, ()),
            ("Busana muslim dan fesyen", "620443", "potong", 500, 5000, ()),
        ],
        [],
    ),
    (
        "Garam",
        ("35.29", "35.28", "35.27"),
        [
            ("Garam konsumsi beryodium", "250100", "ton", 50, 500, ("sni", "halal")),
        ],
        [("Karung plastik anyaman 50 kg", "630533", "lembar", 10000, 60000, ())],
    ),
    (
        "Bangunan",
        ("35.23", "35.25", "35.15"),
        [
            ("Semen portland komposit", "252329", "ton", 500, 5000, ("sni",)),
            ("Besi beton ulir", "721420", "ton", 50, 500, ("sni",)),
            ("Pupuk NPK dan dolomit", "310520", "ton", 200, 2000, ()),
        ],
        [],
    ),
    (
        "Mebel",
        ("35.14", "35.25"),
        [
            ("Mebel kayu jati dan kursi", "940360", "unit", 100, 1000, ()),
        ],
        [("Veneer kayu meranti", "440839", "m3", 100, 800, ())],
    ),
    (
        "Olahan",
        ("35.78", "35.73"),
        [
            ("Kecap manis dan saos sambal", "210390", "karton", 1000, 10000, ("halal", "bpom")),
            ("Bumbu masak instan", "210390", "karton", 500, 5000, ("halal", "bpom")),
        ],
        [
            ("Madu hutan murni", "040900", "kg", 500, 5000, ()),
            ("Kelapa bulat tua", "080119", "butir", 50000, 400000, ()),
        ],
    ),
    (
        "Niaga",
        ("35.78", "35.15", "35.25"),
        [
            ("Minyak goreng sawit kemasan", "151190", "karton", 2000, 20000, ("halal", "sni")),
        ],
        [
            ("Minyak sawit mentah (CPO)", "151110", "ton", 200, 2000, ()),
            ("Ayam fillet beku", "020714", "ton", 10, 80, ("halal",)),
            ("Kelapa bulat tua", "080119", "butir", 20000, 200000, ()),
        ],
    ),
]

# Host (Sumatera Selatan) sectors: the buyers and traders of Palembang and the regencies,
# and the province's own goods (karet, kopi Semendo, kelapa, veneer, madu, pempek, CPO…).
HOST_SECTORS: list[tuple[str, tuple[str, ...], list[Item], list[Item]]] = [
    (
        "Sembako",
        ("16.71", "16.74", "16.73", "16.72"),
        [],
        [
            ("Beras medium dan premium", "100630", "ton", 50, 500, ()),
            ("Gula kristal putih", "170199", "ton", 20, 200, ("halal",)),
            ("Minyak goreng kemasan", "151190", "karton", 1000, 10000, ("halal",)),
            ("Telur ayam ras", "040721", "ton", 10, 100, ()),
        ],
    ),
    (
        "Frozen",
        ("16.71", "16.07"),
        [],
        [
            ("Daging ayam beku", "020712", "ton", 10, 100, ("halal",)),
            ("Ikan beku tongkol/layang", "030389", "ton", 10, 100, ("halal",)),
            ("Dori fillet beku", "030462", "ton", 5, 40, ("halal",)),
            ("Nugget dan sosis ayam", "160232", "ton", 2, 20, ("halal", "bpom")),
        ],
    ),
    (
        "Dapur Gizi",
        ("16.71", "16.10", "16.02", "16.01"),
        [],
        [
            ("Peralatan dapur MBG: ompreng stainless", "732393", "set", 100, 1000, ("sni",)),
            ("Susu UHT kemasan kecil", "040120", "karton", 1000, 10000, ("halal", "bpom")),
            ("Telur ayam ras", "040721", "ton", 5, 50, ()),
            ("Beras medium", "100630", "ton", 10, 100, ()),
        ],
    ),
    (
        "Bangunan",
        ("16.71", "16.03", "16.06"),
        [],
        [
            ("Semen portland", "252329", "ton", 200, 2000, ("sni",)),
            ("Besi beton ulir", "721420", "ton", 20, 200, ("sni",)),
            ("Mesin las listrik", "851539", "unit", 10, 100, ()),
        ],
    ),
    (
        "Tani",
        ("16.08", "16.02", "16.10", "16.05"),
        [
            ("Beras OKU Timur (gabah kering giling)", "100610", "ton", 100, 800, ()),
        ],
        [
            ("Bibit bawang merah", "070310", "ton", 2, 20, ()),
            ("Benih cabai hibrida", "120991", "kg", 20, 200, ()),
            ("Pupuk NPK dan dolomit", "310520", "ton", 100, 1000, ()),
        ],
    ),
    (
        "Karet",
        ("16.07", "16.02", "16.06", "16.03"),
        [
            ("Karet alam crumb rubber SIR 20", "400122", "ton", 100, 1500, ()),
        ],
        [("Mesin las listrik", "851539", "unit", 5, 30, ())],
    ),
    (
        "Kopi",
        ("16.03", "16.72", "16.04", "16.11"),
        [
            ("Kopi robusta Semendo green bean", "090111", "ton", 10, 150, ()),
            ("Kopi robusta Pagar Alam bubuk", "090121", "kg", 500, 5000, ("halal", "pirt")),
        ],
        [("Kemasan standing pouch aluminium foil", "392329", "lembar", 10000, 100000, ())],
    ),
    (
        "Kelapa",
        ("16.07", "16.02"),
        [
            ("Kelapa bulat tua", "080119", "butir", 50000, 500000, ()),
            ("Kopra", "120300", "ton", 20, 200, ()),
        ],
        [("Mesin pengurai sabut kelapa", "847989", "unit", 1, 5, ())],
    ),
    (
        "Kayu",
        ("16.06", "16.02", "16.13"),
        [
            ("Veneer kayu meranti dan kayu lapis", "440839", "m3", 100, 1000, ()),
        ],
        [("Mesin las listrik", "851539", "unit", 2, 10, ())],
    ),
    (
        "Madu",
        ("16.03", "16.04", "16.05"),
        [
            ("Madu hutan murni Sumsel", "040900", "kg", 300, 3000, ("halal", "pirt")),
        ],
        [("Kemasan botol kaca 250 ml", "701090", "pcs", 5000, 50000, ())],
    ),
    (
        "Pempek",
        ("16.71",),
        [
            (
                "Pempek dan kerupuk kemplang Palembang",
                "160420",
                "kg",
                1000,
                10000,
                ("halal", "pirt"),
            ),
        ],
        [
            ("Tepung tapioka", "110814", "ton", 10, 60, ()),
            ("Ikan tenggiri beku", "030354", "ton", 5, 40, ("halal",)),
        ],
    ),
    (
        "Sawit",
        ("16.06", "16.07", "16.12"),
        [
            ("Minyak sawit mentah (CPO)", "151110", "ton", 500, 5000, ()),
        ],
        [("Pupuk NPK dan dolomit", "310520", "ton", 200, 2000, ())],
    ),
    (
        "Patin",
        ("16.10", "16.02"),
        [
            ("Ikan patin segar", "030272", "ton", 20, 200, ()),
        ],
        [("Pakan ikan pelet apung", "230990", "ton", 50, 500, ())],
    ),
    (
        "Unggas",
        ("16.07", "16.71"),
        [
            ("Ayam fillet beku", "020714", "ton", 10, 60, ("halal",)),
        ],
        [
            ("DOC ayam broiler", "010511", "ekor", 20000, 200000, ()),
            ("Jagung pipil kering", "100590", "ton", 100, 800, ()),
        ],
    ),
    (
        "Ritel",
        ("16.71", "16.74", "16.72"),
        [],
        [
            ("Rokok kretek filter", "240220", "bal", 200, 2000, ()),
            ("Cairan pembersih lantai", "340250", "karton", 200, 2000, ()),
            ("Sepatu olahraga", "640411", "pasang", 500, 5000, ()),
            ("Kerupuk udang mentah", "190590", "kg", 500, 5000, ("halal",)),
            ("Kecap dan saos sambal", "210390", "karton", 300, 3000, ("halal",)),
        ],
    ),
    (
        "Songket",
        ("16.71", "16.10"),
        [
            ("Kain songket Palembang", "580900", "lembar", 50, 500, ()),
        ],
        [("Batik tulis Madura", "520859", "lembar", 100, 1000, ())],
    ),
    (
        "Nanas",
        ("16.74", "16.10", "16.02"),
        [
            ("Nanas Prabumulih segar", "080430", "ton", 20, 200, ()),
            ("Duku Komering", "081090", "ton", 10, 100, ()),
        ],
        [("Karton box buah", "481910", "pcs", 5000, 50000, ())],
    ),
]

NAME_FIRST = (
    "Sumber",
    "Berkah",
    "Maju",
    "Sinar",
    "Mitra",
    "Karya",
    "Putra",
    "Tunas",
    "Cahaya",
    "Bintang",
    "Harapan",
    "Anugerah",
    "Sejahtera",
    "Sentosa",
    "Mandiri",
    "Nusantara",
    "Barokah",
    "Prima",
)
NAME_LAST = (
    "Jaya",
    "Makmur",
    "Abadi",
    "Lestari",
    "Mulia",
    "Agung",
    "Rejeki",
    "Utama",
    "Sejati",
    "Perkasa",
    "Sakti",
    "Bersama",
    "Gemilang",
    "Santosa",
    "Indah",
    "Mapan",
)
PEOPLE = (
    "Agus Setiawan",
    "Siti Aminah",
    "Budi Santoso",
    "Dewi Lestari",
    "Eko Prasetyo",
    "Fitri Handayani",
    "Hadi Susanto",
    "Indah Permatasari",
    "Joko Widodo Saputra",
    "Kartika Sari",
    "Lukman Hakim",
    "Mega Wulandari",
    "Nur Hasanah",
    "Rudi Hartono",
    "Sri Rahayu",
    "Taufik Hidayat",
    "Wahyu Nugroho",
    "Yuni Astuti",
    "Zainal Abidin",
    "Rina Marlina",
    "Ahmad Fauzi",
    "Herlina Sari",
    "Syamsul Bahri",
    "Yusuf Maulana",
    "Desi Ratnasari",
    "Firmansyah",
    "Rahmat Hidayat",
    "Novi Anggraini",
)
MOBILE_PREFIXES = ("0812", "0813", "0821", "0852", "0857", "0878", "0896", "0815", "0838")
