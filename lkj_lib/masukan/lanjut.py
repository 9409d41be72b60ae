"""``lkj lanjut``: folder tahun N+1 dari folder tahun N (LKj adalah deret, bukan laporan lepas).

Yang dibawa: profil (``lkj.yaml``, tahun + 1, tanggal laporan dikosongkan), tujuan, sasaran,
indikator beserta definisinya, target Renstra, program Renja (tanpa anggaran) dan pemetaan
program → sasaran, pembanding, NSPK dan IP ASN (bertahun). Realisasi tahun N yang DIPAKAI laporan N
(termasuk yang dihitung instrumen) menjadi riwayat di lembar ``realisasi``. Yang dikosongkan:
realisasi N+1, Perjanjian Kinerja, kegiatan/sub kegiatan dan anggaran, indikator Renja, angka
dilaporkan, SKM, Sistem Merit, dan narasi (kerangka yang menyebut apa yang harus ditulis).
Bentuknya sama dengan sumbernya: ``data.xlsx`` (disunting di tempat, format sel dipertahankan)
atau ``data/*.csv``. ``lkj validate`` atas hasilnya hanya menyebut yang "belum diisi"
(:mod:`lkj_lib.masukan.belum`).

Periode Renstra/RPD baru (N+1 melewati ``renstra.akhir``): ditolak kecuali ``renstra=(mulai, akhir)``
diberikan; target Renstra dan target akhir indikator lalu dikosongkan untuk diisi.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..angka import AngkaError, baca_angka
from ..errors import InputError, LkjError, Masalah
from ..schema import NARASI
from .belum import PENANDA_KERANGKA

PANDUAN = {
    "kata_pengantar": "kata pengantar kepala perangkat daerah untuk laporan tahun ini",
    "latar_belakang": "latar belakang penyusunan LKj dan gambaran umum organisasi tahun ini",
    "dasar_hukum": "peraturan yang menjadi dasar penyusunan (periksa apakah ada peraturan baru)",
    "tugas_fungsi": "tugas, fungsi dan struktur organisasi (perbarui bila ada perubahan SOTK)",
    "isu_strategis": "isu strategis yang dihadapi tahun ini",
    "rencana_strategis": "visi, misi, tujuan dan strategi Renstra serta Perjanjian Kinerja tahun ini",
    "analisis_capaian": "analisis umum capaian kinerja tahun ini dibanding target, tahun lalu dan target akhir Renstra",
    "sebab_dan_solusi": "penyebab keberhasilan/kegagalan dan solusi yang ditempuh",
    "realisasi_anggaran": "analisis realisasi anggaran tahun ini",
    "simpulan": "simpulan capaian kinerja tahun ini",
    "saran": "saran dan langkah perbaikan tahun berikutnya",
}
# lembar yang dikosongkan seluruhnya (isi tahunan); lembar lain dibawa (dengan aturan di _aturan)
LEMBAR_KOSONG = ("perjanjian_kinerja", "indikator_renja", "angka_dilaporkan", "skm", "skm_rekap", "sistem_merit")
KOLOM_ANGGARAN = ("pagu_murni", "pagu_perubahan", "realisasi_anggaran",
                  *(f"realisasi_anggaran_tw{i}" for i in range(1, 5)))


@dataclass
class HasilLanjut:
    sumber: Path
    folder: Path
    tahun: int
    bentuk: str  # "data.xlsx" | "data/*.csv"
    berkas: list[Path] = field(default_factory=list)


def _kosong(v) -> bool:
    return v is None or v is getattr(__import__("pandas"), "NA") or (isinstance(v, float) and v != v)


def _tolak(pesan: str, berkas: str = "", saran: str = "", kolom: str = "", nilai: str = "") -> InputError:
    return InputError([Masalah(pesan, berkas=berkas, kolom=kolom, nilai=nilai, saran=saran)])


def _teks_angka(v: float) -> str:
    """Bilangan → teks berkoma desimal yang dibaca ulang tepat sama ('83,4567')."""
    d = Decimal(repr(float(v))).normalize()
    return format(d, "f").replace(".", ",")


def _realisasi_dipakai(data) -> dict[str, tuple[float, str]]:
    """{kode: (nilai, keterangan)} untuk indikator yang realisasi tahun N-nya dihitung instrumen
    (nilai yang dicetak laporan N, yang mungkin berbeda dengan ketikan)."""
    from ..instrumen import realisasi_instrumen

    out = {}
    for kode, inst in zip(data["indikator"]["kode_indikator"], data["indikator"]["instrumen"]):
        if isinstance(inst, str) and inst:
            try:
                nilai, ket = realisasi_instrumen(data.tabel, inst, data.tahun, data.profil.pengaturan)
            except (LkjError, ValueError, KeyError, ArithmeticError):
                nilai = None
            if nilai is not None:
                out[kode] = (float(nilai), ket)
    return out


class _Aturan:
    """Aturan per lembar atas baris mentah: simpan/ubah/tambah."""

    def __init__(self, data, renstra_baru: bool):
        self.n = data.tahun
        self.renstra_baru = renstra_baru
        self.dipakai = _realisasi_dipakai(data)
        ind = data["indikator"]
        self.desimal = {k: int(d) for k, d in zip(ind["kode_indikator"], ind["desimal"]) if not _kosong(d)}

    def simpan(self, lembar: str, r: dict) -> bool:
        if lembar in LEMBAR_KOSONG:
            return False
        if lembar == "target_renstra":
            return not self.renstra_baru
        if lembar == "renja":
            return str(r.get("jenis") or "").strip().lower() == "program"
        if lembar == "realisasi":
            try:
                return int(float(str(r.get("tahun")).strip())) <= self.n
            except ValueError:
                return False
        return True

    def ubah(self, lembar: str, r: dict) -> dict:
        """Perubahan sel (kolom → nilai baru) untuk baris yang disimpan."""
        if lembar == "renja":
            return {k: None for k in KOLOM_ANGGARAN if r.get(k) not in (None, "")}
        if lembar == "indikator" and self.renstra_baru and r.get("target_akhir") not in (None, ""):
            return {"target_akhir": None}
        if lembar == "realisasi":
            kode = str(r.get("kode_indikator") or "").strip()
            try:
                th = int(float(str(r.get("tahun")).strip()))
            except ValueError:
                return {}
            if th == self.n and kode in self.dipakai:
                nilai, ket = self.dipakai[kode]
                try:
                    diketik = baca_angka(r.get("realisasi")).nilai
                except AngkaError:
                    diketik = None
                if diketik is None or abs(diketik - nilai) > 1e-9:  # laporan N mencetak hasil instrumen
                    return {"realisasi": _teks_angka(nilai),
                            "catatan": f"LKj {self.n} memakai hasil instrumen: {ket}; diketik semula: "
                                       f"{r.get('realisasi') or '-'}"}
        return {}

    def tambah(self, lembar: str, baris: list[dict]) -> list[dict]:
        """Baris baru: realisasi N yang dihitung instrumen tetapi tidak diketik."""
        if lembar != "realisasi":
            return []
        ada = set()
        for r in baris:
            try:
                ada.add((str(r.get("kode_indikator") or "").strip(), int(float(str(r.get("tahun")).strip()))))
            except ValueError:
                pass
        return [{"kode_indikator": k, "tahun": str(self.n), "realisasi": _teks_angka(v), "status": "final",
                 "catatan": f"LKj {self.n}: {ket}"}
                for k, (v, ket) in self.dipakai.items() if (k, self.n) not in ada]


def _kolom_indikator_desimal(aturan: _Aturan) -> dict[str, str]:
    """Indikator yang realisasinya ditulis dari instrumen (desimal panjang): desimal tampilnya dikunci
    ke desimal laporan N agar tampilan tahun N+1 tidak berubah karena teks baru."""
    return {k: str(int(aturan.desimal[k])) for k in aturan.dipakai if k in aturan.desimal}


def _tulis_csv(sumber: Path, tujuan: Path, aturan: _Aturan) -> list[Path]:
    from ..ekspor import tulis_baris_csv
    from .baca import baca_csv

    out = []
    (tujuan / "data").mkdir(parents=True)
    kunci_desimal = _kolom_indikator_desimal(aturan)
    for p in sorted((sumber / "data").glob("*.csv")):
        lm, masalah = baca_csv(p, sumber)
        if lm is None:
            raise InputError(masalah)
        nama = p.stem.strip().lower()
        kolom = list(lm.kolom)
        baris = []
        for _, r in lm.baris:
            if not aturan.simpan(nama, r):
                continue
            r = {**r, **aturan.ubah(nama, r)}
            if nama == "indikator" and r.get("kode_indikator") in kunci_desimal and not r.get("desimal"):
                r["desimal"] = kunci_desimal[r["kode_indikator"]]
            baris.append(r)
        baris += aturan.tambah(nama, baris)
        if nama == "indikator" and kunci_desimal and "desimal" not in kolom:
            kolom.append("desimal")
        if nama == "realisasi" and any(r.get("catatan") for r in baris) and "catatan" not in kolom:
            kolom.append("catatan")
        out.append(tulis_baris_csv(tujuan / "data" / p.name, kolom, baris))
    return out


def _tulis_xlsx(sumber: Path, tujuan: Path, aturan: _Aturan) -> list[Path]:
    """Sunting salinan ``data.xlsx`` di tempat: baris yang dibuang dihapus (format sel lain tetap)."""
    import openpyxl

    from ..ekspor import isi_sel
    from .baca import baca_xlsx

    lembar, masalah = baca_xlsx(sumber / "data.xlsx", sumber)
    if not lembar and masalah:
        raise InputError(masalah)
    wb = openpyxl.load_workbook(sumber / "data.xlsx")
    kunci_desimal = _kolom_indikator_desimal(aturan)
    for ws in wb.worksheets:
        nama = ws.title.strip().lower()
        lm = lembar.get(nama)
        if lm is None:
            continue
        judul = {}
        for j, c in enumerate(ws[1], start=1):
            k = str(c.value or "").strip().lower().replace(" ", "_")
            if k:
                judul[k] = j

        def kol(k: str) -> int:
            if k not in judul:
                judul[k] = max(judul.values(), default=0) + 1
                isi_sel(ws, 1, judul[k], k)
            return judul[k]

        buang, simpan = [], []
        for nomor, r in lm.baris:
            if not aturan.simpan(nama, r):
                buang.append(nomor)
                continue
            for k, v in aturan.ubah(nama, r).items():
                c = ws.cell(row=nomor, column=kol(k))
                c.value = None
                isi_sel(ws, nomor, kol(k), v)
            if nama == "indikator" and r.get("kode_indikator") in kunci_desimal and r.get("desimal") in (None, ""):
                isi_sel(ws, nomor, kol("desimal"), kunci_desimal[r["kode_indikator"]])
            simpan.append(r)
        for nomor in sorted(buang, reverse=True):
            ws.delete_rows(nomor)
        akhir = 1 + len(simpan)
        for i, r in enumerate(aturan.tambah(nama, simpan), start=akhir + 1):
            for k, v in r.items():
                isi_sel(ws, i, kol(k), v)
    path = tujuan / "data.xlsx"
    wb.save(path)
    return [path]


def _yaml(sumber: Path, tahun: int, renstra: tuple[int, int] | None) -> str:
    """``lkj.yaml`` sumber dengan tahun + 1, tanggal laporan dikosongkan dan (opsional) periode baru;
    komentar dipertahankan. Hasilnya diperiksa dengan membacanya kembali."""
    from ..profil import muat_yaml

    teks = (sumber / "lkj.yaml").read_text(encoding="utf-8-sig")
    baru, n1 = re.subn(r"(?m)^(tahun:\s*)\d{4}\b", rf"\g<1>{tahun}", teks)
    baru, n2 = re.subn(r"(\btanggal:\s*)['\"]?\d{4}-\d{2}-\d{2}['\"]?", r"\g<1><YYYY-MM-DD>", baru)
    n3 = n4 = 1
    if renstra:
        baru, n3 = re.subn(r"(\bmulai:\s*)\d{4}\b", rf"\g<1>{renstra[0]}", baru)
        baru, n4 = re.subn(r"(\bakhir:\s*)\d{4}\b", rf"\g<1>{renstra[1]}", baru)
    d = muat_yaml(baru) or {}
    lap = d.get("laporan") if isinstance(d.get("laporan"), dict) else {}
    cocok = (n1 == n2 == n3 == n4 == 1 and d.get("tahun") == tahun and lap.get("tanggal") == "<YYYY-MM-DD>"
             and (not renstra or (d.get("renstra", {}).get("mulai"), d.get("renstra", {}).get("akhir")) == renstra))
    if not cocok:  # susunan tak lazim: tulis ulang dari isinya (komentar hilang)
        import yaml

        d = muat_yaml(teks) or {}
        d["tahun"] = tahun
        d.setdefault("laporan", {})["tanggal"] = "<YYYY-MM-DD>"
        if renstra:
            d["renstra"] = {"mulai": renstra[0], "akhir": renstra[1]}
        baru = yaml.safe_dump(d, allow_unicode=True, sort_keys=False, width=100)
    return (f"# Dilanjutkan dari laporan {tahun - 1} oleh 'lkj lanjut'. Isi tanggal laporan, lalu periksa\n"
            f"# kepala, visi/misi dan pengaturan; 'lkj validate' menyebut yang belum diisi.\n") + baru


def _narasi(sumber: Path, tujuan: Path, data) -> list[Path]:
    d = tujuan / "narasi"
    d.mkdir()
    nama = {k: f"{k}.md" for k in NARASI}
    lama = {p.stem.lower(): p for p in (sumber / "narasi").glob("*.md")} if (sumber / "narasi").is_dir() else {}
    for k, p in lama.items():
        if k.startswith("iku_"):
            nama[k] = p.name
    for kode, lv in zip(data["indikator"]["kode_indikator"], data["indikator"]["level"]):
        if lv == "sasaran" and f"iku_{kode.lower()}" not in nama:
            nama[f"iku_{kode.lower()}"] = f"iku_{kode}.md"
    out = []
    tahun = data.tahun + 1
    ind = dict(zip(data["indikator"]["kode_indikator"].str.lower(), data["indikator"]["indikator"]))
    for k, berkas in nama.items():
        if k.startswith("iku_"):
            judul = f"Analisis IKU {berkas[4:-3]}: {ind.get(k[4:], '')}".rstrip(": ")
            isi = ("penyebab keberhasilan/kegagalan capaian indikator ini tahun ini, upaya dan solusi, serta program "
                   "dan kegiatan pendukungnya")
        else:
            judul, isi = NARASI[k], PANDUAN[k]
        acuan = (f"\nNarasi tahun {data.tahun} sebagai acuan: ../{sumber.name}/narasi/{lama[k].name} (salin yang "
                 "masih berlaku, perbarui angka dan tahunnya).\n") if k in lama else ""
        teks = (f"{PENANDA_KERANGKA}\n# {judul} — Laporan Kinerja {tahun}\n\n"
                f"Tulis di sini: {isi}.\n\nSetelah menulis, hapus baris pertama berkas ini (penanda kerangka). "
                "Selama penanda itu ada, narasi ini dianggap belum diisi dan tidak dicetak.\n" + acuan)
        p = d / berkas
        p.write_text(teks, encoding="utf-8")
        out.append(p)
    return out


def lanjut(sumber: str | Path, tujuan: str | Path | None = None,
           renstra: tuple[int, int] | None = None) -> HasilLanjut:
    """Buat folder tahun N+1 dari folder tahun N (lihat docstring modul). Tidak pernah menimpa: folder
    tujuan yang sudah ada ditolak (:class:`InputError`); bila gagal di tengah jalan tidak ada yang tertinggal."""
    from . import periksa

    sumber = Path(sumber)
    data, masalah = periksa(sumber)
    if data is None:
        raise InputError(masalah + [Masalah(
            "folder sumber tidak sah; 'lkj lanjut' hanya melanjutkan laporan yang lolos validasi",
            berkas=str(sumber), saran=f"perbaiki dulu (lkj validate {sumber})")])
    p, tahun = data.profil, data.tahun + 1
    tujuan = Path(tujuan) if tujuan else sumber.parent / str(tahun)
    if tujuan.name.isdigit() and int(tujuan.name) != tahun:
        raise _tolak(f"folder tujuan harus bernama tahun {tahun}", berkas=str(tujuan),
                     saran=f"pakai {tujuan.parent / str(tahun)} (laporan {data.tahun} dilanjutkan ke {tahun})")
    if tujuan.exists() or tujuan.is_symlink():
        raise _tolak("folder tujuan sudah ada; tidak ditimpa", berkas=str(tujuan),
                     saran="hapus atau pindahkan folder itu bila memang ingin membuatnya ulang, atau pilih folder lain")
    if renstra:
        if not (renstra[0] <= tahun <= renstra[1]):
            raise _tolak(f"tahun {tahun} di luar periode --renstra {renstra[0]}-{renstra[1]}", kolom="renstra",
                         nilai=f"{renstra[0]}-{renstra[1]}", saran=f"periode harus mencakup {tahun}")
        renstra_baru = renstra != (p.renstra_mulai, p.renstra_akhir)
    elif tahun > p.renstra_akhir:
        raise _tolak(f"tahun {tahun} melewati periode Renstra {p.renstra_mulai}-{p.renstra_akhir}",
                     berkas=str(sumber / "lkj.yaml"), kolom="renstra.akhir", nilai=str(p.renstra_akhir),
                     saran=f"periode Renstra/RPD baru: sebutkan periodenya, mis. 'lkj lanjut {sumber} "
                           f"--renstra {tahun}-{tahun + 2}' (target Renstra lalu dikosongkan untuk diisi)")
    else:
        renstra_baru = False
    aturan = _Aturan(data, renstra_baru)
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    kerja = Path(tempfile.mkdtemp(prefix=f".{tujuan.name}.lanjut-", dir=tujuan.parent))
    try:
        xlsx = (sumber / "data.xlsx").exists()
        berkas = _tulis_xlsx(sumber, kerja, aturan) if xlsx else _tulis_csv(sumber, kerja, aturan)
        (kerja / "lkj.yaml").write_text(_yaml(sumber, tahun, renstra if renstra_baru else None), encoding="utf-8")
        berkas = [kerja / "lkj.yaml", *berkas, *_narasi(sumber, kerja, data)]
        if tujuan.exists():  # dibuat orang lain sementara kita menulis
            raise _tolak("folder tujuan sudah ada; tidak ditimpa", berkas=str(tujuan))
        kerja.rename(tujuan)
    except BaseException:
        shutil.rmtree(kerja, ignore_errors=True)
        raise
    return HasilLanjut(sumber, tujuan, tahun, "data.xlsx" if xlsx else "data/*.csv",
                       [tujuan / b.relative_to(kerja) for b in berkas])


__all__ = ["HasilLanjut", "LEMBAR_KOSONG", "lanjut"]
