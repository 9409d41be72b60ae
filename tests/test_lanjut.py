"""``lkj lanjut``: folder tahun N+1 dari tahun N; validasinya hanya menyebut yang "belum diisi"."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from mini import YAML, tulis_mini
from lkj_lib.cli import main
from lkj_lib.masukan import muat, periksa
from lkj_lib.masukan.belum import PENANDA_KERANGKA
from lkj_lib.masukan.lanjut import lanjut
from lkj_lib.ukur.hasil import hitung

CONTOH = sorted(p for p in (ROOT / "params").glob("*/*") if (p / "lkj.yaml").is_file())


def _belum_diisi(m) -> bool:
    return "belum diisi" in m.pesan


@pytest.mark.parametrize("sumber", CONTOH, ids=[p.parent.name for p in CONTOH])
def test_lanjut_setiap_contoh_hanya_belum_diisi(sumber, tmp_path):
    asli = muat(sumber)
    n = asli.tahun
    tujuan = tmp_path / sumber.parent.name / str(n + 1)
    h = lanjut(sumber, tujuan)
    assert h.folder == tujuan and h.tahun == n + 1
    # bentuk sama dengan sumber
    assert (tujuan / "data.xlsx").exists() == (sumber / "data.xlsx").exists()
    assert (tujuan / "data").is_dir() == (sumber / "data").is_dir()

    data, masalah = periksa(tujuan)
    assert data is None
    lain = [m.baris_teks() for m in masalah if not _belum_diisi(m)]
    assert lain == []
    galat = {m.pesan for m in masalah if m.tingkat == "galat"}
    assert galat == {"'laporan.tanggal' belum diisi", "lembar 'perjanjian_kinerja' belum diisi",
                     f"realisasi tahun {n + 1} belum diisi",
                     f"anggaran Renja tahun {n + 1} belum diisi (tidak ada pagu maupun realisasi anggaran)"}
    # setiap narasi adalah kerangka (belum diisi), termasuk analisis per IKU
    kerangka = {m.berkas for m in masalah if "kerangka" in m.pesan}
    assert kerangka == {f"narasi/{p.name}" for p in (tujuan / "narasi").glob("*.md")}
    assert {f"narasi/{k}.md" for k in ("latar_belakang", "simpulan")} <= kerangka


@pytest.mark.parametrize("sumber", CONTOH, ids=[p.parent.name for p in CONTOH])
def test_realisasi_tahun_n_menjadi_riwayat_yang_dicetak(sumber, tmp_path):
    """Riwayat N di folder N+1 = realisasi yang DIPAKAI laporan N (juga yang dihitung instrumen)."""
    asli = hitung(muat(sumber))
    n = asli.tahun
    tujuan = lanjut(sumber, tmp_path / "x" / str(n + 1)).folder
    (tujuan / "lkj.yaml").write_text((tujuan / "lkj.yaml").read_text(encoding="utf-8")
                                     .replace("<YYYY-MM-DD>", f"{n + 2}-01-20"), encoding="utf-8")
    from lkj_lib.masukan import baca_tabel_berkas

    if (tujuan / "data.xlsx").exists():
        real = baca_tabel_berkas(tujuan / "data.xlsx", "realisasi")
        ind = baca_tabel_berkas(tujuan / "data.xlsx", "indikator")
    else:
        real = baca_tabel_berkas(tujuan / "data" / "realisasi.csv", "realisasi")
        ind = baca_tabel_berkas(tujuan / "data" / "indikator.csv", "indikator")
    assert (real["tahun"] <= n).all()
    baru = real.set_index(["kode_indikator", "tahun"])["realisasi"]
    dibanding = 0
    for r in asli.iku_semua.itertuples():
        if math.isnan(r.realisasi):
            continue
        assert baru[(r.kode_indikator, n)] == pytest.approx(r.realisasi, abs=1e-9), r.kode_indikator
        dibanding += 1
    assert dibanding >= 3
    # riwayat lama ikut, apa adanya
    lama = asli.data["realisasi"]
    assert len(real) >= len(lama[lama["tahun"] < n])
    # definisi dan target Renstra dibawa
    assert ind["kode_indikator"].tolist() == asli.data["indikator"]["kode_indikator"].tolist()
    assert ind["rumus"].fillna("").tolist() == asli.data["indikator"]["rumus"].fillna("").tolist()


def test_instrumen_dicetak_menggantikan_ketikan_di_riwayat(tmp_path):
    """Balangan 2022: IKM diketik 90,01 tetapi laporan memakai 90,25 dari jawaban SKM → riwayat 2022 = 90,25."""
    sumber = ROOT / "params" / "bkpsdm-balangan" / "2022"
    tujuan = lanjut(sumber, tmp_path / "b" / "2023").folder
    teks = (tujuan / "data" / "realisasi.csv").read_text(encoding="utf-8")
    baris = [b for b in teks.splitlines() if b.startswith("IKU3,2022,")]
    assert len(baris) == 1 and baris[0].startswith('IKU3,2022,"90,25",final,')
    assert "diketik semula: 90,01" in baris[0]
    assert not (tujuan / "data" / "skm.csv").read_text(encoding="utf-8").strip().count("\n")  # hanya judul


def test_program_renja_dibawa_tanpa_anggaran(mini, tmp_path):
    tujuan = lanjut(mini, mini.parent / "2025").folder
    teks = (tujuan / "data" / "renja.csv").read_text(encoding="utf-8").splitlines()
    assert teks[1:] == ["1,program,,Program Pelayanan,,,,,,,,"]
    assert (tujuan / "data" / "sasaran_program.csv").read_text(encoding="utf-8").splitlines()[1:] == ["S1,1"]
    assert (tujuan / "data" / "indikator_renja.csv").read_text(encoding="utf-8").count("\n") == 1
    assert (tujuan / "data" / "angka_dilaporkan.csv").read_text(encoding="utf-8").count("\n") == 1
    real = (tujuan / "data" / "realisasi.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert sorted(b.split(",")[:3] for b in real) == [["IKU1", "2023", "75"], ["IKU1", "2024", "84"],
                                                       ["IKU2", "2024", '"1']]
    yml = (tujuan / "lkj.yaml").read_text(encoding="utf-8")
    assert "tahun: 2025" in yml and "tanggal: <YYYY-MM-DD>" in yml and "metode_efisiensi: selisih" in yml
    nar = (tujuan / "narasi" / "simpulan.md").read_text(encoding="utf-8")
    assert nar.startswith(PENANDA_KERANGKA) and "../2024/narasi/simpulan.md" in nar


def test_menolak_menimpa_dengan_kode_2(mini, capsys):
    tujuan = mini.parent / "2025"
    tujuan.mkdir()
    (tujuan / "catatan.txt").write_text("punya analis", encoding="utf-8")
    assert main(["lanjut", str(mini)]) == 2
    err = capsys.readouterr().err
    assert str(tujuan) in err and "tidak ditimpa" in err
    assert [p.name for p in tujuan.iterdir()] == ["catatan.txt"]
    assert not [p for p in mini.parent.iterdir() if p.name.startswith(".")]  # tidak ada sisa folder kerja


def test_nama_folder_tujuan_harus_tahun_berikutnya(mini, capsys):
    assert main(["lanjut", str(mini), str(mini.parent / "2026")]) == 2
    assert "harus bernama tahun 2025" in capsys.readouterr().err
    assert not (mini.parent / "2026").exists()


def _mini_akhir_renstra(tmp_path) -> Path:
    return tulis_mini(tmp_path / "dinas-akhir" / "2024",
                      yaml_teks=YAML.replace("renstra: {mulai: 2021, akhir: 2026}", "renstra: {mulai: 2021, akhir: 2024}"))


def test_periode_renstra_baru_ditolak_tanpa_renstra(tmp_path, capsys):
    sumber = _mini_akhir_renstra(tmp_path)
    assert main(["lanjut", str(sumber)]) == 2
    err = capsys.readouterr().err
    assert "melewati periode Renstra 2021-2024" in err and "--renstra 2025-2027" in err
    assert not (sumber.parent / "2025").exists()


def test_periode_renstra_baru_dengan_renstra(tmp_path, capsys):
    sumber = _mini_akhir_renstra(tmp_path)
    assert main(["lanjut", str(sumber), "--renstra", "2025-2029"]) == 0
    tujuan = sumber.parent / "2025"
    yml = (tujuan / "lkj.yaml").read_text(encoding="utf-8")
    assert "mulai: 2025" in yml and "akhir: 2029" in yml
    assert (tujuan / "data" / "target_renstra.csv").read_text(encoding="utf-8").count("\n") == 1
    data, masalah = periksa(tujuan)
    assert data is None
    pesan = {m.pesan for m in masalah}
    assert "target Renstra belum diisi" in pesan
    # selain "belum diisi" hanya catatan bahwa riwayat sebelum periode baru diterima
    lain = {m.pesan for m in masalah if not _belum_diisi(m)}
    assert lain <= {"tahun sebelum periode Renstra (2025..2029) diterima sebagai riwayat"}
    assert all(m.tingkat == "peringatan" for m in masalah if not _belum_diisi(m))
    out = capsys.readouterr().out
    assert "yang perlu diisi" in out


def test_renstra_tidak_mencakup_tahun_baru(tmp_path, capsys):
    sumber = _mini_akhir_renstra(tmp_path)
    assert main(["lanjut", str(sumber), "--renstra", "2026-2030"]) == 2
    assert "di luar periode --renstra 2026-2030" in capsys.readouterr().err


def test_sumber_tidak_sah_ditolak(mini, capsys):
    (mini / "data" / "tujuan.csv").write_text("kode_tujuan,tujuan\n", encoding="utf-8")
    shutil.rmtree(mini / "narasi")
    assert main(["lanjut", str(mini)]) == 2
    assert "hanya melanjutkan laporan yang lolos validasi" in capsys.readouterr().err
    assert not (mini.parent / "2025").exists()


def test_kerangka_narasi_tidak_dimuat(mini):
    (mini / "narasi" / "simpulan.md").write_text(PENANDA_KERANGKA + "\nTulis di sini: simpulan.\n", encoding="utf-8")
    data, masalah = periksa(mini)
    assert data is not None and "simpulan" not in data.narasi and "saran" in data.narasi
    (m,) = [m for m in masalah if m.berkas == "narasi/simpulan.md"]
    assert m.tingkat == "peringatan" and "belum diisi" in m.pesan


def test_bentuk_xlsx_disunting_di_tempat(tmp_path):
    """Sumber data.xlsx: hasilnya data.xlsx (lembar PETUNJUK tetap), riwayat instrumen ditulis di selnya."""
    import openpyxl

    from lkj_lib.templat_excel import tulis_xlsx

    sumber = tmp_path / "bkpsdm-balangan" / "2022"
    shutil.copytree(ROOT / "params" / "bkpsdm-balangan" / "2022", sumber, ignore=shutil.ignore_patterns("data"))
    tulis_xlsx(sumber / "data.xlsx", ROOT / "params" / "bkpsdm-balangan" / "2022" / "data")
    assert muat(sumber).tahun == 2022
    tujuan = lanjut(sumber).folder
    assert (tujuan / "data.xlsx").exists() and not (tujuan / "data").exists()
    wb = openpyxl.load_workbook(tujuan / "data.xlsx")
    assert wb.sheetnames[0] == "PETUNJUK"
    ws = wb["realisasi"]
    judul = [c.value for c in ws[1]]
    baris = [dict(zip(judul, (c.value for c in r))) for r in ws.iter_rows(min_row=2) if r[0].value]
    (iku3,) = [b for b in baris if b["kode_indikator"] == "IKU3" and str(b["tahun"]) == "2022"]
    assert iku3["realisasi"] == "90,25" and "diketik semula: 90,01" in iku3["catatan"]
    for nama in ("skm", "perjanjian_kinerja"):  # hanya judul kolom yang tersisa
        assert not [r for r in wb[nama].iter_rows(min_row=2, values_only=True) if any(v is not None for v in r)]
    data, masalah = periksa(tujuan)
    assert [m.baris_teks() for m in masalah if not _belum_diisi(m)] == []
