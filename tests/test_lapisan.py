"""Arsitektur berlapis, diperiksa oleh import-linter (kontrak di ``.importlinter``, akar repo).

Urutan lapisan, atas → bawah (modul hanya boleh mengimpor lapisan di bawahnya; impor di dalam fungsi
ikut dihitung, jadi "impor lambat" tidak bisa menyembunyikan pelanggaran)::

    cli
    batch
    bangun
    tampil | dokumen_word                           (API notebook | penulis DOCX dari blok notebook)
    sajian | grafik | templat_excel | dokumen
    audit
    ukur
    masukan
    instrumen                                       (rumus IKM, SKM rekap, Sistem Merit, IP ASN, NSPK)
    profil                                          (lkj.yaml)
    errors | paths | angka | fmt | schema | batas | berkas | penimbang

``instrumen`` di BAWAH ``masukan``: modul hitungnya hanya menerima DataFrame (tidak mengenal
``DataSKPD``) dan hanya mengimpor ``errors`` serta ``profil.Pengaturan``; ``masukan`` memakai aturan
yang sama untuk validasi (``kewajaran.periksa_instrumen``, ``periksa_rekap``) agar ``lkj validate``
menolak apa yang akan ditolak perhitungan. Aturan sah penimbang IKM ada di ``penimbang`` (lapisan
dasar) karena ``profil`` memeriksanya saat membaca lkj.yaml.
Notebook hanya mengimpor ``lkj_lib.tampil`` (yang meneruskan ``gen``, ``uraian``, ``tabel``, ``lampiran``, ``grafik``).
"""

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAKET = ROOT / "lkj_lib"


def _lint_imports() -> list[str]:
    exe = Path(sys.executable).with_name("lint-imports")
    return [str(exe)] if exe.exists() else [shutil.which("lint-imports") or "lint-imports"]


def test_kontrak_lapisan_import_linter():
    r = subprocess.run([*_lint_imports(), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "1 kept, 0 broken" in r.stdout


def test_kontrak_mencakup_semua_modul_tingkat_atas():
    """Modul/paket baru di lkj_lib harus diberi lapisan (kalau tidak, import-linter tidak memeriksanya)."""
    teks = (ROOT / ".importlinter").read_text(encoding="utf-8")
    ada = {p.stem if p.is_file() else p.name for p in PAKET.iterdir()
           if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").exists()}
    tanpa_lapis = sorted(m for m in ada if f"lkj_lib.{m}" not in teks.replace(":", " ").split())
    assert not tanpa_lapis, tanpa_lapis


def _impor_notebook(path: Path) -> set[str]:
    out = set()
    for sel in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if sel["cell_type"] != "code":
            continue
        kode = "\n".join(b for b in "".join(sel["source"]).splitlines() if not b.lstrip().startswith(("%", "!")))
        for n in ast.walk(ast.parse(kode)):
            if isinstance(n, ast.ImportFrom):
                out |= {f"{n.module}.{a.name}" if n.module == "lkj_lib" else n.module for a in n.names}
            elif isinstance(n, ast.Import):
                out |= {a.name for a in n.names}
    return out


def test_notebook_hanya_mengimpor_tampil():
    nbs = sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert nbs
    for p in nbs:
        lkj = {m for m in _impor_notebook(p) if m.split(".")[0] == "lkj_lib"}
        assert lkj == {"lkj_lib.tampil"}, (p.name, lkj)


def test_modul_kecil():
    besar = {str(p.relative_to(PAKET)): n for p in PAKET.rglob("*.py")
             if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert not besar, besar
