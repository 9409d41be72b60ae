"""Capaian IKU dan indikator tujuan beserta perbandingan wajib PermenPAN-RB 53/2014 (§1, §2, §5).

Kolom ``tabel_iku``: urutan, kode_indikator, level, kode_induk, induk, indikator, satuan,
polaritas, tahun, target, target_op, sumber_target, realisasi, realisasi_input,
sumber_realisasi, status, penanda, catatan, capaian, alasan, kategori, efektivitas.
"""

from __future__ import annotations

import math

import pandas as pd

from ..masukan import DataSKPD
from .capaian import arah, hitung_capaian, kategori

PENANDA = {
    "penilaian_mandiri": ("*", "Realisasi merupakan hasil penilaian mandiri / pengolahan sementara."),
    "sementara": ("*", "Realisasi merupakan hasil penilaian mandiri / pengolahan sementara."),
    "tahun_sebelumnya": ("**", "Realisasi memakai nilai resmi tahun sebelumnya karena nilai tahun ini belum dirilis."),
    "belum_rilis": ("***", "Realisasi belum dirilis oleh instansi berwenang."),
}


def _nan(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def _posisi(df: pd.DataFrame) -> dict:
    """{(kode_indikator, tahun): posisi baris pertama}: pencarian O(1) sebagai ganti penyaringan
    ``(df.kode_indikator == kode) & (df.tahun == tahun)`` per indikator (tahun kosong dilewati)."""
    out: dict = {}
    for i, (k, t) in enumerate(zip(df["kode_indikator"], df["tahun"])):
        if not (t is None or t is pd.NA or (isinstance(t, float) and math.isnan(t))):
            out.setdefault((k, t), i)
    return out


class _Indeks:
    """Posisi baris PK, target Renstra dan realisasi per (kode, tahun) untuk satu :class:`DataSKPD`,
    dibangun sekali per :func:`tabel_iku` (isi lembar dibaca dengan ``iloc`` yang sama seperti
    penyaringan, jadi nilainya identik)."""

    def __init__(self, data: DataSKPD):
        self.pk, self.tr, self.re = data["perjanjian_kinerja"], data["target_renstra"], data["realisasi"]
        self.pos_pk, self.pos_tr, self.pos_re = _posisi(self.pk), _posisi(self.tr), _posisi(self.re)

    @staticmethod
    def baris(df: pd.DataFrame, pos: dict, kode: str, tahun: int):
        i = pos.get((kode, tahun))
        return None if i is None else df.iloc[i]


def target_berlaku(data: DataSKPD, kode: str, tahun: int, indeks: _Indeks | None = None) -> dict:
    """Target yang berlaku: PK perubahan, lalu PK murni, lalu target Renstra."""
    ix = indeks or _Indeks(data)
    r = ix.baris(ix.pk, ix.pos_pk, kode, tahun)
    if r is not None:
        if not _nan(r["target_perubahan"]):
            return {"target": r["target_perubahan"], "target_op": r["target_perubahan_op"],
                    "target_satuan": r["target_perubahan_satuan"], "sumber_target": "PK perubahan"}
        if not _nan(r["target_murni"]):
            return {"target": r["target_murni"], "target_op": r["target_murni_op"],
                    "target_satuan": r["target_murni_satuan"], "sumber_target": "PK"}
    r = ix.baris(ix.tr, ix.pos_tr, kode, tahun)
    if r is not None and not _nan(r["target"]):
        return {"target": r["target"], "target_op": r["target_op"], "target_satuan": r["target_satuan"],
                "sumber_target": "Renstra"}
    return {"target": float("nan"), "target_op": "", "target_satuan": "", "sumber_target": "-"}


def _realisasi(data: DataSKPD, kode: str, tahun: int, indeks: _Indeks | None = None) -> dict:
    ix = indeks or _Indeks(data)
    r = ix.baris(ix.re, ix.pos_re, kode, tahun)
    if r is None:
        return {"realisasi": float("nan"), "realisasi_satuan": "", "status": "belum_rilis",
                "catatan": "", "ada": False}
    return {"realisasi": r["realisasi"], "realisasi_satuan": r["realisasi_satuan"],
            "status": r["status"], "catatan": r["catatan"] or "", "ada": True}


def _instrumen(data: DataSKPD, instrumen: str, tahun: int):
    from ..instrumen import realisasi_instrumen

    return realisasi_instrumen(data.tabel, instrumen, tahun, data.profil.pengaturan)


def _induk(data: DataSKPD) -> dict[str, str]:
    d = dict(zip(data["tujuan"]["kode_tujuan"], data["tujuan"]["tujuan"]))
    d.update(zip(data["sasaran"]["kode_sasaran"], data["sasaran"]["sasaran"]))
    return d


def desimal(baris) -> float:
    """Jumlah desimal tampil indikator (kolom ``desimal`` bila dimuat pemuat; NaN = apa adanya)."""
    v = getattr(baris, "desimal", None) if not isinstance(baris, dict) else baris.get("desimal")
    return float("nan") if v is None or pd.isna(v) else int(v)


def indikator_terurut(data: DataSKPD) -> pd.DataFrame:
    ind = data["indikator"].copy()
    ind["_pos"] = range(len(ind))
    ind["_lv"] = ind["level"].map({"tujuan": 0, "sasaran": 1})
    ind["_urut"] = ind["urutan"].astype("Float64").fillna(10_000).astype(float)
    return ind.sort_values(["_lv", "_urut", "_pos"]).drop(columns=["_pos", "_lv", "_urut"])


def nilai_iku(data: DataSKPD, kode: str, tahun: int, instrumen: str | None = None,
              _ix: _Indeks | None = None, _polaritas: str | None = None, _inst: dict | None = None) -> dict:
    """Target, realisasi (dari instrumen bila dinyatakan), capaian dan kategori satu indikator-tahun.
    (``_ix``, ``_polaritas``, ``_inst``: indeks dan tembolok instrumen dari :func:`tabel_iku`.)"""
    st = data.profil.pengaturan
    polaritas = _polaritas if _polaritas is not None else \
        data["indikator"].set_index("kode_indikator").loc[kode]["polaritas"]
    ix = _ix or _Indeks(data)
    t = target_berlaku(data, kode, tahun, ix)
    r = _realisasi(data, kode, tahun, ix)
    out = {**t, "realisasi_input": r["realisasi"], "realisasi": r["realisasi"], "status": r["status"],
           "catatan": r["catatan"], "sumber_realisasi": "masukan"}
    if instrumen and tahun == data.tahun:
        inst = {} if _inst is None else _inst  # satu instrumen dihitung sekali per tabel
        if instrumen not in inst:
            inst[instrumen] = _instrumen(data, instrumen, tahun)
        nilai, desk = inst[instrumen]
        if nilai is not None:
            out["realisasi"] = nilai
            out["sumber_realisasi"] = desk
            if not r["ada"]:
                out["status"] = "final"
    c = hitung_capaian(out["target"], out["realisasi"], polaritas, st.rumus_negatif,
                       st.batas_capaian, out["target_satuan"], r["realisasi_satuan"])
    out["capaian"] = c.nilai if c.nilai is not None else float("nan")
    out["alasan"] = c.alasan
    out["kategori"], out["efektivitas"] = kategori(c.nilai, st.skala_kategori)
    out["penanda"] = PENANDA.get(out["status"], ("", ""))[0]
    return out


def tabel_iku(data: DataSKPD, tahun: int | None = None, level: str | None = None) -> pd.DataFrame:
    """Target, realisasi, capaian dan kategori setiap indikator pada ``tahun`` (bawaan: tahun laporan)."""
    tahun = tahun or data.tahun
    induk = _induk(data)
    ix, inst = _Indeks(data), {}
    rows = []
    for i, ind in enumerate(indikator_terurut(data).itertuples(index=False), start=1):
        if level and ind.level != level:
            continue
        ins = ind.instrumen if isinstance(ind.instrumen, str) else None
        v = nilai_iku(data, ind.kode_indikator, tahun, ins, _ix=ix, _polaritas=ind.polaritas, _inst=inst)
        rows.append({
            "urutan": i, "kode_indikator": ind.kode_indikator, "level": ind.level,
            "kode_induk": ind.kode_induk, "induk": induk.get(ind.kode_induk, ""),
            "indikator": ind.indikator, "satuan": ind.satuan, "polaritas": ind.polaritas,
            "tahun": tahun, "target": v["target"], "target_op": v["target_op"],
            "sumber_target": v["sumber_target"], "realisasi": v["realisasi"],
            "realisasi_input": v["realisasi_input"], "sumber_realisasi": v["sumber_realisasi"],
            "status": v["status"], "penanda": v["penanda"], "catatan": v["catatan"],
            "capaian": v["capaian"], "alasan": v["alasan"], "kategori": v["kategori"],
            "efektivitas": v["efektivitas"], "desimal": desimal(ind),
        })
    return pd.DataFrame(rows)


def tahun_data(data: DataSKPD) -> list[int]:
    th = set(data["realisasi"]["tahun"].dropna().astype(int))
    th |= set(data["target_renstra"]["tahun"].dropna().astype(int))
    th |= set(data["perjanjian_kinerja"]["tahun"].dropna().astype(int))
    return sorted(th)


def riwayat_iku(data: DataSKPD, lalu: list | None = None, iku: pd.DataFrame | None = None) -> pd.DataFrame:
    """Target, realisasi dan capaian setiap indikator untuk setiap tahun yang ada datanya, termasuk tahun
    folder-folder sebelumnya (``lalu``: :func:`lkj_lib.ukur.riwayat.muat_tahun_lalu`), yang nilainya
    diambil dari hasil hitung folder itu. Kolom ``sumber`` mencatat asal setiap nilai. ``iku``: tabel
    tahun laporan yang sudah dihitung (``HasilKinerja.iku_semua``), dipakai ulang."""
    from .riwayat import gabung_riwayat

    frames = []
    for th in tahun_data(data):
        df = iku if iku is not None and th == data.tahun else tabel_iku(data, th)
        frames.append(df[["kode_indikator", "indikator", "level", "tahun", "target", "target_op", "sumber_target",
                          "realisasi", "status", "penanda", "capaian", "alasan", "kategori", "desimal"]])
    if not frames:
        return pd.DataFrame()
    return gabung_riwayat(data, pd.concat(frames, ignore_index=True), lalu or [])


def perbandingan_iku(data: DataSKPD, riwayat: pd.DataFrame | None = None,
                     iku: pd.DataFrame | None = None) -> pd.DataFrame:
    """Tahun ini vs tahun lalu, vs target akhir Renstra, vs standar nasional (§5 butir 2-4).

    Nilai tahun lalu diambil dari ``riwayat`` (:func:`riwayat_iku`, yang memakai folder tahun lalu bila
    ada); kolom ``sumber_tahun_lalu`` mencatat asalnya."""
    st = data.profil.pengaturan
    n = tabel_iku(data, data.tahun) if iku is None else iku  # iku: HasilKinerja.iku_semua
    if riwayat is None:
        riwayat = riwayat_iku(data)
    rw = riwayat[riwayat["tahun"] == data.tahun - 1] if not riwayat.empty else riwayat
    n1 = rw.set_index("kode_indikator") if not rw.empty else tabel_iku(data, data.tahun - 1).set_index("kode_indikator")
    ind = data["indikator"].set_index("kode_indikator")
    rows = []
    for r in n.itertuples(index=False):
        k = r.kode_indikator
        lalu = n1.loc[k] if k in n1.index else None
        real1 = lalu["realisasi"] if lalu is not None else float("nan")
        cap1 = lalu["capaian"] if lalu is not None else float("nan")
        sel_r = r.realisasi - real1
        sel_c = r.capaian - cap1
        ta = ind.at[k, "target_akhir"]
        c_akhir = hitung_capaian(ta, r.realisasi, r.polaritas, st.rumus_negatif, None)
        sn = ind.at[k, "standar_nasional"]
        c_nas = hitung_capaian(sn, r.realisasi, r.polaritas, st.rumus_negatif, None)
        rows.append({
            "kode_indikator": k, "indikator": r.indikator, "level": r.level, "satuan": r.satuan, "desimal": r.desimal,
            "target": r.target, "realisasi": r.realisasi, "capaian": r.capaian, "penanda": r.penanda,
            "realisasi_tahun_lalu": real1, "capaian_tahun_lalu": cap1,
            "sumber_tahun_lalu": (lalu.get("sumber", "") if lalu is not None else ""),
            "selisih_realisasi": sel_r, "arah_realisasi": arah(sel_r),
            "selisih_capaian": sel_c, "arah_capaian": arah(sel_c),
            "target_akhir": ta,
            "capaian_akhir_renstra": c_akhir.nilai if c_akhir.nilai is not None else float("nan"),
            "standar_nasional": sn,
            "capaian_vs_nasional": c_nas.nilai if c_nas.nilai is not None else float("nan"),
        })
    return pd.DataFrame(rows)


def pembanding_daerah(data: DataSKPD) -> pd.DataFrame:
    """Nilai indikator di daerah lain, provinsi dan nasional, dengan peringkat per indikator-tahun.

    Peringkat 1 = terbaik menurut polaritas indikator; baris nasional tidak diberi peringkat.
    """
    pb = data["pembanding"]
    if pb.empty:
        return pd.DataFrame(columns=["kode_indikator", "indikator", "tahun", "wilayah", "jenis_wilayah",
                                     "nilai", "sendiri", "peringkat", "jumlah_daerah", "selisih_dengan_sendiri"])
    ind = data["indikator"].set_index("kode_indikator")
    out = []
    for (kode, th), g in pb.groupby(["kode_indikator", "tahun"], sort=False):
        g = g.copy()
        naik = ind.at[kode, "polaritas"] == "negatif"
        daerah = g["jenis_wilayah"] != "nasional"
        g["peringkat"] = pd.NA
        g.loc[daerah, "peringkat"] = g.loc[daerah, "nilai"].rank(ascending=naik, method="min").astype("Int64")
        g["jumlah_daerah"] = int(daerah.sum())
        sendiri = g[g["sendiri"] == "ya"]["nilai"]
        g["selisih_dengan_sendiri"] = (sendiri.iloc[0] - g["nilai"]) if len(sendiri) else float("nan")
        g["indikator"] = ind.at[kode, "indikator"]
        out.append(g)
    df = pd.concat(out, ignore_index=True)
    df["sendiri"] = df["sendiri"].fillna("tidak")
    return df[["kode_indikator", "indikator", "tahun", "wilayah", "jenis_wilayah", "nilai", "sendiri",
               "peringkat", "jumlah_daerah", "selisih_dengan_sendiri", "kategori_dilaporkan",
               "predikat_dilaporkan", "_baris"]]


def rata_capaian(df: pd.DataFrame) -> float:
    """Rata-rata capaian yang terdefinisi (capaian tak terhitung dikeluarkan)."""
    s = df["capaian"].dropna()
    return float(s.mean()) if len(s) else float("nan")
