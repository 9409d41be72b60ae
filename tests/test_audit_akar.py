"""Audit: aturan selang pembulatan, temuan turunan di bawah akarnya, akumulasi triwulan, narasi final.

Angka diperiksa tangan (lihat komentar) terhadap CATATAN_TRANSKRIPSI.md kedua contoh."""

import csv

import pandas as pd
import pytest

from conftest import BALANGAN, HSS
from lkj_lib.audit import audit, masalah_narasi, periksa_narasi_final, ringkasan
from lkj_lib.audit.graf import Graf
from lkj_lib.errors import InputError
from lkj_lib.masukan import muat
from lkj_lib.ukur.hasil import hitung
from lkj_lib.ukur.triwulan import akumulasi_baris


@pytest.fixture(scope="module")
def hss():
    return audit(hitung(muat(HSS)))


@pytest.fixture(scope="module")
def balangan():
    return audit(hitung(muat(BALANGAN)))


def _satu(df, **kw):
    m = df
    for k, v in kw.items():
        m = m[m[k].astype(str) == v]
    assert len(m) == 1, m
    return m.iloc[0]


def test_kolom_id_akar_turunan(balangan):
    assert list(balangan.columns[-3:]) == ["id", "akar", "turunan"]
    assert balangan["id"].is_unique and balangan["id"].str.match(r"^T[0-9a-f]{8}(-\d+)?$").all()
    # setiap akar menunjuk id yang ada dan merupakan akar; turunan = banyak baris yang menunjuknya
    akar = balangan[balangan["akar"] != ""]
    assert set(akar["akar"]) <= set(balangan.loc[balangan["akar"] == "", "id"])
    hitungan = akar["akar"].value_counts().to_dict()
    assert {i: int(n) for i, n in zip(balangan["id"], balangan["turunan"]) if n} == hitungan
    # akar lebih dulu, turunan sesudahnya
    assert (balangan["akar"] != "").is_monotonic_increasing


def test_id_tetap_di_antara_dua_audit(balangan):
    lagi = audit(hitung(muat(BALANGAN)))
    assert lagi["id"].tolist() == balangan["id"].tolist()


def test_balangan_ikm_satu_akar_enam_belas_turunan(balangan):
    # IKM 90,01 tercetak vs 90,25 = 25 × 0,11 × 12274 / 374 dari jawaban SKM
    r = _satu(balangan, aturan="realisasi_instrumen", kode="IKU3")
    assert (r["dilaporkan"], r["dihitung"], r["akar"], r["turunan"]) == ("90,01", "90,25", "", 16)
    turunan = balangan[balangan["akar"] == r["id"]]
    # realisasi ×3, ikm ×2, capaian ×4 (100,01 = 90,01/90), capaian akhir Renstra, selisih realisasi
    # 1,70 = 90,01 − 88,31, selisih capaian −3,88 = 100,01 − 103,89, rata-rata 113,01 ×2
    # = (126 + 113,0189 + 100,0111)/3, efisiensi IKM 3,58 = 100,0111 − 96,4355, efisiensi rata 16,57
    assert sorted(turunan["dilaporkan"]) == sorted(
        ["90,01"] * 3 + ["90.01", "90,01"] + ["100,01", "100,01", "100,01%", "100,01%", "100,01"]
        + ["1,70", "-3,88", "113,01", "113,01", "3,58", "16,57"])
    assert set(turunan["tingkat"]) == {"galat"}


def test_balangan_simpulan_output_turunan_efisiensi_output(balangan):
    r = _satu(balangan, besaran="efisiensi_output")  # 93,75 tercetak; 93,75 − 93,93 = −0,18 → Tidak efisien
    assert (r["dilaporkan"], r["dihitung"], r["turunan"]) == ("93,75", "-0,1812", 2)
    simp = balangan[balangan["besaran"] == "simpulan_efisiensi_output"]
    assert len(simp) == 2 and set(simp["akar"]) == {r["id"]}


