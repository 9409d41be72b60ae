"""Menulis mutan (:class:`mutasi.Masukan`) ke disk sebagai folder SKPD-tahun, termasuk mutasi sistem berkas."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

from mutasi import SLUG, Masukan, csv_teks

PENANDA_LUAR = "RAHASIA-DI-LUAR-FOLDER"
"""Isi berkas di luar folder masukan; tidak boleh muncul di keluaran mana pun."""

def _tulis_xlsx(m: Masukan, path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for nama, rows in m.lembar.items():
        try:
            ws = wb.create_sheet(nama[:31])
        except ValueError:  # nama lembar tak sah di Excel: lewati (mutasi lain tetap berlaku)
            continue
        for row in rows:
            ws.append([_sel_xlsx(v) for v in row])
    wb.save(path)


def _sel_xlsx(v):
    if isinstance(v, str):
        # openpyxl menolak karakter kendali di XML; biarkan sebagai teks bertanda
        return "".join(c if c in "\t\n\r" or ord(c) >= 32 else "?" for c in v)
    if isinstance(v, int) and not isinstance(v, bool) and abs(v) > 2**63:
        return float(v)
    return v


def _bom_zip(path: Path) -> None:
    """Salin bom zip (dibuat sekali per mesin: mengompres 300 MB memakan puluhan detik CPU, yang bukan
    waktu lkj dan tidak boleh dihitung sebagai waktu masukan)."""
    import shutil

    shutil.copyfile(siapkan_bom_zip(), path)


def siapkan_bom_zip() -> Path:
    """Jalur bom zip simpanan (dibuat bila belum ada); dipanggil induk fuzz sebelum fork."""
    import os
    import tempfile

    simpanan = Path(tempfile.gettempdir()) / "lkj-fuzz-bom-zip-v1.xlsx"
    if not simpanan.is_file():
        sementara = simpanan.with_name(f"{simpanan.name}.{os.getpid()}")
        _buat_bom_zip(sementara)
        os.replace(sementara, simpanan)
    return simpanan


def _buat_bom_zip(path: Path) -> None:
    """xlsx sah secara struktur dengan sheet XML ±300 MB (terkompres ±0,3 MB)."""
    baris = "".join(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>IKU1</t></is></c></row>' for i in range(2, 2000))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                   'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
                   'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                   'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType='
                   '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
                   'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships"><sheets><sheet name="indikator" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                   'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                   '</Relationships>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                    b'main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>kode_indikator</t></is></c></row>')
            blok = baris.encode()
            for _ in range(300_000_000 // len(blok)):
                f.write(blok)
            f.write(b"</sheetData></worksheet>")


def tulis(m: Masukan, akar: Path) -> Path:
    """Tulis mutan ke ``akar/params/<slug>/2022``; kembalikan folder SKPD-tahun."""
    folder = akar / "params" / SLUG[m.induk] / "2022"
    folder.mkdir(parents=True)
    luar = akar / "luar"
    luar.mkdir()
    (luar / "rahasia.txt").write_text(PENANDA_LUAR + "\n", encoding="utf-8")
    (luar / "rahasia.png").write_bytes(b"\x89PNG\r\n\x1a\n" + PENANDA_LUAR.encode())
    yt = m.yaml_teks
    (folder / "lkj.yaml").write_bytes(yt if isinstance(yt, bytes) else yt.encode("utf-8"))
    if m.format == "xlsx":
        _tulis_xlsx(m, folder / "data.xlsx")
    else:
        (folder / "data").mkdir()
        for nama, rows in m.lembar.items():
            p = folder / "data" / f"{nama}.csv"
            if nama in m.mentah:
                p.write_bytes(m.mentah[nama])
            else:
                teks = csv_teks(rows, m.pemisah, m.eol)
                p.write_bytes(teks.encode(m.enc, errors="replace"))
    if m.narasi:
        (folder / "narasi").mkdir()
        for nama, isi in m.narasi.items():
            (folder / "narasi" / nama).write_bytes(isi if isinstance(isi, bytes) else isi.encode("utf-8"))
    for op in m.fs:
        _fs(op, folder, luar)
    return folder


def _jadi_folder(p: Path) -> None:
    """Ganti berkas ``p`` dengan folder bernama sama (tetap folder bila mutasi ini diterapkan dua kali)."""
    if not p.is_dir() or p.is_symlink():
        p.unlink(missing_ok=True)
        p.mkdir()


def _ganti_symlink(p: Path, tujuan: Path) -> None:
    if p.is_dir() and not p.is_symlink():
        shutil.rmtree(p)
    elif p.exists() or p.is_symlink():
        p.unlink()
    p.symlink_to(tujuan)


def _fs(op: str, folder: Path, luar: Path) -> None:
    data = folder / "data"
    csvs = sorted(data.glob("*.csv")) if data.is_dir() else []
    if op == "symlink_data" and csvs:
        _ganti_symlink(csvs[len(csvs) // 2], luar / "rahasia.txt")
    elif op == "symlink_data" and (folder / "data.xlsx").exists():
        _ganti_symlink(folder / "data.xlsx", luar / "rahasia.txt")
    elif op == "symlink_yaml":
        _ganti_symlink(folder / "lkj.yaml", luar / "rahasia.txt")
    elif op == "symlink_narasi" and (folder / "narasi").is_dir():
        _ganti_symlink(folder / "narasi" / "latar_belakang.md", luar / "rahasia.txt")
    elif op == "symlink_dir_narasi":
        _ganti_symlink(folder / "narasi", luar)
        (luar / "simpulan.md").write_text(PENANDA_LUAR + "\n", encoding="utf-8")
    elif op == "symlink_data_dir" and data.is_dir():
        shutil.move(str(data), str(luar / "data"))
        data.symlink_to(luar / "data")
    elif op == "dir_data_berkas" and csvs:
        _jadi_folder(csvs[0])
    elif op == "dir_data_berkas":
        _jadi_folder(folder / "data.xlsx")
    elif op == "dir_yaml":
        _jadi_folder(folder / "lkj.yaml")
    elif op == "dir_md":
        (folder / "narasi").mkdir(exist_ok=True)
        _jadi_folder(folder / "narasi" / "saran.md")
    elif op == "data_berkas" and data.is_dir():
        shutil.rmtree(data)
        data.write_text("bukan folder", encoding="utf-8")
    elif op == "xlsx_dan_data":
        if data.is_dir():
            (folder / "data.xlsx").write_bytes(b"PK\x03\x04")
        else:
            data.mkdir()
    elif op == "symlink_putus":
        p = csvs[0] if csvs else folder / "lkj.yaml"
        _ganti_symlink(p, folder / "tidak-ada")
    elif op == "fifo":
        p = csvs[0] if csvs else folder / "data.xlsx"
        p.unlink(missing_ok=True)
        os.mkfifo(p)
    elif op == "bom_zip":
        _bom_zip(folder / "data.xlsx")
    elif op == "xlsx_rusak":
        p = folder / "data.xlsx"
        b = p.read_bytes() if p.exists() else b""
        p.write_bytes(b[: len(b) // 2] + b"\x00" * 100)
