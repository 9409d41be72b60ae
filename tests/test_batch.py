"""``lkj batch``: penemuan, kunci cache, indeks, dan batch nyata atas SKPD mini + varian sintetisnya."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from lkj_lib import fmt
from lkj_lib.batch.cache import (BERKAS_CACHE, catatan_berlaku, kunci_cache, sidik_kode_dari,
                                 tulis_catatan)
from lkj_lib.batch.indeks import tulis_indeks
from lkj_lib.batch.jalankan import HasilLaporan, temukan
from lkj_lib.batch.sintetis import buat_sintetis
from lkj_lib.cli import main
from lkj_lib.masukan import muat
from lkj_lib.ukur.hasil import hitung
from mini import tulis_mini


def _ubah_sel(berkas: Path, baris: int, kolom: str, nilai: str) -> str:
    """Ganti satu sel CSV (baris 1 = baris data pertama); kembalikan nilai lamanya."""
    with open(berkas, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
        kolom_urut = list(rows[0].keys())
    lama = rows[baris - 1][kolom]
    rows[baris - 1][kolom] = nilai
    with open(berkas, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=kolom_urut)
        w.writeheader()
        w.writerows(rows)
    return lama


def _baris_indeks(html: str) -> dict[str, dict]:
    """Sel matriks ikhtisar per SKPD-tahun (``<td id="<skpd>-<tahun>">``)."""
    out = {}
    for ident, isi in re.findall(r'<td id="([^"]+)" class="sel[^"]*"[^>]*>(.*?)</td>', html, re.S):
        def ambil(pola: str, bawaan: str = "") -> str:
            m = re.search(pola, isi, re.S)
            return m.group(1).strip() if m else bawaan

        out[ident] = {"status": ambil(r'<div class="status">(.*?)</div>'),
                      "capaian": ambil(r'<span class="capaian">(.*?)</span>', "-"),
                      "berkas": ambil(r'<div class="berkas">(.*?)</div>'),
                      "pesan": ambil(r'<div class="pesan">(.*?)</div>')}
    return out


# ---------------------------------------------------------------------- cepat (tanpa build)
def test_temukan_hanya_folder_tahun_berisi_lkj_yaml(tmp_path):
    for rel in ("a/2023", "a/2024", "b/2024", "c/2024", "a/catatan", "d/24"):
        (tmp_path / rel).mkdir(parents=True)
    for rel in ("a/2023", "a/2024", "b/2024", "a/catatan", "d/24"):
        (tmp_path / rel / "lkj.yaml").write_text("tahun: 2024\n")
    label = [f"{p.parent.name}/{p.name}" for p in temukan(tmp_path)]
    assert label == ["a/2023", "a/2024", "b/2024"]  # c/2024 tanpa lkj.yaml, 'catatan' dan '24' bukan tahun
    assert [p.name for p in temukan(tmp_path, "a/*")] == ["2023", "2024"]
    assert [p.parent.name for p in temukan(tmp_path, "*/2024")] == ["a", "b"]
    assert [p.name for p in temukan(tmp_path / "a")] == ["2023", "2024"]  # akar = satu SKPD juga boleh


def test_kunci_cache_berubah_hanya_bila_masukan_kode_atau_parameter_berubah(mini):
    k0 = kunci_cache(mini, draf=False, pdf=True, kode="kode-1")
    assert kunci_cache(mini, False, True, "kode-1") == k0
    (mini / ".catatan-editor").write_text("diabaikan")
    (mini / "data" / "~$data.xlsx").write_text("kunci Excel, diabaikan")
    assert kunci_cache(mini, False, True, "kode-1") == k0
    lama = _ubah_sel(mini / "data" / "realisasi.csv", 1, "realisasi", "85")
    k1 = kunci_cache(mini, False, True, "kode-1")
    assert k1 != k0
    _ubah_sel(mini / "data" / "realisasi.csv", 1, "realisasi", lama)
    assert kunci_cache(mini, False, True, "kode-1") == k0
    (mini / "narasi" / "saran.md").write_text("Saran baru.\n", encoding="utf-8")
    assert kunci_cache(mini, False, True, "kode-1") not in (k0, k1)
    k2 = kunci_cache(mini, False, True, "kode-1")
    assert len({k2, kunci_cache(mini, True, True, "kode-1"), kunci_cache(mini, False, False, "kode-1"),
                kunci_cache(mini, False, True, "kode-2")}) == 4


def test_sidik_kode_mencakup_sumber_templat_notebook_dan_versi(tmp_path):
    paket, nb = tmp_path / "lkj_lib", tmp_path / "notebooks"
    (paket / "templates").mkdir(parents=True)
    nb.mkdir()
    (paket / "a.py").write_text("X = 1\n")
    (paket / "templates" / "t.html.j2").write_text("<p>{{ x }}</p>")
    (nb / "01.ipynb").write_text("{}")
    versi = {"pandas": "3.1"}
    s0 = sidik_kode_dari(paket, nb, versi)
    (paket / "__pycache__").mkdir()
    (paket / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"\0")
    assert sidik_kode_dari(paket, nb, versi) == s0
    hasil = set()
    for ubah in (lambda: (paket / "templates" / "t.html.j2").write_text("<p>{{ y }}</p>"),
                 lambda: (paket / "a.py").write_text("X = 2\n"),
                 lambda: (nb / "01.ipynb").write_text('{"cells": []}')):
        ubah()
        hasil.add(sidik_kode_dari(paket, nb, versi))
    assert s0 not in hasil and len(hasil) == 3
    assert sidik_kode_dari(paket, nb, {"pandas": "3.2"}) not in hasil | {s0}


def test_setiap_notebook_dan_templat_build_mengubah_sidik_kode(tmp_path):
    """Berkas yang benar-benar dipakai build (notebook ``daftar_notebook()``, templat laporan/narasi)
    berada di folder yang di-hash kunci cache: mengubah satu byte salinannya mengubah sidik kode."""
    import shutil

    from lkj_lib.bangun.parameter import daftar_notebook
    from lkj_lib.batch.cache import FOLDER_NOTEBOOK
    from lkj_lib.paths import AKAR_PAKET, TEMPLAT_DIR

    salinan = tmp_path / "lkj_lib"
    shutil.copytree(AKAR_PAKET, salinan, ignore=shutil.ignore_patterns("__pycache__"))
    nb_salinan = salinan / FOLDER_NOTEBOOK.relative_to(AKAR_PAKET)
    s0 = sidik_kode_dari(salinan, nb_salinan, {})
    dipakai = daftar_notebook() + sorted(p for p in TEMPLAT_DIR.rglob("*") if p.is_file())
    assert len(dipakai) >= 6 + 3
    for asli in dipakai:
        p = salinan / asli.relative_to(AKAR_PAKET)  # ValueError bila build membaca berkas di luar paket
        lama = p.read_bytes()
        p.write_bytes(lama + b"\n")
        assert sidik_kode_dari(salinan, nb_salinan, {}) != s0, asli.name
        p.write_bytes(lama)
    assert sidik_kode_dari(salinan, nb_salinan, {}) == s0


def test_catatan_berlaku_hanya_bila_kunci_sama_dan_berkas_ada(tmp_path):
    folder = tmp_path / "dinas" / "2024"
    folder.mkdir(parents=True)
    tulis_catatan(folder, "k1", {"html": "LKj-dinas-2024.html", "pdf": None, "capaian_iku": 101.5})
    assert (folder / BERKAS_CACHE).is_file()
    assert catatan_berlaku(folder, "k1") is None  # HTML belum ada
    (folder / "LKj-dinas-2024.html").write_text("<html></html>")
    assert catatan_berlaku(folder, "k1")["capaian_iku"] == 101.5
    assert catatan_berlaku(folder, "k2") is None


def test_indeks_meng_escape_teks_dan_tautan(tmp_path):
    folder = tmp_path / "a&b" / "2024"
    (folder / "notebooks").mkdir(parents=True)
    (folder / "LKj-a&b-2024.html").write_text("x")
    (folder / "audit.csv").write_text("x")
    h = HasilLaporan("a&b", "2024", "berhasil", 3.25, {"galat": 1, "peringatan": 2, "info": 0}, 115.0,
                     nama_skpd='<script>alert("x")</script> Dinas', html="LKj-a&b-2024.html")
    g = HasilLaporan("c", "2024", "gagal", 0.5, pesan="nilai <b>salah</b> & kosong",
                     rincian=["[GALAT] a <1>", "[GALAT] b & c"])
    html = tulis_indeks(tmp_path, [h, g]).read_text(encoding="utf-8")
    assert "<script>alert" not in html and html.count("<script>") == 1  # hanya skrip saring/urut halaman
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Dinas" in html
    assert "nilai &lt;b&gt;salah&lt;/b&gt; &amp; kosong" in html and "[GALAT] a &lt;1&gt;" in html
    baris = _baris_indeks(html)
    assert baris["a&amp;b-2024"]["capaian"] == "115,00%" and baris["c-2024"]["capaian"] == "-"
    assert 'href="a%26b/2024/LKj-a%26b-2024.html"' in html and 'href="a%26b/2024/audit.csv"' in html
    assert "PDF" not in baris["a&amp;b-2024"]["berkas"]  # hanya berkas yang ada yang ditautkan
    assert "3 galat, 2 peringatan" not in html and "1 galat, 2 peringatan, 0 catatan" in html


# ---------------------------------------------------------------------- build nyata (lambat)
@pytest.fixture
def akar_batch(tmp_path):
    root = tmp_path / "params"
    mini = tulis_mini(root / "dinas-contoh" / "2024")
    varian = buat_sintetis(mini, 2, root, seed=11)
    rusak = tulis_mini(root / "dinas-rusak" / "2024")
    return root, mini, varian, rusak


def _capaian(folder: Path) -> str:
    return fmt.persen(hitung(muat(folder)).rata_capaian_iku)


@pytest.mark.slow
def test_batch_gagal_sendiri_cache_dan_force(akar_batch, tmp_path, capsys):
    root, mini, (v1, v2), rusak = akar_batch
    out = tmp_path / "outputs"
    lama = _ubah_sel(rusak / "data" / "realisasi.csv", 1, "realisasi", "delapan puluh")
    perintah = ["batch", str(root), "--keluaran", str(out), "--tanpa-pdf"]

    # 1. satu SKPD rusak gagal sendirian; yang lain dibangun (2 proses pekerja); kode keluar 1
    assert main(perintah + ["--jobs", "2"]) == 1
    teks = capsys.readouterr().out
    assert re.search(r"gagal\s+dinas-rusak/2024 .*masukan tidak sah \(\d galat\): realisasi.csv", teks)
    assert "'delapan puluh'" in teks
    baris = _baris_indeks((out / "index.html").read_text(encoding="utf-8"))
    assert {k: b["status"] for k, b in baris.items()} == {
        "dinas-contoh-2024": "berhasil", "dinas-contoh-sintetis-001-2024": "berhasil",
        "dinas-contoh-sintetis-002-2024": "berhasil", "dinas-rusak-2024": "gagal"}
    assert baris["dinas-contoh-2024"]["capaian"] == "115,00%"  # (105% + 125%) / 2, lihat tests/mini.py
    assert baris["dinas-contoh-sintetis-001-2024"]["capaian"] == _capaian(v1)
    assert baris["dinas-contoh-sintetis-002-2024"]["capaian"] == _capaian(v2)
    assert "tidak sesuai tipe angka" in baris["dinas-rusak-2024"]["pesan"]
    assert 'href="dinas-contoh/2024/LKj-dinas-contoh-2024.html"' in baris["dinas-contoh-2024"]["berkas"]
    assert not (out / "dinas-rusak" / "2024").exists()
    html = {f: out / f.parent.name / "2024" / f"LKj-{f.parent.name}-2024.html" for f in (mini, v1, v2)}
    assert all(p.is_file() for p in html.values())

    # 2. diperbaiki: hanya yang rusak dibangun, sisanya tersimpan
    _ubah_sel(rusak / "data" / "realisasi.csv", 1, "realisasi", lama)
    assert main(perintah + ["--jobs", "1"]) == 0
    baris = _baris_indeks((out / "index.html").read_text(encoding="utf-8"))
    assert [b["status"] for b in baris.values()] == ["berhasil" if k == "dinas-rusak-2024" else "tersimpan"
                                                     for k in baris]
    html[rusak] = out / "dinas-rusak" / "2024" / "LKj-dinas-rusak-2024.html"

    # 3. tanpa perubahan: semua tersimpan, tidak ada berkas yang ditulis ulang
    waktu = {f: p.stat().st_mtime_ns for f, p in html.items()}
    capsys.readouterr()
    assert main(perintah) == 0
    assert "0 laporan dibangun, 4 tersimpan" in capsys.readouterr().out
    assert {b["status"] for b in _baris_indeks((out / "index.html").read_text(encoding="utf-8")).values()} \
        == {"tersimpan"}
    assert {f: p.stat().st_mtime_ns for f, p in html.items()} == waktu

    # 4. satu sel di satu CSV berubah: tepat laporan itu yang dibangun ulang
    _ubah_sel(v1 / "data" / "renja.csv", 3, "realisasi_anggaran", "1.000")
    assert main(perintah + ["--jobs", "1"]) == 0
    baris = _baris_indeks((out / "index.html").read_text(encoding="utf-8"))
    assert [k for k, b in baris.items() if b["status"] == "berhasil"] == ["dinas-contoh-sintetis-001-2024"]
    assert [f for f, p in html.items() if p.stat().st_mtime_ns != waktu[f]] == [v1]

    # 5. --force: semua dibangun ulang
    assert main(perintah + ["--jobs", "2", "--force"]) == 0
    baris = _baris_indeks((out / "index.html").read_text(encoding="utf-8"))
    assert {b["status"] for b in baris.values()} == {"berhasil"}

    # 6. --only: hanya yang cocok dibangun; yang lain tetap tercantum di indeks
    assert main(perintah + ["--only", "dinas-contoh/*", "--force", "--jobs", "1"]) == 0
    baris = _baris_indeks((out / "index.html").read_text(encoding="utf-8"))
    assert baris["dinas-contoh-2024"]["status"] == "berhasil" and len(baris) == 4
    assert {b["status"] for k, b in baris.items() if k != "dinas-contoh-2024"} == {"tersimpan"}


@pytest.mark.slow
def test_batch_dask_localcluster(tmp_path):
    import json

    root = tmp_path / "params"
    mini = tulis_mini(root / "dinas-contoh" / "2024")
    (varian,) = buat_sintetis(mini, 1, root, seed=5)
    out = tmp_path / "outputs"
    assert main(["batch", str(root), "--keluaran", str(out), "--tanpa-pdf", "--scheduler", "local",
                 "--jobs", "2"]) == 0
    baris = _baris_indeks((out / "index.html").read_text(encoding="utf-8"))
    assert {k: b["status"] for k, b in baris.items()} == {"dinas-contoh-2024": "berhasil",
                                                          "dinas-contoh-sintetis-001-2024": "berhasil"}
    assert baris["dinas-contoh-sintetis-001-2024"]["capaian"] == _capaian(varian)
    for f in (mini, varian):
        m = json.loads((out / f.parent.name / "2024" / "manifest.json").read_text(encoding="utf-8"))
        assert m["pelaksana"] == "kernel-hangat" and m["sintetis"] == (f == varian)
    # ringkasan.json build (sumber angka ikhtisar): angka mini dihitung tangan, lihat tests/mini.py
    r = json.loads((out / "dinas-contoh" / "2024" / "ringkasan.json").read_text(encoding="utf-8"))
    outcome = hitung(muat(mini)).ringkas("outcome")
    assert (r["capaian_iku"], r["jumlah_iku"], r["pagu"], r["realisasi_anggaran"], r["serapan"]) == (
        115.0, 2, 1_000_000.0, 900_000.0, 90.0)
    assert r["efisiensi"] == {"nilai": round(outcome["rata_capaian"] - 90.0, 6), "metode": "selisih",
                              "simpulan": outcome["simpulan_efisiensi"], "dasar": "outcome"}
    assert "ringkasan.json" in json.loads((out / "dinas-contoh" / "2024" / "manifest.json").read_text())["keluaran"]
    html = (out / "index.html").read_text(encoding="utf-8")
    assert '<span class="serapan">90,00%</span>' in html and (out / "ikhtisar.xlsx").is_file()


def test_tugas_dijadwal_ulang_dalam_sesi_yang_sama_tidak_dibangun_dua_kali(tmp_path, monkeypatch):
    """Pekerja Dask mati setelah memindahkan laporan, sebelum melapor: tugas yang dijadwal ulang
    melihat catatan bersesi sama dan tidak membangun lagi; sesi lain (batch berikutnya) membangun."""
    import lkj_lib.bangun
    from lkj_lib.batch.jalankan import Tugas, bangun_satu

    dipanggil = []
    monkeypatch.setattr(lkj_lib.bangun, "bangun", lambda *a, **kw: dipanggil.append(a) or 1 / 0)
    params, out = tmp_path / "params" / "dinas" / "2024", tmp_path / "out"
    params.mkdir(parents=True)
    folder = out / "dinas" / "2024"
    folder.mkdir(parents=True)
    (folder / "LKj-dinas-2024.html").write_text("<p>")
    tulis_catatan(folder, "k1", {"html": "LKj-dinas-2024.html", "capaian_iku": 99.5, "sesi": "sesi-1",
                                 "audit": {"galat": 0, "peringatan": 1, "info": 0}})
    h = bangun_satu(Tugas(str(params), str(out), "k1", pdf=False, sesi="sesi-1"), pelaksana=None)
    assert (h.status, h.capaian_iku, h.audit["peringatan"], dipanggil) == ("berhasil", 99.5, 1, [])
    h = bangun_satu(Tugas(str(params), str(out), "k1", pdf=False, sesi="sesi-2"), pelaksana=None)
    assert h.status == "gagal" and "ZeroDivisionError" in h.pesan and len(dipanggil) == 1
    h = bangun_satu(Tugas(str(params), str(out), "k2", pdf=False, sesi="sesi-1"), pelaksana=None)
    assert h.status == "gagal" and len(dipanggil) == 2  # kunci berubah: dibangun
