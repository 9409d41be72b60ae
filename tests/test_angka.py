import math

import pytest
from hypothesis import given, settings, strategies as st

from lkj_lib.angka import AngkaError, Besaran, baca_angka


@pytest.mark.parametrize("teks, nilai, satuan, op", [
    ("1.058.998.350,00", 1058998350.0, "", ""),
    ("63,32%", 63.32, "%", ""),
    ("8 dokumen", 8.0, "dokumen", ""),
    ("4751 Data", 4751.0, "data", ""),
    ("≥ 26", 26.0, "", "≥"),
    (">= 12", 12.0, "", "≥"),
    ("2.5", 2.5, "", ""),
    ("148,5", 148.5, "", ""),
    ("4.751", 4751.0, "", ""),
    ("1263950", 1263950.0, "", ""),
    ("Rp. 14.644.589.585-", 14644589585.0, "Rp", ""),
    ("Rp 11.965.651.021,-", 11965651021.0, "Rp", ""),
    ("-14,00", -14.0, "", ""),
    ("100,00%", 100.0, "%", ""),
    ("0.38", 0.38, "", ""),
    ("1,058,998.35", 1058998.35, "", ""),
])
def test_bilangan_tercetak(teks, nilai, satuan, op):
    b = baca_angka(teks)
    assert b.nilai == pytest.approx(nilai)
    assert (b.satuan, b.op) == (satuan, op)


@pytest.mark.parametrize("teks", ["-", "", "  ", None, "—", float("nan")])
def test_kosong(teks):
    assert baca_angka(teks) == Besaran(None)


def test_titik_desimal_untuk_kolom_bertanda():
    assert baca_angka("3.495").nilai == 3495.0
    assert baca_angka("3.495", titik_desimal=True).nilai == pytest.approx(3.495)


@pytest.mark.parametrize("teks", ["abc", "1,2,3", "12,5.3", "0,81 – 1", "1.2.3.4,5,6", "Rp", "%"])
def test_bukan_bilangan(teks):
    with pytest.raises(AngkaError):
        baca_angka(teks)


@given(st.decimals(min_value=0, max_value=10**13, places=2, allow_nan=False))
def test_format_indonesia_pulang_pergi(d):
    """Bilangan apa pun yang ditulis berformat Indonesia terbaca kembali persis."""
    bulat, _, pecahan = f"{d:.2f}".partition(".")
    ribuan = f"{int(bulat):,}".replace(",", ".")
    assert baca_angka(f"{ribuan},{pecahan}").nilai == pytest.approx(float(d), abs=1e-6)


@given(st.text(max_size=20))
def test_teks_acak_tidak_pernah_galat_lain(s):
    try:
        b = baca_angka(s)
    except AngkaError:
        return
    assert b.nilai is None or math.isfinite(b.nilai)


@pytest.mark.parametrize("teks, desimal", [
    ("5,50%", 2), ("0,00%", 2), ("1.058.998.350,00", 2), ("4.751", 0), ("0.38", 2), ("2.5", 1), ("8 dokumen", 0),
])
def test_desimal_seperti_diketik(teks, desimal):
    assert baca_angka(teks).desimal == desimal


@pytest.mark.parametrize("teks", ["9" * 400, "1" + "0" * 400 + ",5"])
def test_bilangan_tak_hingga_ditolak(teks):
    with pytest.raises(AngkaError):
        baca_angka(teks)


_BAGIAN = st.sampled_from(["1", "9", ".", ",", " ", "  ", "\t", "%", "-", "Rp", "≥", "dok", "!", "e"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_BAGIAN, max_size=60), st.integers(0, 10_000), st.sampled_from([" ", ".", ",", "1"]))
def test_teks_panjang_selalu_selesai(bagian, n, isi):
    """String hingga ±10.000 karakter (runtun spasi/titik/digit panjang di tengah, tempat regex lama
    mundur-ulang secara katastrofik) selalu selesai dengan nilai hingga atau AngkaError. Waktu tidak
    diukur di sini (lihat benchmarks/angka.py); subproses uji_keamanan_masukan menjadi pengaman."""
    k = len(bagian) // 2
    s = "".join(bagian[:k]) + isi * n + "".join(bagian[k:])
    try:
        b = baca_angka(s)
    except AngkaError:
        return
    assert b.nilai is None or math.isfinite(b.nilai)


# ---------- jalur cepat pemuat: bilangan bulat polos dibaca sama dengan jalur lengkap ----------

@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(alphabet="0123456789", min_size=1, max_size=18),
                 st.integers(min_value=-10**16, max_value=10**16),
                 st.text(alphabet="0123456789٣１ ,.-%", min_size=1, max_size=6)))
def test_jalur_cepat_bulat_polos_sama_dengan_sel(v):
    """``tafsir_lembar`` melewati ``_sel``/``baca_angka`` untuk sel yang ``_bulat_polos``; hasilnya harus
    sama persis dengan jalur lengkap (nilai, satuan, pembanding, desimal), dan sel lain tetap lewat jalur
    lengkap (digit non-ASCII, pemisah, lebih dari 15 digit, di luar batas 10^15)."""
    from lkj_lib.masukan.tipe import _bulat_polos, _sel
    from lkj_lib.schema import Kolom

    k = Kolom("nilai", "angka", wajib=False, contoh="4", arti="uji")
    if _bulat_polos(v):
        assert _sel(k, v, []) == (float(v), "", "", 0)
    else:
        assert not (isinstance(v, str) and v.isascii() and v.isdigit() and len(v) <= 15)
        assert not (type(v) is int and abs(v) <= 10**15)


def test_bulat_polos_menolak_bool_dan_float():
    from lkj_lib.masukan.tipe import _bulat_polos

    assert _bulat_polos("0042") and _bulat_polos(7) and _bulat_polos("9" * 15)
    assert not _bulat_polos(True) and not _bulat_polos(4.0) and not _bulat_polos("9" * 16)
    assert not _bulat_polos("١٢") and not _bulat_polos(" 4") and not _bulat_polos(10**15 + 1)


def test_jalur_cepat_sel_kosong_sama_dengan_sel():
    """``tafsir_lembar`` melewati ``_sel`` untuk sel None (xlsx) dan "" (CSV): untuk setiap kolom setiap
    tabel skema hasilnya harus sama dengan jalur lengkap, termasuk galat 'sel wajib kosong'."""
    from lkj_lib.masukan.baca import LembarMentah
    from lkj_lib.masukan.tipe import _sel, _teks, tafsir_lembar
    from lkj_lib.schema import TABEL

    for tb in TABEL:
        nama = [k.nama for k in tb.kolom]
        lm = LembarMentah(tb.nama, "x.csv", nama, [(2, dict.fromkeys(nama)), (3, dict.fromkeys(nama, ""))])
        df, masalah = tafsir_lembar(tb, lm, dengan_desimal=True)
        for k in tb.kolom:
            for i, v in enumerate((None, "")):
                x = _sel(k, v, flags := [])
                assert flags == []
                nilai = x[0] if k.tipe in ("angka", "rupiah") else x
                assert nilai is None and (df[k.nama].isna().iloc[i]), (tb.nama, k.nama, v)
                if k.tipe in ("angka", "rupiah"):
                    assert x[1:3] == ("", "") == (df[k.nama + "_satuan"].iloc[i], df[k.nama + "_op"].iloc[i])
        wajib = [k.nama for k in tb.kolom if k.wajib and _teks(None) is None]
        assert [(m.baris, m.kolom) for m in masalah] == [(b, k) for b in (2, 3) for k in wajib], tb.nama
        assert df["_desimal"].isna().all()