def test_balangan_pembulatan_dari_realisasi_dua_desimal(balangan):
    # 2.3.3 #2: realisasi 7,45 ∈ [7,445; 7,455], target 15,00 ∈ [14,995; 15,005]
    # → capaian ∈ [7,445/15,005; 7,455/14,995] = [49,6168; 49,7166] ∋ 49,65: info, bukan galat
    c = balangan[(balangan["kode"] == "2.3.3#2") & (balangan["besaran"] == "capaian")]
    assert len(c) == 2 and set(c["tingkat"]) == {"info"}
    assert c["pesan"].str.contains("49,6168 – 49,7166").all()
    # 2.3.4: 3,77/10,00 → [3,765/10,005; 3,775/9,995] = [37,6312; 37,7689] ∋ 37,73
    c = balangan[(balangan["kode"] == "2.3.4#1") & (balangan["besaran"] == "capaian")]
    assert len(c) == 2 and set(c["tingkat"]) == {"info"}
    # tidak ada galat/peringatan akar selain lima yang nyata (CATATAN_TRANSKRIPSI §1, §2.4)
    akar = balangan[(balangan["akar"] == "") & (balangan["tingkat"] != "info")]
    assert sorted(zip(akar["kode"], akar["besaran"])) == [
        ("", "efisiensi_output"), ("", "jumlah_iku_tercapai"), ("", "periode_renstra"),
        ("2.4.2#1", "efektivitas"), ("2.4.2#1", "simpulan_efisiensi"),
        ("IKU3", "realisasi"), ("ikm", "rentang_mutu_a"), ("sistem_merit", "indeks_rentang"),
        ("sistem_merit", "jumlah_bobot")]
    # baku PermenPAN-RB 14/2017: A = 88,31 – 100; B = 76,61 – 88,30 (tercetak benar: tanpa temuan)
    assert _satu(balangan, besaran="rentang_mutu_a")["dihitung"] == "88,31 – 100"
    assert not (balangan["besaran"] == "rentang_mutu_b").any()


def test_hss_selang_tidak_bergantung_besar_selisih(hss):
    # capaian 2019 78,08 vs 54,48/69,77 = 78,0851 (dipotong): masukan dua desimal → [78,0724; 78,0979]: info
    assert _satu(hss, kode="IPASN_BKN", besaran="capaian", dilaporkan="78,08")["tingkat"] == "info"
    # 1,59 = 100/63,09 (serapan tercetak dua desimal): selang [1,5849; 1,585] menyentuh 1,585: info
    assert _satu(hss, kode="1.2.2#1", besaran="efisiensi")["tingkat"] == "info"
    # selisih 0,63 pada IP ASN (59,75 vs 12,33 + 17,74 + 24,07 + 4,98 = 59,12): galat, ±0,01 info
    ip = hss[hss["aturan"] == "ip_asn_total"].set_index("dilaporkan")["tingkat"].to_dict()
    assert ip == {"59,75": "galat", "54,39": "info", "40,67": "info", "50,55": "info"}


def test_hss_ip_asn_satu_nilai_dalam_laporan(hss):
    # IPASN_BKN memakai instrumen ip_asn: laporan memakai 59,12 di mana pun; 59,75 tercatat sekali sebagai akar
    h = hitung(muat(HSS))
    assert round(h.iku_semua.set_index("kode_indikator").at["IPASN_BKN", "realisasi"], 2) == 59.12
    r = _satu(hss, aturan="realisasi_instrumen", kode="IPASN_BKN")
    assert (r["dilaporkan"], r["dihitung"], r["turunan"]) == ("59,75", "59,12", 3)
    t = hss[hss["akar"] == r["id"]]
    # 76,48 = 59,75/78,12 (Tabel 3.2), nilai 59,75 (Tabel 3.2) dan total lembar ip_asn
    assert sorted(t["dilaporkan"]) == ["59,75", "59,75", "76,48"]


