"""Masukan bermusuhan atau rusak (issue 14): setiap penolakan adalah Masalah berlokasi berbahasa
Indonesia, dikumpulkan bersama yang lain, tanpa traceback; ``lkj validate`` keluar 2.

Uji yang pada kode lama menggantung atau menghabiskan memori dijalankan di subproses dengan batas
waktu/memori yang longgar sebagai pengaman (bukan pengukuran waktu).
"""

import csv
import io
import os
import resource
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from lkj_lib import batas
from lkj_lib.cli import main
from lkj_lib.masukan import muat, periksa

ROOT = Path(__file__).resolve().parents[1]


def _galat(masalah):
    return [m for m in masalah if m.tingkat == "galat"]


def _tulis_csv(folder: Path, lembar: str, rows: list[dict], kolom: list[str] | None = None):
    p = folder / "data" / f"{lembar}.csv"
    kolom = kolom or list(rows[0])
    with open(p, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=kolom)
        w.writeheader()
        w.writerows(rows)


def _baca_csv(folder: Path, lembar: str) -> list[dict]:
    with open(folder / "data" / f"{lembar}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _validate_subproses(*folder, timeout=60, memori_gb=2):
    """``lkj validate`` di subproses dengan batas waktu dan memori (pengaman untuk kode lama)."""
    def batasi():
        lim = memori_gb * 1024 ** 3
        resource.setrlimit(resource.RLIMIT_AS, (lim, lim))

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "lkj_lib.cli", "validate", *map(str, folder)],
                          capture_output=True, text=True, timeout=timeout, preexec_fn=batasi, env=env)


# ---------- 1. hanya berkas biasa di dalam folder masukan ----------

def test_tautan_narasi_ke_luar_folder_ditolak(mini, tmp_path):
    rahasia = tmp_path / "rahasia.txt"
    rahasia.write_text("root:x:0:0:RAHASIA\n", encoding="utf-8")
    p = mini / "narasi" / "latar_belakang.md"
    p.unlink()
    p.symlink_to(rahasia)
    data, masalah = periksa(mini)
    assert data is None
    m = [x for x in _galat(masalah) if x.berkas == "narasi/latar_belakang.md"]
    assert len(m) == 1 and "ke luar folder masukan" in m[0].pesan
    assert m[0].nilai == str(rahasia.resolve())


def test_folder_narasi_tautan_ke_luar_ditolak(mini, tmp_path):
    """Folder di tengah jalur yang berupa tautan (narasi/ → folder luar) juga diperiksa: dulu hanya
    komponen terakhir yang di-lstat, sehingga narasi/simpulan.md di folder luar tercetak di laporan
    (ditemukan oleh fuzz-masukan, mutasi fs symlink_dir_narasi)."""
    luar = tmp_path / "luar"
    shutil.copytree(mini / "narasi", luar)
    (luar / "simpulan.md").write_text("RAHASIA DI LUAR FOLDER\n", encoding="utf-8")
    shutil.rmtree(mini / "narasi")
    (mini / "narasi").symlink_to(luar)
    data, masalah = periksa(mini)
    assert data is None
    m = [x for x in _galat(masalah) if x.berkas == "narasi/simpulan.md"]
    assert len(m) == 1 and "ke luar folder masukan" in m[0].pesan
    assert m[0].nilai == str((luar / "simpulan.md").resolve())


def test_tautan_di_dalam_folder_boleh(mini):
    (mini / "catatan.md").write_text("Latar belakang bersama.\n", encoding="utf-8")
    p = mini / "narasi" / "latar_belakang.md"
    p.unlink()
    p.symlink_to(Path("..") / "catatan.md")
    d = muat(mini)
    assert d.narasi["latar_belakang"] == "Latar belakang bersama.\n"


