import csv
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from lkj_lib.angka import KOSONG
from lkj_lib.cli import main
from lkj_lib.errors import InputError
from lkj_lib.masukan import muat, periksa
from lkj_lib.templat_excel import tulis_templat, tulis_xlsx


def _ubah_csv(folder: Path, lembar: str, fn, tambah=()):
    p = folder / "data" / f"{lembar}.csv"
    with open(p, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    kolom = (list(rows[0].keys()) if rows else []) + [k for k in tambah if rows and k not in rows[0]]
    rows = fn(rows)
    with open(p, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=kolom)
        w.writeheader()
        w.writerows(rows)


def test_mini_terbaca_dengan_tipe(mini):
    d = muat(mini)
    assert d.profil.tahun == 2024 and d.profil.pengaturan.metode_efisiensi == "selisih"
    ir = d["indikator_renja"].set_index("kode")
    assert ir.at["1.1.1", "target"] == 8 and ir.at["1.1.1", "target_satuan"] == "dokumen"
    assert d["renja"].set_index("kode").at["1", "pagu_perubahan"] == 1_000_000
    assert d["realisasi"]["_baris"].tolist() == [2, 3, 4]
    assert set(d.sumber) >= {"lkj.yaml", "data/renja.csv", "narasi/simpulan.md"}
    assert all(len(h) == 64 for h in d.sumber.values())


def test_xlsx_sama_dengan_csv(mini, tmp_path):
    x = tmp_path / "x" / "2024"
    shutil.copytree(mini, x)
    tulis_xlsx(x / "data.xlsx", x / "data")
    shutil.rmtree(x / "data")
    a, b = muat(mini), muat(x)
    for k in a.tabel:
        pd.testing.assert_frame_equal(a.tabel[k], b.tabel[k], check_dtype=False)


def test_salinan_rusak_semua_galat_sekaligus(mini, capsys):
    # teks di kolom angka, lembar hilang, id ganda, indikator tak dikenal, kode tanpa induk
    _ubah_csv(mini, "renja", lambda rows: rows + [
        {**rows[2], "kode": "1.1.9", "pagu_perubahan": "seratus ribu"},
        {**rows[2], "kode": "7.1.1", "kode_induk": ""},
    ])
    _ubah_csv(mini, "indikator", lambda rows: rows + [rows[0]])
    _ubah_csv(mini, "realisasi", lambda rows: rows + [{**rows[0], "kode_indikator": "IKU9"}])
    (mini / "data" / "sasaran_program.csv").unlink()
    out = mini.parent.parent / "keluaran"
    kode = main(["validate", str(mini)])
    teks = capsys.readouterr().out
    assert kode == 2
    assert "renja.csv:renja baris 6 kolom 'pagu_perubahan': nilai tidak sesuai tipe rupiah" in teks
    assert "lembar 'sasaran_program' tidak ada" in teks
    assert "indikator.csv:indikator baris 4 kolom 'kode_indikator': id ganda" in teks
    assert "realisasi.csv:realisasi baris 5 kolom 'kode_indikator': kode_indikator merujuk ke indikator" in teks
    assert "renja baris 7" in teks and "tidak punya induk" in teks
    # build atas masukan yang sama: berhenti dengan kode masukan sebelum menulis apa pun ke --keluaran
    # (validate sendiri tidak pernah menulis; build yang berhasil membuat <keluaran>/dinas-contoh/2024)
    assert main(["build", "--tanpa-pdf", str(mini), "--keluaran", str(out)]) == 2
    teks_build = capsys.readouterr()
    assert "lembar 'sasaran_program' tidak ada" in teks_build.out + teks_build.err
    assert not out.exists()


def test_muat_menaikkan_inputerror_dengan_lokasi(mini):
    _ubah_csv(mini, "realisasi", lambda rows: [{**rows[0], "status": "hampir final"}] + rows[1:])
    with pytest.raises(InputError) as e:
        muat(mini)
    m = e.value.masalah[0]
    assert (m.lembar, m.baris, m.kolom, m.nilai) == ("realisasi", 2, "status", "hampir final")
    assert "penilaian_mandiri" in m.harapan


def test_status_dan_realisasi_konsisten(mini):
    _ubah_csv(mini, "realisasi", lambda rows: [{**rows[0], "realisasi": ""}] + rows[1:])
    _, masalah = periksa(mini)
    assert any(m.pesan == "realisasi kosong" and m.baris == 2 for m in masalah)


def test_tahun_di_luar_renstra(mini):
    _ubah_csv(mini, "target_renstra", lambda rows: [{**rows[0], "tahun": "2030"}] + rows[1:])
    _, masalah = periksa(mini)
    assert any(m.pesan == "tahun di luar periode Renstra" and m.nilai == "2030" for m in masalah)


def test_templat_belum_diisi(tmp_path, capsys):
    f = tmp_path / "dinas" / "2025"
    tulis_templat(f)
    assert main(["validate", str(f)]) == 2
    teks = capsys.readouterr().out
    assert "lembar 'indikator' belum diisi" in teks
    assert "'kepala.nip' belum diisi" in teks
    import openpyxl

    wb = openpyxl.load_workbook(f / "data.xlsx")
    assert "PETUNJUK" in wb.sheetnames and "indikator_renja" in wb.sheetnames
    ws = wb["realisasi"]
    assert [c.value for c in ws[1]][:3] == ["kode_indikator", "tahun", "realisasi"]
    assert any("penilaian_mandiri" in dv.formula1 for dv in ws.data_validations.dataValidation)


def test_templat_tidak_menimpa(tmp_path):
    f = tmp_path / "d" / "2025"
    tulis_templat(f)
    from lkj_lib.errors import LkjError

    with pytest.raises(LkjError):
        tulis_templat(f)


def test_cli_validate_sah(mini):
    r = subprocess.run([sys.executable, "-m", "lkj_lib.cli", "validate", str(mini)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "sah" in r.stdout


_SEL_BURUK = st.one_of(
    # teks huruf yang bukan penanda kosong ("-", "NA", "nan", "none" dibaca sebagai sel kosong)
    st.text(alphabet=string.ascii_letters + " ", min_size=1, max_size=8).filter(
        lambda s: s.strip() and s.strip().lower() not in KOSONG),
    st.sampled_from(["1,2,3", "12..5", "≥≥3", "Rp Rp", "%%", "0,81 – 1", "tiga"]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_sel_buruk_selalu_inputerror_berlokasi(mini, data):
    """Sel acak yang rusak pada kolom bertipe selalu berakhir InputError yang menyebut lokasinya."""
    from lkj_lib.schema import TABEL_DICT

    lembar = data.draw(st.sampled_from(["realisasi", "renja", "indikator_renja", "perjanjian_kinerja"]))
    kolom_tipe = [k.nama for k in TABEL_DICT[lembar].kolom if k.tipe in ("angka", "rupiah", "tahun", "urutan")]
    kolom = data.draw(st.sampled_from(kolom_tipe))
    nilai = data.draw(_SEL_BURUK)
    salinan = mini.parent / f"rusak{abs(hash((lembar, kolom, nilai))) % 10**8}"
    shutil.copytree(mini, salinan, dirs_exist_ok=True)
    _ubah_csv(salinan, lembar, lambda rows: [{**rows[0], kolom: nilai}] + rows[1:])
    with pytest.raises(InputError) as e:
        muat(salinan)
    assert any(m.lembar == lembar and m.baris == 2 and m.kolom == kolom for m in e.value.masalah)
    shutil.rmtree(salinan)


# ---------- issue 9: sel Excel, riwayat sebelum Renstra, kode_induk, desimal ----------

def _xlsx(mini, tmp_path):
    x = tmp_path / "x" / "2024"
    shutil.copytree(mini, x)
    tulis_xlsx(x / "data.xlsx", x / "data")
    shutil.rmtree(x / "data")
    return x


def _sel(x, lembar, baris, kolom, nilai, format_angka=None):
    import openpyxl

    wb = openpyxl.load_workbook(x / "data.xlsx")
    ws = wb[lembar]
    j = [c.value for c in ws[1]].index(kolom) + 1
    c = ws.cell(row=baris, column=j, value=nilai)
    if format_angka:
        c.number_format = format_angka
    wb.save(x / "data.xlsx")


def test_sel_persen_excel_dibaca_seperti_diketik(mini, tmp_path):
    # realisasi IKU2 baris 4: 1,5% diketik di Excel tersimpan 0.015 berformat 0.00%
    x = _xlsx(mini, tmp_path)
    _sel(x, "realisasi", 4, "realisasi", 0.015, "0.00%")
    d = muat(x)
    r = d["realisasi"].set_index("_baris")
    assert r.at[4, "realisasi"] == pytest.approx(1.5) and r.at[4, "realisasi_satuan"] == "%"
    assert d["indikator"].set_index("kode_indikator").at["IKU2", "desimal"] == 2  # 0.00% → 2
    assert not d.peringatan


def test_persen_sebagai_pecahan_diperingatkan(mini):
    # target IKU2 2%; realisasi diketik 0,015 (pecahan) → 2/0,015 = 133× → peringatan berlokasi
    _ubah_csv(mini, "realisasi", lambda rows: rows[:2] + [{**rows[2], "realisasi": "0,015"}])
    d, masalah = periksa(mini)
    assert d is not None
    m = [m for m in masalah if m.lembar == "realisasi" and m.tingkat == "peringatan"]
    assert [(m.baris, m.kolom, m.nilai) for m in m] == [(4, "realisasi", "0,015")]
    assert "0,38%" in m[0].harapan


def test_sel_tahun_berformat_tanggal(mini, tmp_path):
    import datetime as dt

    x = _xlsx(mini, tmp_path)
    _sel(x, "realisasi", 3, "tahun", dt.datetime(1905, 7, 15), "dd/mm/yyyy")  # nomor seri 2023
    d = muat(x)
    assert d["realisasi"].set_index("_baris").at[3, "tahun"] == 2023
    assert [(m.lembar, m.baris, m.kolom) for m in d.peringatan] == [("realisasi", 3, "tahun")]


def test_riwayat_sebelum_renstra_diterima(mini):
    # Renstra 2021-2026: realisasi 2019-2020 adalah riwayat (peringatan), target 2019 tetap galat
    _ubah_csv(mini, "realisasi", lambda rows: rows + [
        {**rows[1], "tahun": "2019", "realisasi": "70"}, {**rows[1], "tahun": "2020", "realisasi": "72"}])
    d, masalah = periksa(mini)
    assert d is not None and len(d["realisasi"]) == 5
    m = [m for m in masalah if m.lembar == "realisasi"]
    assert [(m.tingkat, m.nilai) for m in m] == [("peringatan", "2019, 2020")]
    _ubah_csv(mini, "target_renstra", lambda rows: rows + [{**rows[0], "tahun": "2019"}])
    _ubah_csv(mini, "realisasi", lambda rows: rows + [{**rows[0], "tahun": "2025"}])
    _, masalah = periksa(mini)
    galat = {(m.lembar, m.pesan) for m in masalah if m.tingkat == "galat"}
    assert galat == {("target_renstra", "tahun di luar periode Renstra"),
                     ("realisasi", "realisasi untuk tahun setelah tahun laporan")}


def test_kegiatan_tanpa_induk_menyebut_kode_induk(mini):
    _ubah_csv(mini, "renja", lambda rows: rows + [{**rows[1], "kode": "7.1", "kode_induk": ""}])
    _, masalah = periksa(mini)
    m = [m for m in masalah if "tidak punya induk" in m.pesan]
    assert len(m) == 1 and m[0].kolom == "kode_induk" and m[0].nilai == "7"
    assert "diturunkan dari kode karena kode_induk kosong" in m[0].pesan
    assert "kode_induk boleh dikosongkan" in m[0].saran.replace("Kolom ", "").replace("kolom ", "")


def test_desimal_diketik_dan_ditebak(mini):
    # IKU2: "1,5%" dan "2%" → 1 desimal; IKU1 diberi desimal 3 secara eksplisit
    _ubah_csv(mini, "indikator", lambda rows: [{**rows[0], "desimal": "3"}, rows[1]], tambah=["desimal"])
    _ubah_csv(mini, "indikator_renja", lambda rows: [{**rows[0], "target": "100,00%"}] + rows[1:])
    d = muat(mini)
    ind = d["indikator"].set_index("kode_indikator")["desimal"]
    assert ind.to_dict() == {"IKU1": 3, "IKU2": 1} and str(ind.dtype) == "Int64"
    assert d["indikator_renja"]["desimal"].tolist() == [2, 0, 0, 0]
    assert "_desimal" not in d["realisasi"].columns


def test_validate_menyebut_narasi_wajib_yang_ditolak_build_final(tmp_path, capsys):
    """Yang diterima validate harus dapat dibangun: narasi wajib yang belum ditulis (build final menolak)
    disebut validate sebagai peringatan dengan nama berkasnya."""
    import shutil

    f = tmp_path / "bagian-organisasi" / "2023"
    shutil.copytree(Path(__file__).resolve().parents[1] / "params" / "bagian-organisasi-riam-kanan" / "2023", f)
    (f / "narasi" / "isu_strategis.md").unlink()
    assert main(["validate", str(f)]) == 0
    keluar = capsys.readouterr().out
    assert "[PERINGATAN] narasi/isu_strategis.md: narasi wajib 'BAB I - Isu Strategis' belum ditulis" in keluar
    assert "build final menunggu 1 narasi wajib" in keluar
    assert main(["build", "--tanpa-pdf", str(f), "--keluaran", str(tmp_path / "out")]) == 2