def test_hss_efisiensi_turunan_capaian_dan_serapan_tercetak(hss):
    # 1.4 #1: capaian 100 (hitung 97,73) dan serapan 51,81 (hitung 56,72) keduanya akar;
    # efisiensi 1,93 = 100/51,81 hanya terjelaskan oleh keduanya bersama
    cap = _satu(hss, kode="1.4#1", besaran="capaian")
    ser = _satu(hss, kode="1.4#1", besaran="serapan")
    ef = _satu(hss, kode="1.4#1", besaran="efisiensi")
    assert cap["akar"] == ser["akar"] == "" and ef["akar"] in (cap["id"], ser["id"])
    # IKU1 Tabel 3.13: 1,24 = 101,4/81,71 turunan dari capaian 101,4 (= 253,5/250)
    assert _satu(hss, kode="IKU1", besaran="efisiensi")["akar"] == _satu(hss, kode="IKU1", besaran="capaian",
                                                                         lokasi="Tabel 3.13")["id"]


def test_hss_triwulan_menurut_akumulasi(hss):
    tw = hss[hss["aturan"] == "triwulan"]
    # persentase dan jumlah bertarget rata (stok) tidak lagi "kumulatif menurun": hanya TW IV ≠ tahunan
    # (1#4, 1#5, 1#7, 1#8) dan target aliran 1.3.1 (28 lalu 0 orang) yang tersisa
    assert sorted(tw["kode"]) == ["1#4", "1#5", "1#7", "1#8", "1.3.1#1"]
    assert not tw["pesan"].str.contains("per_triwulan").any()
    assert "lebih kecil dari TW I" in _satu(tw, kode="1.3.1#1")["pesan"]


def test_akumulasi_bawaan():
    flat = {f"target_tw{i}": 4751.0 for i in range(1, 5)}
    assert akumulasi_baris(pd.Series(flat), "data", 4751.0) == "terakhir"
    naik = {"target_tw1": 28.0, "target_tw2": 0.0, "target_tw3": 34.0, "target_tw4": 95.0}
    assert akumulasi_baris(pd.Series(naik), "orang", 95.0) == "jumlah"
    assert akumulasi_baris(pd.Series(naik), "%", 95.0) == "terakhir"
    assert akumulasi_baris(pd.Series({**naik, "akumulasi": "maks"}), "%", 95.0) == "maks"


def test_akumulasi_rata_dinyatakan(mini):
    p = mini / "data" / "indikator_renja.csv"
    rows = list(csv.DictReader(open(p, encoding="utf-8")))
    kolom = list(rows[0]) + [k for k in ("akumulasi", "target_tw1", "target_tw2", "target_tw3", "target_tw4")
                             if k not in rows[0]]
    r = rows[0]
    r.update({"akumulasi": "rata", "target_tw1": "10", "target_tw2": "20", "target_tw3": "30", "target_tw4": "40"})
    with open(p, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=kolom)
        w.writeheader()
        w.writerows(rows)
    h = hitung(muat(mini))
    baris = h.triwulan.set_index("id").loc[f"{r['kode']}#{r['urutan']}"]
    assert baris["akumulasi"] == "rata"
    # target tahunan 100% (mini); rata-rata (10 + 20 + 30 + 40)/4 = 25 ≠ 100; tidak ada aturan "menurun"
    assert r["target"] == "100%"
    assert baris["masalah"] == ["target rata-rata triwulan berbeda dengan target tahunan (rata-rata triwulan 25, "
                                "tahunan 100; akumulasi rata)"]


