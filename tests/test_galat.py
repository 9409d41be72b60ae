"""Satu akar galat: setiap galat yang dinaikkan lkj dengan sengaja adalah ``LkjError``."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lkj_lib.angka import AngkaError, baca_angka
from lkj_lib.errors import LkjError

ROOT = Path(__file__).resolve().parents[1]
CONTOH = ROOT / "params" / "bagian-organisasi-riam-kanan" / "2023"


def test_angka_error_adalah_lkj_error_dan_value_error():
    with pytest.raises(AngkaError) as e:
        baca_angka("dua belas")
    assert isinstance(e.value, LkjError) and isinstance(e.value, ValueError)


def test_metode_efisiensi_salah_adalah_lkj_error():
    from lkj_lib.ukur.efisiensi import hitung_efisiensi

    with pytest.raises(LkjError, match="metode efisiensi tidak dikenal: ngawur"):
        hitung_efisiensi(100.0, 90.0, "ngawur")


def test_tak_dikenal_audit_lkj_error_dan_pesan_tanpa_kutip():
    from lkj_lib.audit.dilaporkan import TakDikenal

    e = TakDikenal("kode_indikator=X.9")
    assert isinstance(e, LkjError) and isinstance(e, KeyError)
    assert str(e) == "kode_indikator=X.9"  # KeyError biasa: "'kode_indikator=X.9'"


def test_penimbang_tidak_sah_lkj_error():
    from lkj_lib.instrumen.ikm import periksa_penimbang as dari_ikm
    from lkj_lib.penimbang import periksa_penimbang

    assert dari_ikm is periksa_penimbang
    with pytest.raises(LkjError, match="jumlah 9 bobot = 0,9"):
        periksa_penimbang([0.1] * 9)


def test_validate_lkj_yaml_teks_di_tempat_angka_tanpa_traceback(tmp_path):
    folder = tmp_path / "params" / "bagian-organisasi-riam-kanan" / "2023"
    shutil.copytree(CONTOH, folder)
    yml = folder / "lkj.yaml"
    teks = yml.read_text(encoding="utf-8")
    assert "misi_terkait: [4]" in teks and "indeks_merit_pembagi" not in teks
    yml.write_text(teks.replace("misi_terkait: [4]", "misi_terkait: [lima]")
                   + "pengaturan:\n  indeks_merit_pembagi: empat ratus\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "lkj_lib.cli", "validate", str(folder)],
                       capture_output=True, text=True, cwd=ROOT)
    keluaran = r.stdout + r.stderr
    assert r.returncode == 2, keluaran
    assert "Traceback" not in keluaran
    assert ("[GALAT] lkj.yaml kolom 'pengaturan.indeks_merit_pembagi': indeks_merit_pembagi harus bilangan "
            "positif (nilai: 'empat ratus')") in r.stdout
    assert "[GALAT] lkj.yaml kolom 'misi_terkait': misi_terkait harus daftar nomor misi" in r.stdout
    assert f"{folder}: TIDAK SAH — 2 galat" in r.stdout
