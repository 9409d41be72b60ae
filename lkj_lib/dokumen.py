"""Dokumentasi masukan yang dibangkitkan dari skema (``docs/masukan.md``), agar tak pernah usang."""

from __future__ import annotations

from .batas import daftar_batas
from .schema import NARASI, TABEL

_TIPE = {
    "teks": "teks", "kode": "kode (teks tanpa spasi)", "angka": "angka", "rupiah": "rupiah",
    "tahun": "tahun (4 digit)", "pilihan": "pilihan", "urutan": "bilangan bulat ≥ 1",
}


def teks_masukan() -> str:
    baris = [
        "# Masukan satu SKPD-tahun: lembar dan kolom",
        "",
        "<!-- Berkas ini dibangkitkan dari lkj_lib/schema.py oleh `python -m lkj_lib.dokumen`; jangan disunting. -->",
        "",
        "Data satu SKPD-tahun berada di `params/<skpd>/<tahun>/`: satu `data.xlsx` dengan lembar-lembar "
        "di bawah ini, **atau** folder `data/` berisi `<lembar>.csv` (pemisah koma, titik koma atau tab) "
        "dengan kolom yang sama. Baris 1 adalah nama kolom. Profil dan pengaturan: `docs/konfigurasi.md`.",
        "",
        "CSV boleh disimpan sebagai UTF-8 (dengan atau tanpa BOM), UTF-16 ber-BOM (\"Teks Unicode\" Excel) "
        "atau Windows-1252; pemisahnya (koma, titik koma atau tab) ditebak dari baris judul. Sel Excel "
        "berformat persen (0,0038 tampil `0,38%`) dibaca seperti diketik `0,38%`; sel tahun yang terformat "
        "tanggal oleh Excel (2022 tampil 14/07/1905) dibaca kembali sebagai tahun dengan peringatan.",
        "",
        "Angka boleh ditulis seperti tercetak: `1.058.998.350,00`, `63,32%`, `8 dokumen`, `4751 Data`, "
        "`≥ 26`, `2.5`, `-` (kosong). Titik diikuti tepat tiga digit dibaca sebagai pemisah ribuan "
        "(`4.751` = 4751) kecuali pada kolom bertanda *titik desimal*. Satuan dan pembanding (≥, ≤) disimpan.",
        "",
        "Periksa masukan dengan `lkj validate <folder>`: semua masalah dilaporkan sekaligus (berkas, lembar, "
        "baris, kolom, nilai, yang diharapkan, cara memperbaiki) dan kode keluar 2 bila ada galat. Masalah yang "
        "sejenis (berkas, lembar, kolom dan pesan sama, mis. ribuan id ganda dari baris yang tersalin) dicetak "
        "sepuluh baris pertama lalu diringkas dalam satu baris dengan jumlah dan rentang barisnya; "
        "`lkj validate --semua` mencetak setiap baris.",
        "",
    ]
    for t in TABEL:
        sifat = []
        if not t.wajib_ada:
            sifat.append("opsional")
        if t.instrumen:
            sifat.append("instrumen")
        if t.kunci:
            sifat.append("kunci unik: " + ", ".join(f"`{k}`" for k in t.kunci))
        baris += [f"## Lembar `{t.nama}` — {t.judul}", "", t.arti + (f" ({'; '.join(sifat)})" if sifat else ""), "",
                  "| kolom | tipe | wajib | contoh | arti |", "|---|---|---|---|---|"]
        for k in t.kolom:
            tipe = _TIPE[k.tipe]
            if k.pilihan and k.tipe == "pilihan":
                tipe += ": " + " / ".join(f"`{p}`" for p in k.pilihan)
            if k.titik_desimal:
                tipe += " (titik desimal)"
            contoh = f"`{k.contoh}`" if k.contoh else ""
            baris.append(f"| `{k.nama}` | {tipe} | {'ya' if k.wajib else 'tidak'} | {contoh} | {k.arti} |")
        baris.append("")
    baris += ["## Batas dan aturan baca", "",
              "Pemuat hanya membaca **berkas biasa di dalam folder SKPD-tahun**: tautan simbolik boleh bila "
              "tujuannya tetap di dalam folder itu; tautan ke luar folder, perangkat (mis. `/dev/zero`), FIFO, "
              "soket, dan folder di tempat berkas ditolak sebelum dibuka. `lkj.yaml` dan narasi harus UTF-8; "
              "anchor/alias YAML ditolak. Melampaui batas berikut adalah galat berlokasi (`lkj validate` "
              "keluar dengan kode 2 dan tidak menulis apa pun). Batas ditetapkan di `lkj_lib/batas.py`.", "",
              "| apa | batas |", "|---|---|"]
    baris += [f"| {apa} | {nilai} |" for apa, nilai in daftar_batas()]
    baris += [""]
    baris += ["## Narasi analis (`narasi/*.md`)", "",
              "Markdown biasa (HTML mentah tidak dirender). Berkas yang dikenal:", ""]
    baris += [f"- `narasi/{k}.md` — {v}" for k, v in NARASI.items()]
    baris += ["- `narasi/iku_<kode_indikator>.md` — analisis per IKU: penyebab keberhasilan/kegagalan, "
              "solusi, program pendukung.", "",
              "Narasi yang belum ditulis tampil sebagai penanda pada mode draf dan menjadi peringatan audit.", ""]
    return "\n".join(baris)


if __name__ == "__main__":
    from pathlib import Path

    p = Path(__file__).resolve().parents[1] / "docs" / "masukan.md"
    p.write_text(teks_masukan(), encoding="utf-8")
    print(f"ditulis: {p}")
