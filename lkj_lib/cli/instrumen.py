"""Subperintah ``lkj ikm``, ``lkj merit`` dan ``lkj synth skm`` (impor berat di dalam penangan).

Perintah ini membaca/menulis satu berkas: setiap kesalahan masukan (berkas tidak ada, lembar salah,
penimbang tidak sah) dicetak dalam Bahasa Indonesia ke stderr dengan kode keluar 2, tanpa traceback —
pemetaannya ada di :func:`lkj_lib.cli.main` (``masukan_berkas=True``).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from ..errors import InputError, LkjError, Masalah


def _angka_id(*a, **k) -> str:
    from ..grafik.gaya import angka_id

    return angka_id(*a, **k)


def baca_penimbang_teks(teks: str) -> tuple[float, ...]:
    """'1/9', '0.11', '0,11', '0.111' atau 9 bobot dipisah koma/titik koma → 9 penimbang sah."""
    from ..penimbang import periksa_penimbang

    s = teks.strip()
    if ";" in s:
        bagian = [b for b in s.split(";") if b.strip()]
    elif s.count(",") >= 2:
        bagian = s.split(",")
    else:
        return periksa_penimbang(s)
    if len(bagian) != 9:
        raise LkjError(f"--penimbang berisi {len(bagian)} bobot; harus satu nilai (1/9, 0.11, 0.111) "
                       "atau 9 bobot dipisah koma, mis. 0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.2")
    return periksa_penimbang(bagian)


def _json(obj) -> str:
    def bersih(x):
        if isinstance(x, float) and (math.isnan(x) or math.isinf(x)):
            return None
        if isinstance(x, dict):
            return {str(k): bersih(v) for k, v in x.items()}
        if isinstance(x, (list, tuple)):
            return [bersih(v) for v in x]
        if hasattr(x, "item") and not isinstance(x, (str, bytes)):
            return bersih(x.item())  # skalar numpy
        return x
    return json.dumps(bersih(obj), ensure_ascii=False, indent=2)


def _tabel(judul: list[str], baris: list[list[str]], kanan: set[int]) -> str:
    lebar = [max(len(str(r[i])) for r in [judul, *baris]) for i in range(len(judul))]

    def fmt(r):
        return "  ".join(str(v).rjust(w) if i in kanan else str(v).ljust(w)
                         for i, (v, w) in enumerate(zip(r, lebar))).rstrip()
    garis = "  ".join("-" * w for w in lebar)
    return "\n".join([fmt(judul), garis, *(fmt(r) for r in baris)])


def _teks_penimbang(w) -> str:
    if max(w) - min(w) < 1e-12:
        return "1/9 (tepat)" if abs(w[0] - 1 / 9) < 1e-12 else _angka_id(w[0], 4, ringkas=True)
    return "; ".join(_angka_id(x, 4, ringkas=True) for x in w)


def _baca_skm(berkas: str, lembar: str | None):
    """(DataFrame, bentuk) dari berkas SKM: bentuk dikenali dari nama kolom (jawaban atau rekap)."""
    from ..masukan import baca_tabel_berkas
    from ..masukan.baca import baca_csv, baca_xlsx
    from ..instrumen.rekap_skm import PENJELASAN_BENTUK, bentuk_skm

    path = Path(berkas)
    if not path.exists():
        raise InputError([Masalah("berkas tidak ada", berkas=str(path))])
    kolom, nama = None, lembar
    if path.suffix.lower() == ".csv":
        lm, _ = baca_csv(path)
        kolom = lm.kolom if lm else None
    elif path.suffix.lower() in (".xlsx", ".xlsm"):
        semua, _ = baca_xlsx(path)
        calon = [lembar.lower()] if lembar else ["skm", "skm_rekap"]
        nama = next((c for c in calon if c in semua), None)
        if nama is None and not lembar and len(semua) == 1:
            nama = next(iter(semua))
        kolom = semua[nama].kolom if nama in semua else None
        nama = nama or (lembar or "skm")
    bentuk = bentuk_skm(kolom) if kolom is not None else "jawaban"  # format lain: pesan pemuat
    if bentuk is None:
        raise LkjError(f"{path.name} bukan berkas SKM yang dikenal (kolom: {', '.join(kolom) or '-'}).\n"
                       + PENJELASAN_BENTUK)
    return baca_tabel_berkas(path, "skm" if bentuk == "jawaban" else "skm_rekap", nama), bentuk


def cmd_ikm(args) -> int:
    """Hitung IKM dari berkas SKM (.csv/.xlsx): jawaban per responden atau rekap per unsur."""
    from ..instrumen.ikm import hitung_ikm
    from ..instrumen.rekap_skm import dari_nrr_saja, hitung_ikm_rekap

    w = baca_penimbang_teks(args.penimbang) if args.penimbang else (1 / 9,) * 9
    df, bentuk = _baca_skm(args.berkas, args.lembar)
    if bentuk == "rekap":
        h = hitung_ikm_rekap(df, w, populasi=args.populasi, berkas=Path(args.berkas).name)
    else:
        h = hitung_ikm(df, w, populasi=args.populasi)
    if args.json:
        d = {"berkas": str(args.berkas), **h.as_dict(),
             "per_layanan": h.per_layanan().drop(columns=[f"NRR_U{i}" for i in range(1, 10)])
             .to_dict("records")}
        print(_json(d))
        return 0
    print(f"Indeks Kepuasan Masyarakat — {Path(args.berkas).name}")
    if bentuk == "rekap":
        print("Bentuk masukan: rekap per unsur (jumlah responden dan "
              + ("NRR; jumlah nilai = NRR × responden" if dari_nrr_saja(df) else "jumlah nilai")
              + " per unsur), bukan jawaban per responden")
        print(f"Responden: {h.n_responden}; penimbang: {_teks_penimbang(h.penimbang)}")
    else:
        print("Bentuk masukan: jawaban per responden")
        print(f"Responden sah: {h.n_responden}; baris tidak sah (dikeluarkan): {h.n_tidak_sah}; "
              f"penimbang: {_teks_penimbang(h.penimbang)}")
    print()
    u = h.per_unsur()
    rows = [[r.unsur, r.nama_unsur, str(r.N), _angka_id(r.jumlah, 0), _angka_id(r.NRR, 3),
             _angka_id(r.NRRT, 3), r.mutu] for r in u.itertuples(index=False)]
    rows.append(["", "Jumlah NRRT", "", "", "", _angka_id(sum(h.NRRT), 3), ""])
    print(_tabel(["Unsur", "Nama unsur", "N", "Jumlah", "NRR", "NRRT", "Mutu"], rows, {2, 3, 4, 5}))
    print()
    print(f"IKM = Σ NRRT × 25 = {_angka_id(h.ikm, 2)} — mutu {h.mutu} ({h.kinerja})")
    if h.sampel_minimal is not None:
        status = "terpenuhi" if h.sampel_cukup else "BELUM terpenuhi"
        print(f"Sampel minimal Krejcie–Morgan (populasi {_angka_id(h.populasi, 0)}): "
              f"{h.sampel_minimal} — {status}")
    lay = h.per_layanan()
    if len(lay) > 1 or (len(lay) == 1 and lay.iloc[0]["layanan"] != "(tidak diisi)"):
        print()
        print(_tabel(["Layanan", "Responden", "IKM", "Mutu"],
                     [[r.layanan, str(r.n_responden), _angka_id(r.ikm, 2), r.mutu]
                      for r in lay.itertuples(index=False)], {1, 2}))
    if h.invalid_rows:
        print()
        print(f"Baris tidak sah ({h.n_tidak_sah}):")
        for r in h.invalid_rows[:20]:
            print(f"  baris {r['baris']}: {r['alasan']}")
        if h.n_tidak_sah > 20:
            print(f"  … dan {h.n_tidak_sah - 20} baris lain (lihat --json)")
    return 0


def cmd_merit(args) -> int:
    """Hitung nilai Sistem Merit dari berkas .csv/.xlsx."""
    from ..masukan import baca_tabel_berkas
    from ..instrumen.merit import hitung_merit

    df = baca_tabel_berkas(args.berkas, "sistem_merit", args.lembar)
    if args.tahun is not None:
        df = df[df["tahun"].isna() | (df["tahun"] == args.tahun)]
        if df.empty:
            raise LkjError(f"tidak ada baris sistem_merit untuk tahun {args.tahun}")
    h = hitung_merit(df, pembagi=args.pembagi)
    if args.json:
        print(_json({"berkas": str(args.berkas), **h.as_dict()}))
        return 0

    def v(x):
        return _angka_id(x, 2, ringkas=True)
    print(f"Penilaian Sistem Merit — {Path(args.berkas).name}")
    print()
    rows = [[str(r.no_aspek), r.aspek, str(r.n_indikator), v(r.maks), v(r.mandiri), v(r.verifikasi)]
            for r in h.aspek.itertuples(index=False)]
    rows.append(["", "Total", str(int(h.aspek["n_indikator"].sum())), v(h.aspek["maks"].sum()),
                 v(h.total_mandiri), v(h.total_verifikasi)])
    print(_tabel(["No", "Aspek", "Indikator", "Maks", "Mandiri", "Verifikasi"], rows, {0, 2, 3, 4, 5}))
    print()
    print(f"Mandiri: {v(h.total_mandiri)} — kategori {h.kategori_mandiri}; indeks "
          f"{_angka_id(h.indeks_mandiri, 4, ringkas=True)} (÷ {v(h.pembagi)})")
    if h.total_verifikasi is not None:
        print(f"Verifikasi KASN: {v(h.total_verifikasi)} — kategori {h.kategori_verifikasi}; indeks "
              f"{_angka_id(h.indeks_verifikasi, 4, ringkas=True)}")
    else:
        print("Verifikasi KASN: belum ada / belum lengkap")
    for m in h.masalah:
        print(f"Catatan: {m}")
    return 0


def cmd_synth_skm(args) -> int:
    """Tulis survei SKM sintetis ke .csv atau .xlsx (lembar 'skm')."""
    from ..ekspor import tulis_csv, tulis_xlsx
    from ..instrumen.sintetis import sintetis_skm

    out = Path(args.out)
    akhiran = out.suffix.lower()
    if akhiran not in (".csv", ".xlsx"):
        raise LkjError(f"--out harus berakhiran .csv atau .xlsx, bukan '{out.suffix or '(tanpa akhiran)'}'")
    nrr = None
    if args.nrr:
        from ..instrumen.sintetis import jumlah_untuk_nrr

        nrr = baca_nrr_teks(args.nrr)
        _, meleset = jumlah_untuk_nrr(nrr, args.n)
        for u, target, capai in meleset:
            print(f"lkj synth skm: NRR {u} {_angka_id(target, 3)} tidak dapat dicapai tepat (3 desimal) "
                  f"dengan {args.n} responden; dipakai {_angka_id(capai, 3)}. Naikkan --n (≥ 1000 selalu cukup).",
                  file=sys.stderr)
    df = sintetis_skm(args.n, args.seed, tahun=args.tahun, nrr=nrr)
    out.parent.mkdir(parents=True, exist_ok=True)
    if akhiran == ".csv":
        tulis_csv(df, out)
    else:
        tulis_xlsx(df, out, lembar="skm")
    print(f"ditulis: {out} ({args.n} responden SKM SINTETIS, seed {args.seed}, tahun {args.tahun})")
    return 0


def baca_nrr_teks(teks: str) -> tuple[float, ...]:
    """'3.5,3.4,…' (9 NRR dipisah koma) atau '3,5;3,4;…' (titik koma) → 9 NRR dalam 1..4."""
    s = teks.strip()
    bagian = s.split(";") if ";" in s else s.split(",")
    try:
        nilai = tuple(float(b.strip().replace(",", ".")) for b in bagian if b.strip())
    except ValueError:
        raise LkjError(f"--nrr tidak sah: {teks!r}; tulis 9 NRR dipisah koma, mis. "
                       "3.5,3.4,3.6,3.9,3.5,3.5,3.6,3.4,3.8") from None
    if len(nilai) != 9:
        raise LkjError(f"--nrr berisi {len(nilai)} nilai; harus 9 (U1..U9)")
    salah = [f"U{i} = {v:g}" for i, v in enumerate(nilai, 1) if not 1 <= v <= 4]
    if salah:
        raise LkjError("--nrr di luar 1-4: " + ", ".join(salah))
    return nilai


def _bulat(teks: str) -> int:
    """Tipe argparse: bilangan bulat dengan pesan berbahasa Indonesia."""
    try:
        return int(teks)
    except ValueError:
        raise argparse.ArgumentTypeError(f"harus bilangan bulat, bukan {teks!r}") from None


def daftar_synth_skm(sub_synth) -> None:
    p = sub_synth.add_parser("skm", help="survei SKM sintetis (jawaban U1..U9 yang masuk akal)")
    p.add_argument("--n", type=_bulat, required=True, help="jumlah responden")
    p.add_argument("--seed", type=_bulat, required=True, help="benih acak (hasil sama untuk benih sama)")
    p.add_argument("--tahun", type=_bulat, default=2024, help="tahun tanggal pengisian (bawaan 2024)")
    p.add_argument("--out", required=True, help="berkas keluaran .csv atau .xlsx")
    p.add_argument("--nrr", metavar="NRR",
                   help="9 NRR sasaran U1..U9 dipisah koma (mis. 3.5,3.4,...); jawaban dibuat agar NRR "
                        "per unsur sama dengan sasaran pada 3 desimal bila mungkin")
    p.set_defaults(fungsi=cmd_synth_skm, masukan_berkas=True)


def daftar_ikm(sub) -> None:
    p = sub.add_parser("ikm", help="hitung Indeks Kepuasan Masyarakat dari jawaban atau rekap SKM (.csv/.xlsx)")
    p.add_argument("berkas", help="berkas SKM: jawaban per responden (kolom u1..u9) atau rekap per "
                                  "unsur (kolom unsur, jumlah_responden, jumlah_nilai/nrr)")
    p.add_argument("--penimbang", metavar="W",
                   help="1/9 (bawaan), 0.11, 0.111, atau 9 bobot dipisah koma yang berjumlah 1")
    p.add_argument("--populasi", type=_bulat, metavar="N", help="populasi untuk sampel minimal Krejcie–Morgan")
    p.add_argument("--lembar", help="nama lembar .xlsx (bawaan: skm, lalu skm_rekap)")
    p.add_argument("--json", action="store_true", help="keluaran JSON (angka tanpa pembulatan)")
    p.set_defaults(fungsi=cmd_ikm, masukan_berkas=True)


def daftar_merit(sub) -> None:
    p = sub.add_parser("merit", help="hitung nilai Sistem Merit KASN (.csv/.xlsx)")
    p.add_argument("berkas", help="berkas sistem_merit: satu baris per indikator")
    p.add_argument("--tahun", type=_bulat, help="saring baris tahun ini (baris tanpa tahun ikut)")
    p.add_argument("--pembagi", type=float, default=400.0, help="pembagi indeks 0–1 (bawaan 400)")
    p.add_argument("--lembar", help="nama lembar .xlsx (bawaan: sistem_merit)")
    p.add_argument("--json", action="store_true", help="keluaran JSON (angka tanpa pembulatan)")
    p.set_defaults(fungsi=cmd_merit, masukan_berkas=True)