def test_csv_tautan_ke_dev_zero_ditolak_tanpa_membaca(mini):
    (mini / "data" / "pembanding.csv").unlink()
    (mini / "data" / "pembanding.csv").symlink_to("/dev/zero")
    r = _validate_subproses(mini)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    assert "pembanding.csv: tautan simbolik menunjuk ke luar folder masukan" in r.stdout


def test_perangkat_di_dalam_folder_ditolak(mini):
    # tautan ke perangkat yang *dianggap* di dalam folder tetap bukan berkas biasa
    d = muat(mini)
    assert d is not None
    from lkj_lib.berkas import periksa_berkas

    m = periksa_berkas(Path("/dev/zero"), Path("/dev"), batas.BERKAS_CSV, "zero")
    assert m is not None and "perangkat karakter" in m.pesan


def test_fifo_tidak_menggantung(mini):
    p = mini / "data" / "pembanding.csv"
    p.unlink()
    os.mkfifo(p)
    r = _validate_subproses(mini, timeout=30)
    assert r.returncode == 2
    assert "pembanding.csv: bukan berkas biasa (sebuah FIFO (pipa bernama))" in r.stdout


def test_lkj_yaml_folder_dan_narasi_folder(mini):
    (mini / "lkj.yaml").unlink()
    (mini / "lkj.yaml").mkdir()
    (mini / "narasi" / "simpulan.md").unlink()
    (mini / "narasi" / "simpulan.md").mkdir()
    data, masalah = periksa(mini)
    assert data is None
    teks = {(m.berkas, m.pesan) for m in _galat(masalah)}
    assert ("lkj.yaml", "bukan berkas biasa (sebuah folder)") in teks
    assert ("narasi/simpulan.md", "bukan berkas biasa (sebuah folder)") in teks


def test_narasi_terlalu_besar(mini):
    (mini / "narasi" / "simpulan.md").write_text("a" * (batas.BERKAS_NARASI + 1), encoding="utf-8")
    _, masalah = periksa(mini)
    assert any(m.berkas == "narasi/simpulan.md" and m.pesan == "berkas terlalu besar" for m in _galat(masalah))


# ---------- 2. bom zip ----------

def _xlsx_dari_mini(mini, tmp_path) -> Path:
    from lkj_lib.templat_excel import tulis_xlsx

    x = tmp_path / "x" / "2024"
    shutil.copytree(mini, x)
    tulis_xlsx(x / "data.xlsx", x / "data")
    shutil.rmtree(x / "data")
    return x


