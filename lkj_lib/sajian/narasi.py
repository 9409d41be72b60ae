"""Kalimat naratif otomatis (Bahasa Indonesia, ragam laporan resmi) dari ``HasilKinerja``.

Templat Jinja2 ada di ``lkj_lib/templates/narasi/*.txt.j2`` (teks polos, ``StrictUndefined``).
Modul ini hanya memilih dan menyiapkan baris data; semua bilangan diformat di templat lewat
filter :mod:`lkj_lib.fmt` (``persen``, ``rupiah``, ``terbilang``, ``besaran`` ...). Variasi kalimat
deterministik: ``pilih(kunci, ...)`` memilih berdasarkan CRC32 kunci, bukan acak.

Keluaran: paragraf dipisahkan satu baris kosong; spasi di dalam paragraf dirapikan.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache
from pathlib import Path

import jinja2
import pandas as pd

from .. import fmt
from ..errors import TakDitemukan
from ..ukur.capaian import BATAS_WAJAR, tak_wajar
from ..ukur.capaian import kategori as _kategori
from ..ukur.hasil import HasilKinerja
from ..ukur.iku import PENANDA

FOLDER_TEMPLAT = Path(__file__).resolve().parent.parent / "templates" / "narasi"
JENIS = {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub kegiatan"}
SUMBER_TARGET = {"PK": "Perjanjian Kinerja", "PK perubahan": "Perjanjian Kinerja perubahan",
                 "Renstra": "Renstra"}
SATUAN_EFISIENSI = {"rasio": "", "selisih": " poin", "sisa_anggaran": " poin"}
PARAGRAF = "\n\ue000\n"  # pemisah paragraf eksplisit (karakter privat) di templat: {{ paragraf }}
BATAS_DAFTAR = 5  # nama yang disebut dalam satu daftar sebelum "dan n lainnya"
BATAS_TARGET_MENANTANG = 120.0  # capaian di atas ini: saran meninjau kembali target


# --------------------------------------------------------------------------- filter & lingkungan
def _kosong(v) -> bool:
    return fmt.kosong(v)


def pilih(kunci, *opsi):
    """Salah satu ``opsi`` yang selalu sama untuk ``kunci`` yang sama (variasi tanpa acak)."""
    return opsi[varian(kunci, len(opsi))]


def varian(kunci, n: int) -> int:
    """Nomor varian kalimat 0..n-1 yang selalu sama untuk ``kunci`` yang sama."""
    return zlib.crc32(str(kunci).encode("utf-8")) % n


def kalimat(teks) -> str:
    """Teks bebas (mis. catatan) diakhiri tanda titik."""
    teks = str(teks).strip()
    return teks if not teks or teks[-1] in ".!?" else teks + "."


def cacah(n) -> str:
    """Banyaknya sesuatu dalam gaya surat resmi: ``2 (dua)``."""
    return f"{fmt.nilai(n)} ({fmt.terbilang(n, '')})"


def daftar(items, batas: int = BATAS_DAFTAR) -> str:
    """``A``; ``A dan B``; ``A, B, dan C``; lebih dari ``batas``: ``A, B, ..., dan n lainnya``."""
    items = [str(x) for x in items]
    if len(items) > batas:
        sisa = len(items) - batas
        items = items[:batas] + [f"{fmt.nilai(sisa)} lainnya"]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} dan {items[1]}"
    return ", ".join(items[:-1]) + ", dan " + items[-1]


def efisiensi(v, metode: str) -> str:
    """Nilai efisiensi: rasio ``1,17``; selisih/sisa anggaran ``-15,00 poin``."""
    if _kosong(v):
        return fmt.STRIP
    return fmt.angka(v, 2) + SATUAN_EFISIENSI.get(metode, "")


def selisih(v, satuan: str = "") -> str:
    """Besar selisih (tanpa tanda): selisih persen ditulis dalam poin persen."""
    if _kosong(v):
        return fmt.STRIP
    if (satuan or "").strip().lower() in ("%", "persen"):
        return f"{fmt.nilai(abs(v))} poin persen"
    return fmt.besaran(abs(v), satuan)


def kata_efisien(simpulan: str) -> str:
    return {"Efisien": "efisien", "Tidak Efisien": "tidak efisien"}.get(simpulan, "tidak dapat dinilai")


@lru_cache(maxsize=1)
def lingkungan() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(FOLDER_TEMPLAT)), autoescape=False,
                             undefined=jinja2.StrictUndefined)
    env.filters.update(angka=fmt.angka, nilai=fmt.nilai, persen=fmt.persen, rupiah=fmt.rupiah,
                       terbilang=fmt.terbilang, besaran=fmt.besaran, tanggal=fmt.tanggal,
                       romawi=fmt.romawi, cacah=cacah, daftar=daftar, efisiensi=efisiensi,
                       selisih=selisih, kata_efisien=kata_efisien, kalimat=kalimat,
                       kutip=lambda s: f'"{s}"')
    env.tests["kosong"] = _kosong
    env.globals.update(pilih=pilih, varian=varian, paragraf=PARAGRAF)
    return env


def _rapikan(teks: str) -> str:
    paragraf = []
    for p in teks.split(PARAGRAF.strip()):
        p = " ".join(p.split())
        p = re.sub(r"\s+([,.;:)])", r"\1", p)
        p = re.sub(r"\(\s+", "(", p)
        if p:
            paragraf.append(p)
    return "\n\n".join(paragraf)


def render(nama: str, **konteks) -> str:
    """Isi templat ``nama`` (tanpa ``.txt.j2``) dan rapikan paragrafnya."""
    return _rapikan(lingkungan().get_template(f"{nama}.txt.j2").render(**konteks))


# --------------------------------------------------------------------------- penyiapan data
TEKS = {"satuan", "target_op", "penanda", "catatan", "alasan", "alasan_efisiensi", "nama", "indikator", "induk", "sasaran",
        "kategori", "efektivitas", "kategori_serapan", "simpulan_efisiensi", "sumber_target", "status"}


def _bersih(d: dict) -> dict:
    """Kolom teks yang kosong (NaN/None) menjadi string kosong agar templat tidak mencetak 'nan'."""
    return {k: ("" if k in TEKS and not isinstance(v, str) else v) for k, v in d.items()}


def _baris(df: pd.DataFrame) -> list[dict]:
    return [_bersih(d) for d in df.to_dict("records")] if df is not None and not df.empty else []


def _skala(h: HasilKinerja):
    return h.profil.pengaturan.skala_kategori


def _kat(h: HasilKinerja, v) -> str:
    return _kategori(None if _kosong(v) else float(v), _skala(h))[0]


def _umum(h: HasilKinerja) -> dict:
    p = h.profil
    return {"skpd": p.judul_skpd, "nama_skpd": p.nama_skpd, "pemda": p.pemerintah_daerah, "th": h.tahun,
            "th_lalu": h.tahun - 1, "renstra_akhir": p.renstra_akhir, "metode": p.pengaturan.metode_efisiensi,
            "rumus_negatif": p.pengaturan.rumus_negatif, "batas_wajar": BATAS_WAJAR}


def _rendah(h: HasilKinerja) -> list[str]:
    """Dua kategori terbawah skala (bawaan: Rendah, Sangat Rendah)."""
    return [k.kinerja for k in _skala(h)[-2:]]


def _serapan_rendah(h: HasilKinerja) -> list[str]:
    """Kategori di bawah dua teratas (bawaan: Sedang, Rendah, Sangat Rendah)."""
    return [k.kinerja for k in _skala(h)[2:]]


def _urut(rows: list[dict], kolom: str) -> list[dict]:
    """Terburuk lebih dulu (nilai terkecil), nilai kosong di akhir; stabil."""
    return sorted(rows, key=lambda r: (_kosong(r[kolom]), 0.0 if _kosong(r[kolom]) else r[kolom]))


def _capaian_unit(h: HasilKinerja, jenis: str) -> list[dict]:
    """Rata-rata capaian indikator per program/kegiatan/sub kegiatan, terurut menurun (stabil)."""
    cr = h.capaian_renja
    if cr is None or cr.empty:
        return []
    sub = cr[(cr["jenis"] == jenis) & cr["capaian"].notna()]
    if sub.empty:
        return []
    g = sub.groupby("kode", sort=False).agg(nama=("nama", "first"), capaian=("capaian", "mean"),
                                            jumlah=("capaian", "size")).reset_index()
    g = g.sort_values("capaian", ascending=False, kind="stable")
    return [{**r, "kategori": _kat(h, r["capaian"]), "tak_wajar": tak_wajar(r["capaian"])} for r in _baris(g)]


def _serapan_unit(h: HasilKinerja, jenis: str) -> list[dict]:
    ang = h.anggaran
    sub = ang[(ang["jenis"] == jenis) & ang["serapan"].notna()]
    return _baris(sub.sort_values("serapan", ascending=False, kind="stable"))


def _ringkas_iku(h: HasilKinerja) -> dict:
    iku = _baris(h.iku)
    terukur = [r for r in iku if not _kosong(r["capaian"])]
    catatan = {}
    for r in iku:
        if r["status"] in PENANDA:
            penanda, makna = PENANDA[r["status"]]
            catatan.setdefault((penanda, makna), []).append(r)
    return {"iku": iku, "tercapai": [r for r in terukur if r["capaian"] >= 100],
            "tak_wajar": [r for r in terukur if tak_wajar(r["capaian"])],
            "belum": [r for r in terukur if r["capaian"] < 100],
            "tak_terhitung": [r for r in iku if _kosong(r["capaian"])],
            "rata": h.rata_capaian_iku, "kat_rata": _kat(h, h.rata_capaian_iku),
            "catatan": [{"penanda": k[0], "makna": k[1], "iku": v} for k, v in catatan.items()]}


def _anggaran(h: HasilKinerja) -> dict:
    t = dict(h.total)
    ang = h.anggaran
    jumlah = {j: int((ang["jenis"] == j).sum()) for j in JENIS}
    return {"t": t, "kat_serapan": _kat(h, t["serapan"]), "jumlah": jumlah,
            "unit": [f"{cacah(n)} {JENIS[j]}" for j, n in jumlah.items() if n],
            "beda_murni": not _kosong(t["pagu_murni"]) and not _kosong(t["pagu"])
            and abs(t["pagu_murni"] - t["pagu"]) >= 0.5,
            "per_sasaran": [r for r in _baris(h.anggaran_sasaran) if not _kosong(r["pagu"])]}


# --------------------------------------------------------------------------- fungsi publik
def kalimat_iku(h: HasilKinerja, kode_indikator: str) -> str:
    """Target, realisasi, capaian, arah terhadap tahun lalu dan kemajuan terhadap target akhir Renstra."""
    semua = h.iku_semua
    baris = semua[semua["kode_indikator"] == kode_indikator]
    if baris.empty:
        raise TakDitemukan(f"indikator {kode_indikator!r} tidak ada pada tahun {h.tahun}")
    r = _bersih(baris.iloc[0].to_dict())
    pb = h.perbandingan
    p = pb[pb["kode_indikator"] == kode_indikator]
    p = _bersih(p.iloc[0].to_dict()) if not p.empty else None
    peringkat = None
    pd_ = h.pembanding
    if pd_ is not None and not pd_.empty:
        s = pd_[(pd_["kode_indikator"] == kode_indikator) & (pd_["tahun"] == h.tahun) & (pd_["sendiri"] == "ya")]
        if not s.empty and not _kosong(s.iloc[0]["peringkat"]):
            peringkat = {"peringkat": int(s.iloc[0]["peringkat"]), "jumlah": int(s.iloc[0]["jumlah_daerah"])}
    return render("iku", **_umum(h), r=r, p=p, peringkat=peringkat,
                  makna_penanda=PENANDA.get(r["status"], ("", ""))[1],
                  sumber_target=SUMBER_TARGET.get(r["sumber_target"], ""))


def kalimat_anggaran(h: HasilKinerja) -> str:
    """Pagu (murni dan perubahan), realisasi, serapan, sisa dan kategori serapan, dengan terbilang."""
    return render("anggaran", **_umum(h), **_anggaran(h))


def kalimat_efisiensi(h: HasilKinerja) -> str:
    """Metode efisiensi, simpulan IKU dan rata-rata output/outcome, jumlah indikator Renja tak efisien."""
    ef = h.efisiensi_renja
    renja = _baris(ef)
    tidak = _urut([r for r in renja if r["simpulan_efisiensi"] == "Tidak Efisien"], "efisiensi")
    per_jenis = [{"jenis": JENIS[j], "jumlah": sum(1 for r in renja if r["jenis"] == j),
                  "tidak": sum(1 for r in tidak if r["jenis"] == j)} for j in JENIS]
    return render("efisiensi", **_umum(h), iku=_baris(h.efisiensi_iku),
                  ringkasan=[r for r in _baris(h.ringkasan_efisiensi) if any(x["jenis"] == r["jenis"] for x in renja)],
                  renja=renja, tidak=tidak, per_jenis=per_jenis,
                  tak_dinilai=[r for r in renja if r["simpulan_efisiensi"] not in ("Efisien", "Tidak Efisien")])


def kalimat_program(h: HasilKinerja) -> str:
    """Program/kegiatan/sub kegiatan terkuat dan terlemah menurut capaian indikator dan serapan."""
    tingkat = []
    for j, label in JENIS.items():
        tingkat.append({"jenis": label, "capaian": _capaian_unit(h, j), "serapan": _serapan_unit(h, j)})
    return render("program", **_umum(h), tingkat=tingkat)


def kalimat_triwulan(h: HasilKinerja) -> str:
    """Cakupan dan bentuk isian pemantauan triwulan, serta serapan anggaran kumulatif per triwulan;
    teks kosong bila tidak ada data triwulan."""
    tw, ang = h.triwulan, h.anggaran_triwulan
    serapan_tw = []
    if not ang.empty:
        tot = ang[ang["jenis"] == "program"]
        for i, rm in zip(range(1, 5), ("I", "II", "III", "IV")):
            real = tot[f"realisasi_kum_tw{i}"].sum(min_count=1)
            if not _kosong(real) and h.total["pagu"]:
                serapan_tw.append({"tw": rm, "serapan": real / h.total["pagu"] * 100})
    return render("triwulan", **_umum(h), n_indikator=len(tw),
                  n_per=int((tw["bentuk"] == "per_triwulan").sum()) if not tw.empty else 0,
                  n_masalah=int(tw["masalah"].map(bool).sum()) if not tw.empty else 0, serapan_tw=serapan_tw)


def ikhtisar_eksekutif(h: HasilKinerja) -> str:
    """2–4 paragraf: sasaran, IKU dan capaiannya, anggaran dan serapan, catatan utama realisasi."""
    sasaran = list(dict.fromkeys(x for x in h.iku["induk"] if isinstance(x, str) and x))
    return render("ikhtisar", **_umum(h), **_ringkas_iku(h), **_anggaran(h), sasaran=sasaran)


def _temuan(h: HasilKinerja) -> dict:
    """Bahan simpulan/saran: indikator Renja berkategori rendah, program berserapan rendah, indikator
    tidak efisien (terburuk lebih dulu) beserta label kategorinya."""
    rendah = _rendah(h)
    prog = [r for r in _serapan_unit(h, "program") if r["kategori_serapan"] in _serapan_rendah(h)]
    renja = _baris(h.capaian_renja)
    return {"renja": renja, "label_rendah": rendah,
            "renja_rendah": _urut([r for r in renja if r["kategori"] in rendah], "capaian"),
            "prog_serapan_rendah": _urut(prog, "serapan"),
            "label_serapan_baik": [k.kinerja for k in _skala(h)[:2]],
            "tidak_efisien": _urut([r for r in _baris(h.efisiensi_renja)
                                    if r["simpulan_efisiensi"] == "Tidak Efisien"], "efisiensi"),
            "ringkasan": _baris(h.ringkasan_efisiensi)}


def simpulan_otomatis(h: HasilKinerja) -> str:
    """Simpulan dari angka (dipakai bila analis tidak menulis narasi simpulan)."""
    return render("simpulan", **_umum(h), **_ringkas_iku(h), **_anggaran(h), **_temuan(h))


def saran_otomatis(h: HasilKinerja) -> str:
    """Saran dari angka: IKU di bawah target atau belum final, kemajuan Renstra, target yang terlalu
    mudah, indikator Renja rendah, program berserapan rendah, indikator tidak efisien."""
    ringkas = _ringkas_iku(h)
    akhir = {r["kode_indikator"]: r["capaian_akhir_renstra"] for r in _baris(h.perbandingan)}
    renstra = [{**r, "c_akhir": akhir[r["kode_indikator"]]} for r in ringkas["iku"]
               if not _kosong(akhir.get(r["kode_indikator"])) and akhir[r["kode_indikator"]] < 100]
    return render("saran", **_umum(h), **ringkas, **_temuan(h), renstra=renstra,
                  melampaui=[r for r in ringkas["tercapai"]
                             if BATAS_TARGET_MENANTANG < r["capaian"] and not tak_wajar(r["capaian"])])


__all__ = ["kalimat_iku", "kalimat_anggaran", "kalimat_efisiensi", "kalimat_program", "kalimat_triwulan",
           "ikhtisar_eksekutif",
           "simpulan_otomatis", "saran_otomatis", "render", "lingkungan", "FOLDER_TEMPLAT"]