def test_graf_selang_monoton():
    h = hitung(muat(BALANGAN))
    g = Graf(h)
    lo, hi = g.interval(("renja_indikator", "2.3.3#2", 2022, "capaian"))
    assert (round(lo, 4), round(hi, 4)) == (49.6168, 49.7166)
    # dengan IKM tercetak 90,01 sebagai masukan: capaian 100,0111 dan rata-rata 113,0100
    ganti = {("iku", "IKU3", 2022, "realisasi"): (90.01, 90.01)}
    assert round(g.nilai(("iku", "IKU3", 2022, "capaian"), ganti), 4) == 100.0111
    assert round(g.nilai(("total", "", 2022, "rata_capaian_iku"), ganti), 4) == 113.01
    assert ("iku", "IKU3", 2022, "realisasi") in g.leluhur(("total", "", 2022, "efisiensi_iku"))
    # IKM Lampiran 3 adalah besaran yang sama dengan realisasi IKU3
    assert g.kanonik(("instrumen", "ikm", 2022, "ikm")) == ("iku", "IKU3", 2022, "realisasi")


def test_narasi_salah_menggagalkan_build_final(mini):
    (mini / "narasi" / "saran.md").write_text("Sisa anggaran Rp 100.001 perlu dijelaskan.", encoding="utf-8")
    df = audit(hitung(muat(mini)))
    m = masalah_narasi(df)
    assert [(x.berkas, x.nilai, x.harapan) for x in m] == [("narasi/saran.md", "Rp 100.001", "100.000")]
    with pytest.raises(InputError, match="narasi/saran.md"):
        periksa_narasi_final(df)
    periksa_narasi_final(df, sintetis=True)  # varian sintetis: narasi salinan laporan asli, tidak digagalkan


def test_narasi_contoh_bersih(balangan, hss):
    assert masalah_narasi(balangan) == [] and masalah_narasi(hss) == []
    assert not balangan["lokasi"].str.startswith("narasi/").any()
    # info: 4 pembulatan + "18 elemen" NSPK di narasi (lembar nspk HSS kosong: tak teraudit)
    assert ringkasan(hss) == {"galat": 19, "peringatan": 8, "info": 6, "turunan": 17}
    assert _satu(hss, besaran="cacah")["dilaporkan"] == "18 elemen"


def _audit_dengan_narasi(tmp_path, contoh, kunci: str, teks: str):
    """Audit salinan ``contoh`` yang narasi ``kunci``-nya diganti ``teks``."""
    import shutil

    f = tmp_path / contoh.parent.name / contoh.name
    shutil.copytree(contoh, f)
    (f / "narasi" / f"{kunci}.md").write_text(teks, encoding="utf-8")
    return audit(hitung(muat(f)))


def test_narasi_mengutip_angka_seed_menjadi_turunan_dan_menggagalkan_final(tmp_path):
    # narasi lama: mengutip IKM tercetak 90,01 dan capaiannya 100,01% alih-alih 90,25 / 100,28%
    df = _audit_dengan_narasi(tmp_path, BALANGAN, "iku_IKU3",
                              "Nilai IKM yang dilaporkan 90,01 dengan mutu A, atau 100,01% dari target 90.")
    ikm = _satu(df, aturan="realisasi_instrumen", kode="IKU3")
    n = df[df["lokasi"] == "narasi/iku_iku3.md"]  # kunci narasi huruf kecil
    assert sorted(n["dilaporkan"]) == ["100,01%", "90,01"] and set(n["akar"]) == {ikm["id"]}
    assert ikm["turunan"] == 18
    with pytest.raises(InputError) as e:
        periksa_narasi_final(df)
    assert sorted(m.nilai for m in e.value.masalah) == ["100,01%", "90,01"]


