"""Keadaan build dihitung sekali (lkj build) dan dimuat notebook hanya bila masukannya sama persis."""

from __future__ import annotations

import pandas as pd

from lkj_lib import tampil
from lkj_lib.audit import audit
from lkj_lib.masukan import muat
from lkj_lib.ukur.hasil import hitung
from lkj_lib.ukur.keadaan import NAMA_BERKAS, muat_keadaan, sidik_masukan, simpan_keadaan


def _simpan(mini, kerja):
    kerja.mkdir()
    h = hitung(muat(mini))
    temuan = audit(h)
    simpan_keadaan(kerja, sidik_masukan(mini), h, temuan)
    return h, temuan


def test_sesi_memakai_keadaan_build(mini, tmp_path):
    h, temuan = _simpan(mini, tmp_path / "kerja")
    sesi = tampil.buka(mini, tmp_path / "kerja")
    assert sesi.keadaan is not None and sesi.keadaan.berkas == tmp_path / "kerja" / NAMA_BERKAS
    # tabel hasil sudah dihitung di proses build (ada di __dict__ sebelum notebook memintanya)
    assert {"iku", "anggaran", "efisiensi_renja", "capaian_renja"} <= set(vars(sesi.h))
    pd.testing.assert_frame_equal(sesi.h.iku, h.iku)
    pd.testing.assert_frame_equal(sesi.audit, temuan)
    assert "dimuat dari berkas keadaan build .lkj-keadaan.pickle" in tampil.jejak_keadaan(sesi)
    assert sesi.keadaan.sidik in tampil.jejak_keadaan(sesi)
    # tanpa folder keluaran (Jupyter interaktif): dihitung sendiri, angka sama
    sendiri = tampil.buka(mini)
    assert sendiri.keadaan is None and tampil.jejak_keadaan(sendiri) == "Data dimuat dan dihitung dari folder dinas-contoh/2024."
    pd.testing.assert_frame_equal(sendiri.h.iku, h.iku)


def test_masukan_berubah_keadaan_diabaikan(mini, tmp_path):
    _simpan(mini, tmp_path / "kerja")
    assert muat_keadaan(tmp_path / "kerja", mini) is not None
    yaml = mini / "lkj.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + "\n# diubah\n", encoding="utf-8")
    assert muat_keadaan(tmp_path / "kerja", mini) is None
    assert tampil.buka(mini, tmp_path / "kerja").keadaan is None


def test_berkas_baru_atau_rusak_diabaikan(mini, tmp_path):
    sidik = sidik_masukan(mini)
    (mini / "narasi").mkdir(exist_ok=True)
    (mini / "narasi" / "tambahan.md").write_text("teks", encoding="utf-8")
    assert sidik_masukan(mini) != sidik  # berkas baru mengubah sidik
    _simpan(mini, tmp_path / "kerja")
    (tmp_path / "kerja" / NAMA_BERKAS).write_bytes(b"bukan pickle")
    assert muat_keadaan(tmp_path / "kerja", mini) is None
    assert muat_keadaan(tmp_path / "kosong", mini) is None and muat_keadaan("", mini) is None


def test_keadaan_folder_lain_diabaikan(mini, tmp_path):
    from mini import tulis_mini

    _simpan(mini, tmp_path / "kerja")
    kembar = tulis_mini(tmp_path / "lain" / "dinas-contoh" / "2024")  # isi sama, folder lain
    assert sidik_masukan(kembar) == sidik_masukan(mini)
    assert muat_keadaan(tmp_path / "kerja", kembar) is None


def test_masukan_salah_tidak_memulai_kernel(mini, tmp_path, monkeypatch):
    """``lkj build`` memulai kernel hangatnya hanya setelah masukan dinyatakan sah."""
    import pytest

    import lkj_lib.bangun as b
    from lkj_lib.errors import InputError

    dimulai = []

    class Palsu:
        def __init__(self):
            dimulai.append(self)

        def panaskan(self):
            pass

        def tutup(self):
            pass

    monkeypatch.setattr(b, "PelaksanaHangat", Palsu)
    (mini / "data" / "renja.csv").write_text("kode,jenis,nama\n1,program,P\n", encoding="utf-8")
    with pytest.raises(InputError):
        b.bangun(mini, tmp_path / "o", log=None)
    assert dimulai == [] and not (tmp_path / "o" / "dinas-contoh").exists()
