"""Audit narasi: bilangan selain rupiah dan persen — bilangan berdesimal (nilai indeks, IKM) dan
bilangan bersatuan cacah ("374 responden", "18 elemen", "3 program") — dicocokkan dengan semua angka data
dan hasil hitung (target, realisasi, capaian per tahun, instrumen, cacah). Angka yang tidak cocok:

- berdesimal → ``peringatan`` (besaran terukur yang tidak ada di data, mis. IKM tercetak alih-alih hasil
  hitung; bila cocok dengan nilai tercetak sebuah temuan akar, ia menjadi turunannya);
- bilangan bulat bersatuan → ``info`` tak teraudit (fakta di luar data, mis. "14 jenis layanan").
"""

from __future__ import annotations

import math
import re

from ..angka import AngkaError, baca_angka
from ..ukur.hasil import HasilKinerja
from .narasi import persen_berkunci
from .temuan import Temuan

SATUAN_CACAH = ("orang", "dokumen", "laporan", "lembaga", "aspek", "indikator", "triwulan", "program",
                "kegiatan", "sub kegiatan", "responden", "IKU", "unsur", "elemen", "formasi", "jabatan",
                "eksemplar", "bulan", "pegawai", "peserta", "unit", "entitas", "jenis layanan", "layanan", "data")
RE_CACAH = re.compile(r"(?<![\w.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:\s*\([a-z ]+\))?\s+(" + "|".join(
    s.replace(" ", r"\s+") for s in sorted(SATUAN_CACAH, key=len, reverse=True)) + r")\b")
_RE_DESIMAL = re.compile(r"(?<![\w.,])(?<!Rp )(?<!Rp\. )([-−]?(?:\d{1,3}(?:\.\d{3})*,\d+|\d+,\d+))"
                         r"(?!\s*(?:%|persen|[\d.,]))", re.IGNORECASE)