def test_cakupan_hitungan_dan_cacah(balangan, hss):
    # Balangan §2.6: BAB III "2 IKU mencapai target", BAB IV 3; capaian 126 / 113,02 / 100,28 → 3
    iku = balangan[balangan["besaran"] == "jumlah_iku_tercapai"]
    assert iku[["lokasi", "dilaporkan", "dihitung", "tingkat"]].values.tolist() == [
        ["BAB III teks", "2", "3", "galat"]]
    # Tabel 2.2 "Renstra PD 2016-2021" padahal Renstra 2021-2026
    assert _satu(balangan, besaran="periode_renstra")["dilaporkan"] == "2016-2021"
    # Σ bobot 37 indikator Sistem Merit = 102,5 → maksimum 410 > 400 (kedua contoh)
    for df in (balangan, hss):
        b = _satu(df, aturan="bobot_merit")
        assert b["dihitung"] == "102,5" and "410" in b["pesan"] and b["tingkat"] == "peringatan"
    # HSS A6.40: 20 + 211 + 179 = 410, tercetak 409; rincian lain (39, 30, 57, 53,22%, 308, 28, 34, 14) cocok
    r = hss[hss["objek"] == "rincian"]
    assert r[["kode", "dilaporkan", "dihitung"]].values.tolist() == [["20+211+179", "409", "410"]]
    # A1.4 "3 (tiga) triwulan" vs data s.d. TW IV
    assert _satu(hss, besaran="jumlah_triwulan")[["dilaporkan", "dihitung"]].tolist() == ["3", "4"]
    # A6.39: teks "2 dokumen" kenaikan pangkat (Tabel 3.14: 1) menjelaskan capaian 100 = 2/2 di Tabel 3.13
    teks = _satu(hss, kode="1.2.1#1", besaran="realisasi", dilaporkan="2")
    assert teks["turunan"] == 2
    assert _satu(hss, kode="1.2.1#1", besaran="capaian")["akar"] == teks["id"]
    assert _satu(hss, kode="1.3.1#1", besaran="realisasi", dilaporkan="34")["dihitung"] == "64"
    assert not len(hss[(hss["kode"] == "2.1.1#1") & hss["besaran"].isin(["realisasi", "realisasi_tw3"])])


def test_rincian_selang_pembulatan():
    from lkj_lib.audit import _rincian
    from lkj_lib.audit.rincian import nilai_rincian

    dasar = dict(lokasi="X", objek="rincian", kode="91/171*100", besaran="persen", dilaporkan="", sumber="")
    assert _rincian(nilai_rincian("91/171*100"), "53,22%", dasar) == []   # 53,2164 → 53,22
    # 7,45/15,00 × 100: operand dua desimal → [7,445/15,005; 7,455/14,995] × 100 ∋ 49,65 (info), ∌ 49,75
    fn = nilai_rincian("7,45/15,00*100")
    assert [t.tingkat for t in _rincian(fn, "49,65", dasar)] == ["info"]
    assert [t.tingkat for t in _rincian(fn, "49,75", dasar)] == ["galat"]


def test_draf_menandai_angka_narasi_yang_ditolak(tmp_path):
    from lkj_lib.audit import tandai_narasi

    df = _audit_dengan_narasi(tmp_path, HSS, "realisasi_anggaran",
                              "DPPA berjumlah Rp 14.644.589.585 untuk tiga program.")
    html = tandai_narasi("<p>DPPA berjumlah Rp 14.644.589.585 untuk tiga program.</p>", "realisasi_anggaran", df)
    assert html == ('<p>DPPA berjumlah <mark class="angka-ditolak penanda-draf" title="audit: hasil hitung '
                    '14.644.589.858">Rp 14.644.589.585</mark> untuk tiga program.</p>')
    # narasi lain tidak disentuh
    assert tandai_narasi("<p>Rp 14.644.589.585</p>", "simpulan", df) == "<p>Rp 14.644.589.585</p>"


def test_sesi_draf_menandai_narasi_final_tidak(tmp_path):
    import shutil

    from lkj_lib.tampil import Sesi

    f = tmp_path / "bkpsdm-hulu-sungai-selatan" / "2022"
    shutil.copytree(HSS, f)
    (f / "narasi" / "realisasi_anggaran.md").write_text("DPPA Rp 14.644.589.585.", encoding="utf-8")
    assert '<mark class="angka-ditolak' in Sesi(f, draf=True).narasi("realisasi_anggaran")
    assert "<mark" not in Sesi(f, draf=False).narasi("realisasi_anggaran")
