"""``lkj ikm``, ``lkj merit`` dan ``lkj synth skm`` pada berkas .csv dan .xlsx."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from lkj_lib.cli import main
from test_instrumen_ikm import BALANGAN_JUMLAH, BALANGAN_NRR, KECIL, survei, survei_balangan

DATA = Path(__file__).parent / "data" / "instrumen"
LKJ = Path(sys.executable).with_name("lkj")


def jalankan(capsys, *argv) -> tuple[int, str, str]:
    kode = main([str(a) for a in argv])
    out = capsys.readouterr()
    return kode, out.out, out.err


@pytest.fixture
def balangan_csv(tmp_path) -> Path:
    p = tmp_path / "skm.csv"
    survei_balangan().to_csv(p, index=False)
    return p


@pytest.fixture
def balangan_xlsx(tmp_path) -> Path:
    p = tmp_path / "skm.xlsx"
    survei_balangan().to_excel(p, sheet_name="skm", index=False)
    return p


@pytest.mark.parametrize("berkas", ["balangan_csv", "balangan_xlsx"])
def test_ikm_json(capsys, request, berkas):
    p = request.getfixturevalue(berkas)
    kode, out, err = jalankan(capsys, "ikm", p, "--json")
    assert kode == 0, err
    d = json.loads(out)
    for k in ("n_responden", "N", "NRR", "NRRT", "ikm", "mutu", "kinerja", "invalid_rows"):
        assert k in d
    assert d["n_responden"] == 374 and d["N"] == [374] * 9
    assert d["jumlah"] == BALANGAN_JUMLAH
    assert [round(x, 3) for x in d["NRR"]] == BALANGAN_NRR
    assert len(d["NRRT"]) == 9 and d["NRRT"][0] == pytest.approx(1307 / 374 / 9)
    assert d["ikm"] == pytest.approx(25 * 12274 / (374 * 9))   # tidak dibulatkan: 91,1616…
    assert (d["mutu"], d["kinerja"]) == ("A", "Sangat Baik")
    assert d["invalid_rows"] == []


@pytest.mark.parametrize("w, ikm", [
    ("0.11", 25 * 0.11 * 12274 / 374),
    ("0,11", 25 * 0.11 * 12274 / 374),
    ("1/9", 25 * 12274 / (374 * 9)),
    ("0.2,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1", 25 * (0.2 * 1307 + 0.1 * (12274 - 1307)) / 374),
])
def test_ikm_penimbang(capsys, balangan_csv, w, ikm):
    kode, out, err = jalankan(capsys, "ikm", balangan_csv, "--penimbang", w, "--json")
    assert kode == 0, err
    assert json.loads(out)["ikm"] == pytest.approx(ikm)


def test_ikm_teks_terbaca(capsys, balangan_csv):
    kode, out, _ = jalankan(capsys, "ikm", balangan_csv, "--populasi", "1000")
    assert kode == 0
    assert "3,495" in out and "3,968" in out
    assert "91,16" in out and "mutu A (Sangat Baik)" in out
    assert "1.307" in out                      # jumlah dengan pemisah ribuan titik
    assert "baris tidak sah (dikeluarkan): 0" in out
    assert "278" in out and "terpenuhi" in out
    baris_u1 = next(b for b in out.splitlines() if b.startswith("U1 "))
    baris_u9 = next(b for b in out.splitlines() if b.startswith("U9 "))
    assert baris_u1.index("3,495") == baris_u9.index("3,933")   # kolom rata


def test_ikm_baris_tidak_sah(capsys, tmp_path):
    df = survei(KECIL + [[4, 4, 5, 4, 4, 4, 4, 4, 4], [4, 4, 4, 4, None, 4, 4, 4, 4]])
    p = tmp_path / "skm.csv"
    df.to_csv(p, index=False)
    kode, out, _ = jalankan(capsys, "ikm", p, "--json")
    d = json.loads(out)
    assert kode == 0 and d["n_responden"] == 3
    assert [r["baris"] for r in d["invalid_rows"]] == [5, 6]
    assert d["ikm"] == pytest.approx(2275 / 27)
    kode, out, _ = jalankan(capsys, "ikm", p)
    assert "baris tidak sah (dikeluarkan): 2" in out and "baris 5: U3 di luar 1-4 (5)" in out


@pytest.mark.parametrize("argv, pesan", [
    (["ikm", "{tmp}/tidak-ada.csv"], "berkas tidak ada"),
    (["ikm", "{csv}", "--penimbang", "0.2"], "penimbang IKM tidak sah"),
    (["ikm", "{csv}", "--penimbang", "0.1,0.1,0.1"], "3 bobot"),
    (["ikm", "{csv}", "--populasi", "0"], "populasi"),
    (["ikm", "{tmp}/skm.txt"], "format berkas tidak dikenal"),
    (["merit", "{csv}"], "kolom wajib"),
    (["merit", "{tmp}/tidak-ada.xlsx"], "berkas tidak ada"),
    (["synth", "skm", "--n", "5", "--seed", "1", "--out", "{tmp}/x.json"], ".csv atau .xlsx"),
])
def test_galat_kode_2(capsys, tmp_path, balangan_csv, argv, pesan):
    (tmp_path / "skm.txt").write_text("u1\n4\n")
    argv = [a.format(tmp=tmp_path, csv=balangan_csv) for a in argv]
    kode, out, err = jalankan(capsys, *argv)
    assert kode == 2
    assert pesan in err
    assert "Traceback" not in err + out


def test_xlsx_lembar_salah(capsys, tmp_path):
    p = tmp_path / "dua.xlsx"
    with pd.ExcelWriter(p) as w:
        survei(KECIL).to_excel(w, sheet_name="data1", index=False)
        survei(KECIL).to_excel(w, sheet_name="data2", index=False)
    kode, _, err = jalankan(capsys, "ikm", p)
    assert kode == 2 and "lembar 'skm' tidak ada" in err
    kode, out, _ = jalankan(capsys, "ikm", p, "--lembar", "data2", "--json")
    assert kode == 0 and json.loads(out)["ikm"] == pytest.approx(2275 / 27)


def test_galat_tanpa_traceback_subproses(tmp_path):
    if not LKJ.exists():
        pytest.skip("skrip lkj tidak terpasang di virtualenv")
    r = subprocess.run([str(LKJ), "ikm", str(tmp_path / "tidak-ada.xlsx")], capture_output=True, text=True)
    assert r.returncode == 2
    assert "berkas tidak ada" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("format_", ["csv", "xlsx"])
def test_merit_json(capsys, tmp_path, format_):
    p = DATA / "merit_hss_2022.csv"
    if format_ == "xlsx":
        x = tmp_path / "merit.xlsx"
        pd.read_csv(p).to_excel(x, sheet_name="sistem_merit", index=False)
        p = x
    kode, out, err = jalankan(capsys, "merit", p, "--json")
    assert kode == 0, err
    d = json.loads(out)
    assert d["total_mandiri"] == 268 and d["total_verifikasi"] == 219
    assert d["kategori_mandiri"] == "III Baik" and d["kategori_verifikasi"] == "II Kurang"
    assert [a["verifikasi"] for a in d["aspek"]] == [30, 30, 40, 25, 47.5, 27.5, 6, 13]
    assert [a["mandiri"] for a in d["aspek"]] == [32.5, 30, 57.5, 20, 75, 30, 10, 13]
    assert d["aspek"][0]["aspek"] == "Perencanaan Kebutuhan"
    assert d["indeks_verifikasi"] == pytest.approx(0.5475)


def test_merit_teks_dan_tahun(capsys, tmp_path):
    kode, out, _ = jalankan(capsys, "merit", DATA / "merit_hss_2022.csv")
    assert kode == 0
    assert "47,5" in out and "268" in out and "219" in out
    assert "III Baik" in out and "II Kurang" in out and "0,5475" in out
    kode, _, err = jalankan(capsys, "merit", DATA / "merit_hss_2022.csv", "--tahun", "2021")
    assert kode == 2 and "2021" in err
    # dua tahun dalam satu berkas: wajib --tahun
    p = tmp_path / "dua.csv"
    df = pd.read_csv(DATA / "merit_hss_2022.csv")
    pd.concat([df, df.assign(tahun=2021, nilai_verifikasi=1)]).to_csv(p, index=False)
    kode, _, err = jalankan(capsys, "merit", p, "--json")
    assert kode == 2 and "lebih dari satu tahun" in err
    kode, out, _ = jalankan(capsys, "merit", p, "--tahun", "2021", "--json")
    assert kode == 0 and json.loads(out)["total_verifikasi"] == pytest.approx(102.5)  # Σ bobot × 1


@pytest.mark.parametrize("akhiran", ["csv", "xlsx"])
def test_synth_skm(capsys, tmp_path, akhiran):
    out1, out2 = tmp_path / f"a.{akhiran}", tmp_path / f"b.{akhiran}"
    for o in (out1, out2):
        kode, out, err = jalankan(capsys, "synth", "skm", "--n", "60", "--seed", "9", "--tahun", "2022",
                                  "--out", o)
        assert kode == 0, err
        assert "SINTETIS" in out
    baca = pd.read_csv if akhiran == "csv" else pd.read_excel
    a, b = baca(out1), baca(out2)
    pd.testing.assert_frame_equal(a, b)
    assert len(a) == 60 and a["tanggal"].astype(str).str.startswith("2022").all()
    kode, out, _ = jalankan(capsys, "ikm", out1, "--json")
    assert kode == 0 and json.loads(out)["n_responden"] == 60


def test_parser_eksplisit_memuat_semua_perintah():
    """Satu parser mendaftar semua subperintah; tanpa pendaftaran lewat efek samping impor."""
    import argparse

    from lkj_lib.cli import buat_parser

    def pilihan(parser):
        aksi = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        return aksi.choices

    utama = pilihan(buat_parser())
    assert list(utama) == ["validate", "template", "lanjut", "build", "audit", "bersihkan", "ikm", "merit", "synth",
                           "batch"]
    assert list(pilihan(utama["synth"])) == ["skm", "skpd"]


def test_help_tanpa_pandas():
    """``lkj --help`` dan ``lkj validate --help`` tidak mengimpor pandas (penangan mengimpor malas)."""
    import subprocess
    import sys

    kode = ("import sys\nfrom lkj_lib.cli import main\n"
            "for a in (['--help'], ['validate', '--help'], ['synth', 'skm', '--help']):\n"
            "    try:\n        main(a)\n    except SystemExit as e:\n        assert e.code == 0, e.code\n"
            "print('pandas' in sys.modules, 'numpy' in sys.modules)\n")
    r = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True, check=True)
    assert r.stdout.strip().splitlines()[-1] == "False False"


def test_synth_out_salah_kode_2(capsys):
    kode, _, err = jalankan(capsys, "synth", "skm", "--n", "1", "--seed", "1", "--out", "/nonexistent/x.bin")
    assert kode == 2 and err.startswith("lkj synth: --out harus berakhiran .csv atau .xlsx")


# ---- rekap per unsur ----

def _rekap_balangan(p: Path, pemisah=",", dengan_nrr=True) -> Path:
    baris = ["unsur,jumlah_responden,jumlah_nilai" + (",nrr" if dengan_nrr else "")]
    for i, (j, x) in enumerate(zip(BALANGAN_JUMLAH, BALANGAN_NRR), 1):
        baris.append(f"U{i},374,{j}" + (f",{x}" if dengan_nrr else ""))
    p.write_text("\n".join(baris).replace(",", pemisah) + "\n", encoding="utf-8")
    return p


def test_ikm_rekap_sama_dengan_jawaban(capsys, tmp_path, balangan_csv):
    rekap = _rekap_balangan(tmp_path / "rekap.csv")
    kode, out, err = jalankan(capsys, "ikm", rekap, "--json")
    assert kode == 0, err
    d_rekap = json.loads(out)
    kode, out, _ = jalankan(capsys, "ikm", balangan_csv, "--json")
    d_jawab = json.loads(out)
    assert d_rekap["bentuk"] == "rekap" and d_jawab["bentuk"] == "jawaban"
    assert d_rekap["ikm"] == d_jawab["ikm"] and d_rekap["NRR"] == d_jawab["NRR"]
    kode, out, _ = jalankan(capsys, "ikm", rekap, "--penimbang", "0.11")
    assert kode == 0
    assert "Bentuk masukan: rekap per unsur" in out and "90,25" in out and "3,495" in out


def test_ikm_rekap_xlsx_lembar_skm_rekap(capsys, tmp_path):
    csv = _rekap_balangan(tmp_path / "r.csv", dengan_nrr=False)
    x = tmp_path / "r.xlsx"
    with pd.ExcelWriter(x) as w:
        pd.DataFrame({"catatan": ["rekap dari aplikasi"]}).to_excel(w, sheet_name="info", index=False)
        pd.read_csv(csv).to_excel(w, sheet_name="skm_rekap", index=False)
    kode, out, err = jalankan(capsys, "ikm", x, "--json")
    assert kode == 0, err
    assert json.loads(out)["ikm"] == pytest.approx(25 * 12274 / 374 / 9)  # 1/9: 25 × rata-rata NRR


def test_ikm_bukan_skm_menjelaskan_dua_bentuk(capsys, tmp_path):
    p = tmp_path / "lain.csv"
    p.write_text("no,nilai\n1,3\n", encoding="utf-8")
    kode, out, err = jalankan(capsys, "ikm", p)
    assert kode == 2 and out == ""
    assert "jawaban per responden" in err and "rekap per unsur" in err and "jumlah_responden" in err
    assert "U1 kosong" not in err


def test_ikm_rekap_tidak_sah_kode_2(capsys, tmp_path):
    p = _rekap_balangan(tmp_path / "rekap.csv", pemisah=";")
    p.write_text(p.read_text(encoding="utf-8").replace(";3.535", ";3,6"), encoding="utf-8")
    kode, _, err = jalankan(capsys, "ikm", p)
    assert kode == 2
    assert "rekap.csv:skm_rekap baris 4 kolom 'nrr'" in err and "3,535 (1322 / 374)" in err


def test_synth_skm_nrr(capsys, tmp_path):
    o = tmp_path / "s.csv"
    nrr = ",".join(str(x) for x in BALANGAN_NRR)
    kode, out, err = jalankan(capsys, "synth", "skm", "--n", "374", "--seed", "4", "--nrr", nrr, "--out", o)
    assert kode == 0 and err == ""
    kode, out, _ = jalankan(capsys, "ikm", o, "--json")
    assert [round(x, 3) for x in json.loads(out)["NRR"]] == BALANGAN_NRR
    # 100 responden: 3,333 tak tercapai (NRR hanya k/100) → peringatan, tetap ditulis
    kode, _, err = jalankan(capsys, "synth", "skm", "--n", "100", "--seed", "4", "--out", o,
                            "--nrr", "3.333;3.5;3.5;3.5;3.5;3.5;3.5;3.5;3.5")
    assert kode == 0 and "U1 3,333" in err and "3,330" in err
    kode, _, err = jalankan(capsys, "synth", "skm", "--n", "10", "--seed", "4", "--out", o, "--nrr", "3.5,4.2")
    assert kode == 2 and "9" in err
