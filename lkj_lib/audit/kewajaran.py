"""Audit kewajaran angka: capaian di atas batas kewajaran dan realisasi persen di luar 0–100."""

from __future__ import annotations

from ..fmt import angka
from ..ukur.capaian import BATAS_WAJAR, tak_wajar
from ..ukur.hasil import HasilKinerja
from .temuan import Temuan


def audit_kewajaran(h: HasilKinerja) -> list[Temuan]:
    out: list[Temuan] = []
    for df, objek, kunci, lembar in ((h.iku_semua, "iku", "kode_indikator", "realisasi"),
                                     (h.capaian_renja, "renja_indikator", "id", "indikator_renja")):
        for r in df.to_dict("records"):
            lokasi = f"{objek} {r[kunci]}"
            if tak_wajar(r["capaian"]):
                out.append(Temuan("peringatan", "capaian_tak_wajar", lokasi, objek, r[kunci], "capaian",
                                  dihitung=angka(r["capaian"]),
                                  pesan=f"{r['indikator']}: capaian di atas {angka(BATAS_WAJAR, 0)}% hampir pasti "
                                        "salah ketik atau salah satuan; periksa target dan realisasinya",
                                  sumber=f"{lembar}:{r['_baris']}" if "_baris" in r else lembar))
            if r.get("satuan") == "%" and r["realisasi"] == r["realisasi"] and not 0 <= r["realisasi"] <= 100:
                out.append(Temuan("peringatan", "realisasi_tak_wajar", lokasi, objek, r[kunci], "realisasi",
                                  dihitung=angka(r["realisasi"]),
                                  pesan=f"{r['indikator']}: realisasi bersatuan % di luar 0–100; periksa nilai "
                                        "atau satuannya",
                                  sumber=f"{lembar}:{r['_baris']}" if "_baris" in r else lembar))
    return out