def test_bom_zip_ditolak_sebelum_dibuka(mini, tmp_path):
    x = _xlsx_dari_mini(mini, tmp_path)
    with zipfile.ZipFile(x / "data.xlsx", "a", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/bom.bin", b"\0" * (30 * batas.MB))
    assert (x / "data.xlsx").stat().st_size < 1 * batas.MB
    data, masalah = periksa(x)
    assert data is None
    m = [m for m in _galat(masalah) if m.berkas == "data.xlsx"]
    assert m and m[0].pesan == "rasio kompresi anggota berkas Excel tidak wajar"
    assert m[0].nilai.startswith("xl/media/bom.bin: ")


def test_lembar_xlsx_berbaris_terlalu_banyak_ditolak_sebelum_diurai(mini, tmp_path):
    # rasio kompresi wajar (lolos pemeriksaan bom zip), tetapi 120.000 elemen <row>: ditolak dari hitungan
    # baris saat arsip diurai sepotong-sepotong, bukan setelah openpyxl mengurai seluruh XML-nya
    x = _xlsx_dari_mini(mini, tmp_path)
    baris = "".join(f'<x:row r="{i}"><x:c r="A{i}"><x:v>{i * 7919 % 1000003}</x:v></x:c></x:row>'
                    for i in range(1, 120_001))
    xml = f'<?xml version="1.0"?><x:worksheet xmlns:x="urn:x"><x:sheetData>{baris}</x:sheetData></x:worksheet>'
    with zipfile.ZipFile(x / "data.xlsx", "a", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet99.xml", xml)
        info = z.getinfo("xl/worksheets/sheet99.xml")
    assert info.file_size < batas.XLSX_RASIO * info.compress_size  # bukan bom zip menurut rasio
    data, masalah = periksa(x)
    assert data is None
    m = [m for m in _galat(masalah) if m.berkas == "data.xlsx"]
    assert m and m[0].pesan == "lembar Excel memuat terlalu banyak baris", m
    assert "xl/worksheets/sheet99.xml" in m[0].nilai and "110.001" in m[0].nilai


def test_xlsx_bukan_zip(mini, tmp_path):
    x = _xlsx_dari_mini(mini, tmp_path)
    (x / "data.xlsx").write_bytes(b"kode;nama\n1;a\n")
    _, masalah = periksa(x)
    assert any("bukan arsip .xlsx" in m.pesan for m in _galat(masalah))


# ---------- 3. YAML ----------

def test_yaml_alias_ditolak(mini):
    teks = (mini / "lkj.yaml").read_text(encoding="utf-8")
    bom = 'a: &a ["lol","lol","lol"]\nb: &b [*a,*a,*a]\nvisi: &c [*b,*b,*b]\n'
    (mini / "lkj.yaml").write_text(teks + bom, encoding="utf-8")
    data, masalah = periksa(mini)
    assert data is None
    g = _galat(masalah)
    assert g[0].berkas == "lkj.yaml" and "anchor/alias YAML" in g[0].pesan


@pytest.mark.parametrize("ganti, kolom", [
    ("tanggal: 2025-01-15", "laporan.tanggal"),
    ("metode_efisiensi: selisih", "pengaturan.indeks_merit_pembagi"),
    ("tahun: 2024", "misi_terkait"),
])
def test_yaml_nilai_salah_berlokasi(mini, ganti, kolom):
    p = mini / "lkj.yaml"
    teks = p.read_text(encoding="utf-8")
    pengganti = {"laporan.tanggal": "tanggal: 2023-02-30",
                 "pengaturan.indeks_merit_pembagi": "metode_efisiensi: selisih\n  indeks_merit_pembagi: banyak",
                 "misi_terkait": "tahun: 2024\nmisi_terkait: [lima]"}[kolom]
    p.write_text(teks.replace(ganti, pengganti), encoding="utf-8")
    data, masalah = periksa(mini)
    assert data is None
    assert [m.kolom for m in _galat(masalah)] == [kolom]


def test_yaml_bukan_utf8(mini):
    p = mini / "lkj.yaml"
    p.write_bytes(p.read_bytes().replace(b"Dinas Contoh", b"Dinas \x81Contoh"))
    data, masalah = periksa(mini)
    assert data is None
    m = _galat(masalah)[0]
    assert (m.berkas, m.pesan) == ("lkj.yaml", "berkas bukan teks UTF-8") and "UTF-8" in m.saran


# ---------- 4. pengurai angka ----------

def test_angka_spasi_panjang_tidak_menggantung():
    kode = ("from lkj_lib.angka import baca_angka, AngkaError\n"
            "for s in ['1' + ' ' * 3000 + '!', '1' + ' ' * 150 + '!']:\n"
            "    try: baca_angka(s)\n"
            "    except AngkaError: print('ditolak')\n")
    r = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True, timeout=60,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.stdout.split() == ["ditolak", "ditolak"]


# ---------- 5. duplikat, batas baris, panjang teks ----------

def test_duplikat_banyak_dan_kunci_kosong(mini):
    rows = _baca_csv(mini, "realisasi")
    ganda = [dict(rows[0]) for _ in range(3000)]
    kosong = [{**rows[0], "kode_indikator": ""}, {**rows[0], "kode_indikator": ""}]
    _tulis_csv(mini, "realisasi", rows + ganda + kosong)
    data, masalah = periksa(mini)
    assert data is None
    dup = [m for m in masalah if m.pesan == "id ganda"]
    assert len(dup) == 3000
    assert {m.saran for m in dup} == {"sudah dipakai di baris 2; buat unik atau hapus salah satu"}
    assert [m.baris for m in dup] == list(range(5, 3005))
    wajib = [m for m in masalah if m.pesan == "sel wajib 'kode_indikator' kosong"]
    assert [m.baris for m in wajib] == [3005, 3006]


def test_validate_meringkas_masalah_yang_berulang(mini, capsys):
    """3 000 id ganda dari baris tersalin: 10 baris pertama dicetak, sisanya satu baris ringkasan dengan
    jumlah dan rentang barisnya; --semua mencetak setiap baris; jenis lain tetap dicetak."""
    rows = _baca_csv(mini, "realisasi")
    kosong = [{**rows[0], "kode_indikator": ""}, {**rows[0], "kode_indikator": ""}]
    _tulis_csv(mini, "realisasi", rows + [dict(rows[0]) for _ in range(3000)] + kosong)
    assert main(["validate", str(mini)]) == 2
    baris = capsys.readouterr().out.splitlines()
    dup = [b for b in baris if "id ganda" in b]
    assert len(dup) == 11
    assert dup[0].startswith("[GALAT] realisasi.csv:realisasi baris 5 kolom 'kode_indikator/tahun': id ganda")
    assert "baris 14 " in dup[9]
    assert dup[10].startswith("[GALAT] realisasi.csv:realisasi baris 15–3004 kolom 'kode_indikator/tahun': id ganda — "
                              "2990 lagi")
    assert sum("sel wajib 'kode_indikator' kosong" in b for b in baris) == 2
    assert baris[-1].endswith("TIDAK SAH — 3002 galat, 0 peringatan")
    assert main(["validate", "--semua", str(mini)]) == 2
    assert sum("id ganda" in b for b in capsys.readouterr().out.splitlines()) == 3000


def test_batas_baris_per_lembar(mini):
    rows = _baca_csv(mini, "angka_dilaporkan")
    _tulis_csv(mini, "angka_dilaporkan", [rows[0]] * (batas.BARIS_LEMBAR + 1))
    data, masalah = periksa(mini)
    assert data is None
    m = [m for m in _galat(masalah) if m.lembar == "angka_dilaporkan"]
    assert m[0].pesan == "lembar terlalu panjang" and "50.000" in m[0].harapan


def test_teks_terlalu_panjang(mini):
    rows = _baca_csv(mini, "indikator")
    rows[0]["indikator"] = "Indeks " * 1500
    rows[1]["penjelasan"] = "x" * 1999  # di bawah batas teks lain (2.000)
    _tulis_csv(mini, "indikator", rows)
    data, masalah = periksa(mini)
    assert data is None
    g = _galat(masalah)
    assert [(m.lembar, m.baris, m.kolom, m.pesan) for m in g] == [
        ("indikator", 2, "indikator", "isi sel terlalu panjang")]
    assert g[0].harapan == "paling banyak 500 karakter" and "(10500 karakter)" in g[0].nilai


# ---------- 6. kelas traceback dari fuzzing ----------

def test_bilangan_raksasa_galat_berlokasi(mini):
    rows = _baca_csv(mini, "renja")
    rows[2]["pagu_murni"] = "9" * 40
    rows[2]["urutan"] = "1" + "0" * 39
    _tulis_csv(mini, "renja", rows)
    data, masalah = periksa(mini)
    assert data is None
    g = {(m.baris, m.kolom, m.pesan) for m in _galat(masalah)}
    assert (4, "pagu_murni", "bilangan terlalu besar") in g
    assert (4, "urutan", "bilangan terlalu besar") in g


def test_csv_utf16_tab_dan_cp1252_terbaca_sama(mini):
    asli = muat(mini)
    p = mini / "data" / "indikator.csv"
    rows = list(csv.reader(io.StringIO(p.read_text(encoding="utf-8"))))
    rows[1][3] = "Indeks Kepuasan Pelayanan Publik é"
    buf = io.StringIO()
    csv.writer(buf, delimiter="\t", lineterminator="\r\n").writerows(rows)
    p.write_bytes(b"\xff\xfe" + buf.getvalue().encode("utf-16-le"))  # "Teks Unicode" Excel
    (mini / "data" / "sasaran.csv").write_bytes(
        (mini / "data" / "sasaran.csv").read_text(encoding="utf-8").replace(";", ",").encode("cp1252"))
    d = muat(mini)
    assert d["indikator"].at[0, "indikator"] == "Indeks Kepuasan Pelayanan Publik é"
    assert d["indikator"]["kode_indikator"].tolist() == asli["indikator"]["kode_indikator"].tolist()
    assert d["indikator"]["target_akhir"].tolist() == asli["indikator"]["target_akhir"].tolist()


def test_csv_byte_tak_terbaca(mini):
    p = mini / "data" / "tujuan.csv"
    p.write_bytes(p.read_bytes().replace(b"pelayanan", b"pelayanan \x81"))
    data, masalah = periksa(mini)
    assert data is None
    m = [m for m in _galat(masalah) if m.berkas == "tujuan.csv"][0]
    assert m.pesan == "berkas bukan teks UTF-8" and "CSV UTF-8" in m.saran


# ---------- 7. validate menjalankan aturan instrumen ----------

def test_validate_menolak_sistem_merit_yang_ditolak_audit(mini):
    kolom = ["no_aspek", "aspek", "no_indikator", "indikator", "bobot", "skor", "nilai_verifikasi", "tahun"]
    rows = [{"no_aspek": "1", "aspek": "Perencanaan", "no_indikator": "1", "indikator": "Peta jabatan",
             "bobot": "2.5", "skor": "5", "nilai_verifikasi": "3", "tahun": "2024"},
            {"no_aspek": "1", "aspek": "Perencanaan", "no_indikator": "1", "indikator": "Data pegawai",
             "bobot": "2.5", "skor": "3", "nilai_verifikasi": "3", "tahun": "2024"}]
    _tulis_csv(mini, "sistem_merit", rows, kolom)
    data, masalah = periksa(mini)
    assert data is None
    m = [m for m in _galat(masalah) if m.lembar == "sistem_merit"]
    assert len(m) == 1 and m[0].pesan.startswith("lembar sistem_merit tidak sah")
    assert "baris 2: skor 5 di luar 0-4" in m[0].pesan and "indikator ganda" in m[0].pesan


# ---------- 8. CLI ----------

def test_pipa_tertutup_tanpa_traceback():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    folder = [str(ROOT / "params" / s / "2022") for s in ("bkpsdm-hulu-sungai-selatan", "bkpsdm-balangan")]
    p = subprocess.Popen([sys.executable, "-m", "lkj_lib.cli", "validate", *folder],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    p.stdout.close()  # pembaca berhenti sebelum keluaran ditulis (seperti `| head -0`)
    err = p.stderr.read().decode()
    assert p.wait(timeout=120) == 141
    assert "Traceback" not in err and "BrokenPipeError" not in err


def test_ctrl_c_satu_baris_tanpa_traceback_asyncio(monkeypatch, capsys, caplog):
    """Ctrl-C di tengah ``lkj build``: tugas asyncio klien kernel yang terputus selesai dengan galat yang
    tidak pernah diambil; asyncio dulu mencetaknya sebagai traceback saat tugas itu dibuang. Kini hanya
    "lkj: dibatalkan." dan kode 130."""
    import argparse
    import asyncio
    import gc
    import logging

    from lkj_lib import cli

    monkeypatch.setattr(logging.getLogger("asyncio"), "disabled", False)

    tugas = []  # seperti klien nbclient: tugas sel masih dipegang sampai klien dibuang

    def batal(args):
        loop = asyncio.new_event_loop()

        async def sel():
            raise RuntimeError("Kernel died")

        tugas.append(loop.create_task(sel()))
        loop.run_until_complete(asyncio.sleep(0.01))  # tugas gagal; galatnya tidak pernah diambil
        loop.close()
        raise KeyboardInterrupt

    p = argparse.ArgumentParser()
    p.set_defaults(fungsi=batal, perintah="build")
    monkeypatch.setattr(cli, "buat_parser", lambda: p)
    with caplog.at_level(logging.WARNING):
        assert cli.main([]) == 130
        tugas.clear()  # tugas dibuang di sini: asyncio akan mencatat "Task exception was never retrieved"
        gc.collect()
    assert capsys.readouterr().err.strip() == "lkj: dibatalkan."
    assert not [r for r in caplog.records if "never retrieved" in r.getMessage()]


def test_cli_galat_tak_terduga_satu_baris(monkeypatch, capsys):
    import lkj_lib.masukan as m

    def rusak(folder):
        raise ZeroDivisionError("contoh")

    monkeypatch.setattr(m, "periksa", rusak)
    monkeypatch.delenv("LKJ_DEBUG", raising=False)
    assert main(["validate", "x"]) == 1
    err = capsys.readouterr().err
    assert "galat internal (ZeroDivisionError: contoh)" in err and "Traceback" not in err


def test_sistem_merit_sel_kunci_kosong_tanpa_traceback(mini):
    kolom = ["no_aspek", "aspek", "no_indikator", "indikator", "bobot", "skor", "tahun"]
    rows = [{"no_aspek": "", "aspek": "Perencanaan", "no_indikator": "1", "indikator": "Peta jabatan",
             "bobot": "2.5", "skor": "3", "tahun": "2024"}]
    _tulis_csv(mini, "sistem_merit", rows, kolom)
    data, masalah = periksa(mini)
    assert data is None
    assert {(m.lembar, m.pesan) for m in _galat(masalah)} == {
        ("sistem_merit", "sel wajib 'no_aspek' kosong"),
        ("sistem_merit", "lembar sistem_merit tidak sah: baris 2: 'no_aspek' kosong")}


def test_ip_asn_dua_baris_sendiri_ditolak_validate(mini):
    kolom = ["tahun", "wilayah", "jenis_wilayah", "sendiri", "kualifikasi", "kompetensi", "kinerja", "disiplin"]
    baris = {"tahun": "2024", "jenis_wilayah": "kabupaten", "sendiri": "ya", "kualifikasi": "12,33",
             "kompetensi": "17,74", "kinerja": "24,07", "disiplin": "4,98"}
    _tulis_csv(mini, "ip_asn", [{**baris, "wilayah": "Kab. A"}, {**baris, "wilayah": "Kab. B"}], kolom)
    data, masalah = periksa(mini)
    assert data is None
    assert [(m.lembar, m.pesan) for m in _galat(masalah)] == [
        ("ip_asn", "lembar ip_asn: lebih dari satu baris sendiri = 'ya' pada tahun 2024")]


def test_skm_tanpa_jawaban_sah_ditolak_validate(tmp_path):
    """Judul kolom u1 salah eja: validate dulu menerima (kolom tak dikenal = peringatan), lalu audit
    gagal "tidak ada responden SKM yang sah". Aturan IKM kini dijalankan juga oleh validate."""
    from conftest import BALANGAN

    f = tmp_path / "bkpsdm-balangan" / "2022"
    shutil.copytree(BALANGAN, f)
    p = f / "data" / "skm.csv"
    baris = p.read_text(encoding="utf-8").splitlines()
    baris[0] = baris[0].replace(",u1,", ",u1x,")
    p.write_text("\n".join(baris) + "\n", encoding="utf-8")
    data, masalah = periksa(f)
    assert data is None
    galat = [m for m in masalah if m.tingkat == "galat"]
    assert len(galat) == 1 and galat[0].lembar == "skm"
    assert "tidak ada responden SKM yang sah" in galat[0].pesan
