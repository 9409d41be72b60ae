"""Audit: contoh yang konsisten tanpa temuan; ketidaksesuaian nyata di kedua seed ditemukan."""

import csv

import pytest

from conftest import BALANGAN, HSS
from lkj_lib.audit import audit, periksa_fatal, ringkasan
from lkj_lib.errors import LkjError
from lkj_lib.masukan import muat
from lkj_lib.ukur.hasil import hitung


@pytest.fixture(scope="module")
def temuan_hss():
    return audit(hitung(muat(HSS)))


@pytest.fixture(scope="module")
def temuan_balangan():
    return audit(hitung(muat(BALANGAN)))


def _ada(df, **kw):
    m = df
    for k, v in kw.items():
        m = m[m[k].astype(str).str.contains(v, regex=False)]
    return m


def test_contoh_konsisten_tanpa_temuan(mini):
    assert audit(hitung(muat(mini))).empty


def test_kutipan_salah_di_contoh_konsisten_ditemukan(mini):
    with open(mini / "data" / "angka_dilaporkan.csv", "a", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Tabel X", "renja", "1", "", "pagu", "1.000.001", ""])
        w.writerow(["Tabel X", "iku", "IKU1", "", "capaian", "104,90", ""])
        # 84/80 dari bilangan bulat (persis) = 105: 105,01 tidak dapat dihasilkan → galat, bukan pembulatan
        w.writerow(["Tabel X", "iku", "IKU1", "", "capaian", "105,01", ""])
        # IKU2 (2T-R), presisi indikator 1 desimal: t ∈ [1,95; 2,05], r ∈ [1,45; 1,55] → (2t − r)/t × 100
        # ∈ [2 − 1,55/1,95; 2 − 1,45/2,05] × 100 = [120,5128; 129,2683] → 126,00 dapat dihasilkan: info
        w.writerow(["Tabel X", "iku", "IKU2", "", "capaian", "126,00", ""])
        w.writerow(["Tabel X", "total", "", "", "simpulan_efisiensi_output", "Tidak efisien", ""])
    (mini / "narasi" / "saran.md").write_text("Sisa anggaran Rp 100.001 perlu dijelaskan.", encoding="utf-8")
    df = audit(hitung(muat(mini)))
    assert ringkasan(df) == {"galat": 5, "peringatan": 0, "info": 1, "turunan": 0}
    g = df[df["tingkat"] == "galat"]
    assert set(g["besaran"]) == {"pagu", "capaian", "simpulan_efisiensi_output", "rupiah"}
    assert sorted(_ada(g, besaran="capaian")["dilaporkan"]) == ["104,90", "105,01"]
    assert _ada(df, tingkat="info")["dilaporkan"].tolist() == ["126,00"]
    assert "120,5128 – 129,2683" in _ada(df, tingkat="info")["pesan"].iloc[0]
    assert _ada(g, besaran="pagu")["dihitung"].iloc[0] == "1.000.000"
    assert _ada(g, besaran="rupiah")["lokasi"].iloc[0] == "narasi/saran.md"
    assert g["sumber"].str.startswith("angka_dilaporkan:").sum() == 4


def test_induk_anggaran_tidak_sama_dengan_jumlah_anak(mini):
    p = mini / "data" / "renja.csv"
    rows = list(csv.DictReader(open(p, encoding="utf-8")))
    assert [(r["kode"], r["realisasi_anggaran"]) for r in rows] == [
        ("1", "900.000"), ("1.1", "900.000"), ("1.1.1", "540.000"), ("1.1.2", "360.000")]
    rows[0]["realisasi_anggaran"] = "900.500"   # program 1 tercetak salah
    rows[1]["realisasi_anggaran"] = "905.000"   # kegiatan 1.1 tercetak salah
    with open(p, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    df = audit(hitung(muat(mini)))
    t = df[df["aturan"] == "jumlah_induk"]
    # induk dibandingkan dengan jumlah HITUNGAN anaknya (540.000 + 360.000), bukan dengan ketikan anak
    assert sorted(zip(t["kode"], t["besaran"], t["dilaporkan"], t["dihitung"], t["selisih"], t["sumber"])) == [
        ("1", "realisasi", "900.500", "900.000", 500, "renja:2"),
        ("1.1", "realisasi", "905.000", "900.000", 5000, "renja:3")]


def test_hss_pagu_dalam_narasi_dan_teks(temuan_hss):
    g = temuan_hss[temuan_hss["tingkat"] == "galat"]
    # teks seed (angka_dilaporkan) ditemukan; narasi lkj sendiri kini mengutip jumlah yang benar
    assert len(_ada(g, dilaporkan="14.644.589.585", dihitung="14.644.589.858")) == 1
    assert _ada(g, dilaporkan="14.644.589.585")["lokasi"].iloc[0] == "BAB III B teks (sebelum Tabel 3.15)"


def test_hss_target_dikutip_berbeda(temuan_hss):
    t = _ada(temuan_hss, besaran="target", dilaporkan="65,57")
    assert len(t) == 1 and t["dihitung"].iloc[0] == "67,57" and t["tingkat"].iloc[0] == "peringatan"
    assert len(_ada(temuan_hss, besaran="target", dilaporkan="75%")) == 1   # Manajemen Talenta 75% vs 60%


def test_hss_temuan_lain(temuan_hss):
    assert len(_ada(temuan_hss, kode="IPASN_MANDIRI", dilaporkan="103,56", dihitung="103,1443")) == 1
    assert len(_ada(temuan_hss, aturan="ip_asn_total", dilaporkan="59,75", dihitung="59,12")) == 1
    assert len(_ada(temuan_hss, besaran="total_mandiri", dilaporkan="253,5", dihitung="268")) == 1
    assert len(_ada(temuan_hss, aturan="triwulan", pesan="target TW IV berbeda dengan target tahunan")) >= 3


def test_balangan_efisiensi_output_tercetak_efisien(temuan_balangan):
    t = temuan_balangan
    assert len(_ada(t, besaran="efisiensi_output", dilaporkan="93,75", dihitung="-0,1812")) == 1
    assert len(_ada(t, besaran="simpulan_efisiensi_output", dilaporkan="Efisien", dihitung="Tidak Efisien")) >= 1


def test_balangan_ikm_tidak_didukung_rekap(temuan_balangan):
    t = temuan_balangan
    assert len(_ada(t, aturan="realisasi_instrumen", dilaporkan="90,01", dihitung="90,25")) == 1
    assert len(_ada(t, objek="instrumen", besaran="ikm", dilaporkan="90", dihitung="90,25")) == 2
    assert len(_ada(t, besaran="indeks_rentang", dilaporkan="0,81")) == 1   # 299,5/400 = 0,749
    assert len(_ada(t, kode="2.3.4#1", besaran="capaian", dilaporkan="37,73")) == 2


def test_balangan_lampiran_2_3_teraudit(temuan_balangan):
    """Baris asli Lampiran 2/3: total Sistem Merit dan Nilai Akhir terkonfirmasi (tanpa temuan);
    rekap L 158 / P 216 tidak dapat diperiksa (jenis kelamin per responden tidak tercetak), bukan galat 0."""
    t = temuan_balangan
    lamp2 = t[t["lokasi"] == "Lampiran 2"]
    assert lamp2.empty  # 299,5 = Σ bobot × skor; 129 = Σ bobot × nilai verifikasi; 8 total aspek + 37 Nilai Akhir cocok
    jk = t[t["besaran"].isin(["n_laki", "n_perempuan", "persen_laki", "persen_perempuan"])]
    assert len(jk) == 4 and set(jk["tingkat"]) == {"info"} and set(jk["aturan"]) == {"tak_teraudit"}
    assert (jk["pesan"].str.contains("jenis_kelamin")).all()
    # 2021 (BAB III: 129) tetap tak teraudit: baris penilaian 2021 tidak tercetak
    lalu = _ada(t, kode="sistem_merit", besaran="total_verifikasi")
    assert len(lalu) == 1 and lalu["lokasi"].iloc[0] == "BAB III teks" and lalu["tingkat"].iloc[0] == "info"


def test_balangan_jumlah_temuan(temuan_balangan):
    # akar: 2.4.2 efektivitas + simpulan, efisiensi output 93,75, rentang indeks merit, IKM 90,01, periode
    # Renstra "2016-2021", "2 IKU mencapai target", rentang mutu A "83,31 – 100,00" (8 galat);
    # Σ bobot Sistem Merit 102,5 (1 peringatan);
    # 18 turunan (16 dari IKM, 2 simpulan "Efisien" dari efisiensi output); 17 catatan = 10 pembulatan
    # (capaian/efisiensi 2.3.3, 2.3.4, efisiensi 2.3.5, 2.4 #1/#2, 3.1 #2) + 7 tak teraudit
    assert ringkasan(temuan_balangan) == {"galat": 8, "peringatan": 1, "info": 17, "turunan": 18}


def test_temuan_fatal_sesuai_pengaturan(temuan_balangan):
    periksa_fatal(temuan_balangan, ())
    with pytest.raises(LkjError, match="galat"):
        periksa_fatal(temuan_balangan, ("galat",))


def test_cli_audit_menulis_csv(tmp_path, capsys):
    from lkj_lib.cli import main

    assert main(["audit", str(BALANGAN), "--keluaran", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "galat" in out and "efisiensi_output" in out
    csvp = tmp_path / "audit" / "bkpsdm-balangan-2022.csv"
    rows = list(csv.DictReader(open(csvp, encoding="utf-8")))
    assert rows and set(rows[0]) >= {"tingkat", "lokasi", "dilaporkan", "dihitung", "sumber"}