def _kosong(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _tahun(r) -> int | None:
    return None if _kosong(r["tahun"]) else int(r["tahun"])


def semua_angka(h: HasilKinerja) -> list[tuple[float, str]]:
    """Setiap angka data dan hasil hitung yang boleh dikutip narasi, dengan labelnya."""
    return [(v, label) for v, label, _ in angka_berkunci(h)]


def angka_berkunci(h: HasilKinerja) -> list[tuple[float, str, tuple | None]]:
    """:func:`semua_angka` dengan kunci besarannya ``(objek, kode, tahun, besaran)`` (None bila tanpa
    kunci), agar audit label narasi dapat menghitung kategori besaran yang dikutip. Dihitung sekali per
    :class:`HasilKinerja` (audit angka narasi dan audit label narasi memakai daftar yang sama; jangan diubah)."""
    from .dilaporkan import simpan

    return simpan(h, ("angka_berkunci",), lambda: _angka_berkunci(h))


def _angka_berkunci(h: HasilKinerja) -> list[tuple[float, str, tuple | None]]:
    out: list[tuple[float, str, tuple | None]] = list(persen_berkunci(h))
    t = h.tahun

    def tambah(v, label, kunci=None):
        try:
            if not _kosong(v):
                out.append((float(v), label, kunci))
        except (TypeError, ValueError):
            pass

    for r in h.riwayat.to_dict("records") if not h.riwayat.empty else []:
        for k in ("target", "realisasi", "capaian"):
            tambah(r[k], f"{k} {r['kode_indikator']} {r['tahun']}", ("iku", r["kode_indikator"], _tahun(r), k))
    for r in h.iku_semua.to_dict("records"):
        for k in ("target", "realisasi", "capaian"):  # bukan realisasi_input: laporan memakai hasil instrumen
            tambah(r[k], f"{k} {r['kode_indikator']}", ("iku", r["kode_indikator"], t, k))
    for r in h.perbandingan.to_dict("records"):
        for k in ("target_akhir", "standar_nasional", "realisasi_tahun_lalu"):
            tambah(r[k], f"{k} {r['kode_indikator']}")
        for k in ("selisih_realisasi", "selisih_capaian"):  # "turun 4,2 poin": besar selisih tanpa tanda
            tambah(r[k], f"{k} {r['kode_indikator']}")
            tambah(abs(r[k]) if not _kosong(r[k]) else None, f"besar {k} {r['kode_indikator']}")
    for df, kunci, objek in ((h.efisiensi_iku, "kode_indikator", "iku"), (h.efisiensi_renja, "id", "renja_indikator"),
                             (h.ringkasan_efisiensi, "ringkasan", "total")):
        for r in df.to_dict("records") if not df.empty else []:
            k = (objek, r[kunci], t, "efisiensi") if objek != "total" else ("total", "", t, f"efisiensi_{r[kunci]}")
            tambah(r["efisiensi"], f"efisiensi {r[kunci]}", k)
            tambah(abs(r["efisiensi"]) if not _kosong(r["efisiensi"]) else None, f"besar efisiensi {r[kunci]}", k)
    tr = h.data["target_renstra"]
    for r in tr.to_dict("records"):
        tambah(r["target"], f"target Renstra {r['kode_indikator']} {r['tahun']}")
    kol_tw = [f"{a}_tw{i}" for a in ("target", "realisasi") for i in range(1, 5)]
    for r in h.capaian_renja.to_dict("records"):
        for k in ("target", "target_murni", "realisasi", "capaian"):
            tambah(r[k], f"{k} {r['id']}")
    for r in (h.triwulan.to_dict("records") if not h.triwulan.empty else []):
        for k in kol_tw + [k.replace("_tw", "_per_tw") for k in kol_tw]:
            tambah(r.get(k), f"{k} {r['id']}")
    for r in h.pembanding.to_dict("records"):
        tambah(r["nilai"], f"pembanding {r['wilayah']} {r['tahun']}")
    for (kode, th), g in h.pembanding.groupby(["kode_indikator", "tahun"]) if not h.pembanding.empty else []:
        tambah(len(g), f"jumlah entitas pembanding {kode} {th}")
    # cacah
    for j in ("program", "kegiatan", "sub_kegiatan"):
        tambah((h.anggaran["jenis"] == j).sum(), f"jumlah {j}")
    tambah(len(h.iku), "jumlah IKU")
    tambah((h.iku["capaian"] >= 100 - 1e-9).sum(), "IKU mencapai target")
    tambah(len(h.capaian_renja), "jumlah indikator Renja")
    tambah(len(h.data["nspk"]), "jumlah elemen NSPK")
    tambah(4, "triwulan dalam setahun")
    _instrumen(h, tambah)
    return out


def _instrumen(h: HasilKinerja, tambah) -> None:
    from ..errors import LkjError

    try:
        r, _ = h.hasil_ikm
    except LkjError:
        r = None
    if r is not None:
        tambah(r.ikm, "IKM", ("instrumen", "ikm", h.tahun, "ikm"))
        tambah(r.n_responden, "responden SKM")
        tambah(len(r.NRR), "unsur SKM")
        for i, (a, b) in enumerate(zip(r.NRR, r.NRRT), start=1):
            tambah(a, f"NRR U{i}")
            tambah(b, f"NRR tertimbang U{i}")
        tambah(getattr(r, "sampel_minimal", None), "sampel minimal SKM")
    sm = h.data["sistem_merit"]
    for th in sorted({int(t) for t in sm["tahun"].dropna()} if not sm.empty else set()):
        try:
            m = h.hasil_merit(th)
        except LkjError:
            m = None
        if m is None:
            continue
        tambah(m.total_mandiri, f"Sistem Merit mandiri {th}", ("instrumen", "sistem_merit", th, "total_mandiri"))
        tambah(m.total_verifikasi, f"Sistem Merit verifikasi {th}",
               ("instrumen", "sistem_merit", th, "total_verifikasi"))
        tambah(len(m.aspek), "aspek Sistem Merit")
        tambah(len(m.indikator), "indikator Sistem Merit")
        for a in m.aspek.to_dict("records"):
            tambah(a["mandiri"], f"aspek {a['no_aspek']} mandiri")
            tambah(a["verifikasi"], f"aspek {a['no_aspek']} verifikasi")
    if not h.data["ip_asn"].empty:
        for r in h.hasil_ip_asn.to_dict("records"):
            tambah(r["total"], f"IP ASN {r['wilayah']} {r['tahun']}",
                   ("instrumen", f"ip_asn:{str(r['wilayah']).strip().lower()}", _tahun(r), "nilai"))


def toleransi(teks: str) -> float:
    """Setengah satuan angka terakhir yang tercetak ('90,25' → 0,005; '129' → 0,5)."""
    m = re.search(r",(\d+)$", teks)
    return 0.5 * 10 ** (-len(m.group(1))) + 1e-9 if m else 0.5


def _cocok(v: float, teks: str, pool) -> bool:
    tol = toleransi(teks)
    return any(abs(v - p[0]) <= tol for p in pool)


def _tak_cocok(pola, teks: str, pool):
    """(match, nilai) setiap bilangan ``pola`` di ``teks`` yang terbaca dan tidak cocok dengan ``pool``."""
    for m in pola.finditer(teks):
        try:
            v = baca_angka(m.group(1)).nilai
        except AngkaError:
            continue
        if v is not None and not _cocok(v, m.group(1), pool):
            yield m, v


def audit_narasi_angka(h: HasilKinerja) -> list[Temuan]:
    pool = semua_angka(h)
    out: list[Temuan] = []
    for kunci, teks in sorted(h.data.narasi.items()):
        lokasi = f"narasi/{kunci}.md"
        for m, v in _tak_cocok(_RE_DESIMAL, teks, pool):
            dekat = min(pool, key=lambda x: abs(x[0] - v)) if pool else None
            out.append(Temuan("peringatan", "narasi_angka", lokasi, besaran="angka", dilaporkan=m.group(1),
                              dihitung=f"{dekat[0]:g}".replace(".", ",") + f" ({dekat[1]})" if dekat else "",
                              pesan="bilangan berdesimal dalam narasi tidak cocok dengan data atau hasil hitung "
                                    "mana pun"))
        for m, _ in _tak_cocok(RE_CACAH, teks, pool):
            out.append(Temuan("info", "tak_teraudit", lokasi, besaran="cacah", dilaporkan=m.group(0),
                              pesan=f"cacah '{m.group(2)}' dalam narasi tidak ada padanannya di data; tidak dapat "
                                    "diperiksa (catat di angka_dilaporkan bila ada besarannya)"))
    return out
