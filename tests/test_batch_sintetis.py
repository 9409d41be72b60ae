"""``lkj synth skpd``: varian sah, bertanda sintetis, konsisten (induk = jumlah anak), deterministik."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from lkj_lib.instrumen import INSTRUMEN_MENGHITUNG
import yaml

from conftest import BALANGAN, HSS
from lkj_lib.batch.sintetis import buat_sintetis
from lkj_lib.cli import main
from lkj_lib.errors import LkjError
from lkj_lib.masukan import muat, periksa
from lkj_lib.masukan.validasi import lengkapi_renja


def _isi(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _sama(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=0, abs_tol=0.005)


@pytest.mark.parametrize("sumber", [HSS, BALANGAN], ids=["hss", "balangan"])
def test_varian_sah_bertanda_dan_konsisten(sumber, tmp_path):
    folder = buat_sintetis(sumber, 2, tmp_path, seed=3)
    assert [f.parent.name for f in folder] == [f"{sumber.parent.name}-sintetis-001",
                                               f"{sumber.parent.name}-sintetis-002"]
    asli = muat(sumber)
    for i, f in enumerate(folder, start=1):
        data, masalah = periksa(f)
        assert data is not None, [m.baris_teks() for m in masalah if m.tingkat == "galat"]
        p = data.profil
        assert p.sintetis and p.pemerintah_daerah == f"Kabupaten Sintetis {i:03d}"
        assert p.nama_skpd == f"{asli.profil.nama_skpd} (Sintetis {i:03d})"
        assert p.kepala.nama != asli.profil.kepala.nama or p.kepala.nip != asli.profil.kepala.nip
        assert asli.profil.pemerintah_daerah not in p.visi
        assert data.tabel["angka_dilaporkan"].empty and not (f / "data" / "angka_dilaporkan.csv").exists()
        assert data.narasi == asli.narasi  # narasi disalin apa adanya
        assert data.tabel["renja"]["kode"].tolist() == asli.tabel["renja"]["kode"].tolist()

        renja = lengkapi_renja(data.tabel["renja"]).set_index("kode")
        anak = renja.groupby("kode_induk")
        for induk, kelompok in anak:
            for k in ("pagu_perubahan", "pagu_murni", "realisasi_anggaran"):
                if kelompok[k].notna().any():
                    assert _sama(renja.at[induk, k], kelompok[k].sum()), (f, induk, k)
        daun = renja[~renja.index.isin(renja["kode_induk"].dropna())]
        pagu = daun["pagu_perubahan"].fillna(daun["pagu_murni"])
        ada = daun["realisasi_anggaran"].notna()
        assert (daun.loc[ada, "realisasi_anggaran"] <= pagu[ada]).all()
        assert daun["pagu_perubahan"].sum() != asli.tabel["renja"].set_index("kode").loc[daun.index,
                                                                                          "pagu_perubahan"].sum()


def test_realisasi_di_sekitar_target(tmp_path):
    (f,) = buat_sintetis(HSS, 1, tmp_path, seed=9)
    data = muat(f)
    pk = data.tabel["perjanjian_kinerja"].set_index(["kode_indikator", "tahun"])["target_murni"]
    real = data.tabel["realisasi"].set_index(["kode_indikator", "tahun"])["realisasi"]
    ind = data.tabel["indikator"]
    # realisasi yang DIHITUNG instrumen (mis. Sistem Merit dari barisnya) tidak divariasikan
    instrumen = set(ind.loc[ind["instrumen"].isin(INSTRUMEN_MENGHITUNG), "kode_indikator"])
    dibanding = 0
    for (kode, th), target in pk.items():
        if kode in instrumen or (kode, th) not in real.index:
            continue
        assert 0.7 <= real[(kode, th)] / target <= 1.3, (kode, th)
        dibanding += 1
    assert dibanding >= 1


def test_deterministik_per_seed(mini, tmp_path):
    a = buat_sintetis(mini, 2, tmp_path / "a", seed=42)
    b = buat_sintetis(mini, 2, tmp_path / "b", seed=42)
    c = buat_sintetis(mini, 2, tmp_path / "c", seed=43)
    assert [_isi(x) for x in a] == [_isi(x) for x in b]
    assert [_isi(x) for x in a] != [_isi(x) for x in c]
    (d,) = buat_sintetis(mini, 1, tmp_path / "d", seed=42)  # varian ke-1 tidak bergantung pada --n
    assert _isi(d) == _isi(a[0])


def test_cli_synth_skpd_dan_tidak_menimpa_data_asli(mini, tmp_path, capsys):
    out = tmp_path / "params-sintetis"
    assert main(["synth", "skpd", "--n", "2", "--from", str(mini), "--out", str(out), "--seed", "5"]) == 0
    teks = capsys.readouterr().out
    assert teks.count("ditulis: ") == 2 and "SINTETIS" in teks
    y = yaml.safe_load((out / "dinas-contoh-sintetis-002" / "2024" / "lkj.yaml").read_text(encoding="utf-8"))
    assert y["sintetis"] is True
    assert main(["synth", "skpd", "--n", "2", "--from", str(mini), "--out", str(out), "--seed", "5"]) == 0
    asli = out / "dinas-contoh-sintetis-001" / "2024"
    (asli / "lkj.yaml").write_text((mini / "lkj.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(LkjError, match="bukan data sintetis"):
        buat_sintetis(mini, 1, out, seed=5)
    assert main(["synth", "skpd", "--n", "1", "--from", str(mini), "--out", str(out)]) == 1
    assert "bukan data sintetis" in capsys.readouterr().err
