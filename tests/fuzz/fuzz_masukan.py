"""Fuzz masukan lkj: ribuan folder SKPD-tahun mutan → validate → (bila sah) audit + build HTML.

Pemakaian (dari akar proyek)::

    python tests/fuzz/fuzz_masukan.py --n 10000 --seed 2026      # = make fuzz-masukan
    python tests/fuzz/fuzz_masukan.py --seed 2026 --ulang 123     # ulangi satu mutan, cetak traceback-nya

Cara kerja: proses induk mengimpor pandas, matplotlib, lkj_lib, nbformat dan nbconvert sekali, lalu
``fork`` satu anak per masukan (paling banyak ``--j`` sekaligus). Anak menulis mutan ke folder
sementara, menjalankan ``periksa`` (= ``lkj validate``); bila sah: ``lkj audit`` (fungsi perintahnya)
dan ``bangun(..., pdf=False)`` dengan :class:`pelaksana.PelaksanaDalamProses` — sel notebook dijalankan
``exec`` di proses anak, bukan di kernel Jupyter; nbconvert, perakitan HTML, audit.csv, data/*.csv
dan manifest tetap jalur build yang asli. Masukan yang datanya sama persis dengan masukan yang sudah
dibangun (sidik SHA-256 tabel+profil+narasi) tidak dibangun ulang. Induk mengukur waktu dan puncak
RSS tiap anak (``os.wait4``; CPU untuk menulis mutan dikurangkan), dan membunuh anak yang melewati
``--batas-waktu``.

Traceback = pengecualian apa pun yang bukan galat lkj yang berlokasi (``LkjError`` dan turunannya).
Selain itu diperiksa: setiap CSV keluaran tidak memuat sel teks berawalan rumus yang tidak
dinetralkan, dan folder masukan tidak berubah. Kode keluar 1 bila ada traceback, pelanggaran,
anak mati, atau batas waktu terlewati.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import shutil
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MPLBACKEND", "Agg")
DIR = Path(__file__).resolve().parent
AKAR = DIR.parents[1]
sys.path.insert(0, str(DIR))
if str(AKAR) not in sys.path:
    sys.path.insert(1, str(AKAR))

import disk  # noqa: E402
import mutasi  # noqa: E402

BATAS_LAMBAT = 10.0  # detik
BATAS_RSS = 1 << 30  # 1 GB


def _impor_awal() -> None:
    """Impor yang mahal sekali di induk, sebelum fork."""
    import IPython.display  # noqa: F401
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401
    import nbformat  # noqa: F401
    import openpyxl  # noqa: F401
    import pandas  # noqa: F401

    import lkj_lib.audit  # noqa: F401
    import lkj_lib.bangun  # noqa: F401
    import lkj_lib.cli.laporan  # noqa: F401
    import lkj_lib.grafik.laporan  # noqa: F401
    import lkj_lib.sajian.tabel_lampiran  # noqa: F401
    import lkj_lib.sajian.tabel_laporan  # noqa: F401
    import lkj_lib.tampil  # noqa: F401
    from lkj_lib.bangun.rakit import siapkan_eksportir

    siapkan_eksportir()


def _berkache(asli, kunci):
    """Versi berkache ``asli`` (satu masukan per anak: hasil untuk kunci yang sama tetap sama)."""
    cache: dict = {}

    def f(*a, **kw):
        k = kunci(*a, **kw)
        if k not in cache:
            cache[k] = asli(*a, **kw)
        return cache[k]

    return f


def _pasang_cache(grafik_dir: Path | None = None) -> None:
    """muat/hitung/audit dipanggil ±8× per build (tiap notebook memuat ulang); di anak fuzz cukup sekali.
    ``grafik_dir``: tembolok gambar bersama antar-anak (lihat :func:`_tembolok_grafik`)."""
    import lkj_lib.audit
    import lkj_lib.bangun
    import lkj_lib.masukan
    import lkj_lib.tampil
    import lkj_lib.ukur.hasil
    from matplotlib.figure import Figure

    muat = _berkache(lkj_lib.bangun.muat, lambda f: str(Path(f).resolve()))
    hitung = _berkache(lkj_lib.bangun.hitung, lambda d: id(d))
    audit = _berkache(lkj_lib.bangun.audit, lambda h: id(h))
    for mod in (lkj_lib.tampil, lkj_lib.bangun):
        mod.muat, mod.hitung = muat, hitung
    lkj_lib.masukan.muat, lkj_lib.ukur.hasil.hitung = muat, hitung  # dipakai cmd_audit
    lkj_lib.bangun.audit = lkj_lib.audit.audit = audit
    # PNG 200 dpi hanya soal ketajaman: di fuzz cukup 40 dpi (teks tetap digambar; SVG tetap penuh)
    simpan = Figure.savefig

    def savefig(self, fname, *a, **kw):
        if kw.get("format", "png") == "png":
            kw["dpi"] = min(kw.get("dpi") or 40, 40)
        kunci = getattr(self, "_lkj_kunci", None)
        if grafik_dir is None or kunci is None:
            return simpan(self, fname, *a, **kw)
        rinci = hashlib.sha256(repr((a, sorted(kw.items()))).encode()).hexdigest()[:16]  # format, dpi, bbox, ...
        berkas = grafik_dir / f"{kunci}-{rinci}"
        if berkas.exists():
            data = berkas.read_bytes()
        else:
            buf = io.BytesIO()
            simpan(self, buf, *a, **kw)
            data = buf.getvalue()
            sementara = berkas.with_name(f"{berkas.name}.{os.getpid()}")
            sementara.write_bytes(data)
            os.replace(sementara, berkas)
        if hasattr(fname, "write"):
            fname.write(data)
        else:
            Path(fname).write_bytes(data)

    Figure.savefig = savefig
    if grafik_dir is not None:
        _tembolok_grafik()


def _tembolok_grafik() -> None:
    """Setiap fungsi ``grafik_*`` (lkj_lib.grafik.laporan/instrumen) menandai figurnya dengan sidik
    SHA-256 argumennya (pickle: DataFrame, hasil instrumen, teks). Gambar dengan sidik yang sama sudah
    pernah digambar persis sama oleh anak sebelumnya (penggambaran deterministik), jadi ``savefig``
    memakai byte tersimpannya; argumen yang berbeda sedikit pun (mis. teks indikator bermusuhan) tetap
    digambar. Sekitar 40% waktu build HTML fuzz adalah menggambar grafik yang tidak disentuh mutasinya."""
    import pickle

    import lkj_lib.grafik.instrumen as gi
    import lkj_lib.grafik.laporan as gl

    for mod in (gl, gi):
        for nama in [n for n in vars(mod) if n.startswith("grafik_") and callable(getattr(mod, n))]:
            asli = getattr(mod, nama)

            def f(*a, _asli=asli, _nama=nama, _mod=mod.__name__, **kw):
                fig = _asli(*a, **kw)
                if fig is not None:
                    try:
                        isi = pickle.dumps((_mod, _nama, a, sorted(kw.items())), protocol=5)
                        fig._lkj_kunci = hashlib.sha256(isi).hexdigest()
                    except Exception:  # noqa: BLE001 - argumen tak ter-pickle: gambar seperti biasa
                        pass
                return fig

            setattr(mod, nama, f)


def _potret(folder: Path) -> dict:
    out = {}
    for p in sorted(folder.rglob("*")):
        try:
            st = p.lstat()
        except OSError:
            continue
        out[str(p.relative_to(folder))] = (st.st_mode, st.st_size, st.st_mtime_ns)
    return out


def _sidik(data) -> str:
    h = hashlib.sha256()
    h.update(repr(data.profil).encode())
    for k in sorted(data.tabel):
        h.update(k.encode() + data.tabel[k].to_csv().encode())
    for k in sorted(data.narasi):
        h.update(k.encode() + data.narasi[k].encode())
    return h.hexdigest()


def _csv_tak_aman(folder: Path) -> list[str]:
    """Sel CSV keluaran yang masih diawali karakter rumus (tanpa kutip netral)."""
    import csv

    from lkj_lib.ekspor import perlu_netral

    salah = []
    for p in sorted(folder.rglob("*.csv")):
        with open(p, newline="", encoding="utf-8") as f:
            for i, row in enumerate(csv.reader(f)):
                for v in row:
                    if perlu_netral(v):
                        salah.append(f"{p.name} baris {i + 1}: {v[:40]!r}")
    return salah


def _bocor(folder: Path) -> list[str]:
    """Keluaran yang memuat isi berkas di LUAR folder masukan (penanda yang ditulis disk.tulis)."""
    return [f"isi berkas di luar folder masukan bocor ke {p.relative_to(folder)}" for p in sorted(folder.rglob("*"))
            if p.is_file() and disk.PENANDA_LUAR.encode() in p.read_bytes()]


def _kelas(e: BaseException) -> str:
    """Nama kelas traceback: jenis + bingkai lkj_lib terdalam (atau bingkai terdalam)."""
    tb = traceback.extract_tb(e.__traceback__)
    milik = [f for f in tb if "lkj_lib" in f.filename] or list(tb)
    if not milik:
        return type(e).__name__
    f = milik[-1]
    nama = f.filename.split("lkj_lib/")[-1] if "lkj_lib" in f.filename else Path(f.filename).name
    return f"{type(e).__name__} @ {nama}:{f.lineno} ({f.name})"


def _cpu_sendiri() -> float:
    import resource

    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def satu(induk, seed: int, i: int, kerja: Path, html: bool = True, sidik_dir: Path | None = None) -> dict:
    """Jalankan satu mutan di proses ini. Kembalikan ringkasan (status, kelas, pesan, ...)."""
    from lkj_lib.errors import LkjError

    hasil = {"i": i, "mutasi": [], "status": "?", "tahap": "tulis"}
    try:
        m = mutasi.buat(induk, seed, i)
        hasil["mutasi"] = m.catatan
        folder = disk.tulis(m, kerja)
        # CPU yang dipakai pembangkit menulis mutan (mis. 20 000 baris xlsx lewat openpyxl) bukan milik
        # lkj: induk menguranginya dari CPU anak sebelum membandingkan dengan batas 10 s
        hasil["cpu_tulis"] = round(_cpu_sendiri(), 3)
    except Exception as e:  # kegagalan pembangkit, bukan lkj
        hasil.update(status="pembangkit-gagal", pesan=f"{type(e).__name__}: {e}"[:300])
        return hasil
    keluaran = kerja / "outputs"
    sebelum = _potret(folder)
    try:
        from lkj_lib.masukan import periksa

        hasil["tahap"] = "validate"
        data, _ = periksa(folder)
        if data is None:
            hasil["status"] = "ditolak"
            return hasil
        hasil["status"] = "diterima"
        sidik = _sidik(data)
        if sidik_dir is not None and (sidik_dir / sidik).exists():
            hasil["sama_dengan"] = (sidik_dir / sidik).read_text()
            return hasil
        hasil["tahap"] = "audit"
        from argparse import Namespace

        from lkj_lib.cli.laporan import cmd_audit

        cmd_audit(Namespace(folder=[str(folder)], keluaran=str(keluaran), semua=False))
        if html:
            hasil["tahap"] = "build"
            from lkj_lib.bangun import bangun
            from pelaksana import PelaksanaDalamProses

            from lkj_lib.sajian.kelengkapan import periksa_narasi

            # validate menerima masukan yang narasi wajibnya belum lengkap dengan pesan "build final
            # menunggu ... (build --draf dapat dijalankan)": itu yang dijalankan di sini; build final
            # atas masukan itu menolak dengan galat berlokasi (diuji di test_mulai/test_galat)
            draf = bool(periksa_narasi(data))
            if not draf:  # build final menolak (InputError berlokasi) narasi yang mengutip angka yang ditolak
                # audit (issue 12); mutasi data membuat narasi contoh mengutip angka lama: itu penolakan yang
                # disengaja, jadi jalur HTML-nya diuji sebagai draf (angka itu ditandai di tempat)
                from lkj_lib.audit import audit, masalah_narasi
                from lkj_lib.ukur.hasil import hitung

                if masalah_narasi(audit(hitung(data))) and not data.profil.sintetis:
                    draf = hasil["narasi_ditolak"] = True
            hasil["draf"] = draf
            h = bangun(folder, keluaran, draf=draf, pdf=False, pelaksana=PelaksanaDalamProses(), log=None)
            if not h.html.is_file():
                hasil["pelanggaran"] = ["HTML tidak ditulis"]
        salah = _csv_tak_aman(keluaran) + _bocor(keluaran)
        if _potret(folder) != sebelum:
            salah.append("folder masukan berubah")
        if salah:
            hasil["pelanggaran"] = hasil.get("pelanggaran", []) + salah[:5]
        if sidik_dir is not None:
            (sidik_dir / sidik).write_text(str(i))
    except LkjError as e:
        hasil["status"] = "ditolak" if hasil["tahap"] == "validate" else "galat-lkj"
        hasil["pesan"] = f"{type(e).__name__}: {e}"[:300]
    except BaseException as e:  # noqa: BLE001 - justru ini yang dicari
        hasil.update(status="traceback", kelas=_kelas(e), pesan=f"{type(e).__name__}: {e}"[:300],
                     jejak="".join(traceback.format_exception(e))[-4000:])
    return hasil


def _catatan(induk, seed: int, i: int) -> list[str]:
    try:
        return mutasi.buat(induk, seed, i).catatan
    except Exception as e:  # noqa: BLE001
        return [f"pembangkit gagal: {type(e).__name__}: {e}"]


def _anak(induk, seed, i, kerja: Path, html: bool, sidik_dir: Path, batas_mem: int, batas_cpu: float,
          grafik_dir: Path | None = None) -> None:
    try:
        import resource

        # SIGXCPU: batas waktu CPU (tidak terpengaruh beban mesin); longgar karena menulis mutan juga
        # memakan CPU anak; batas lkj sendiri (CPU dikurangi cpu_tulis) diperiksa induk
        cpu = 2 * int(batas_cpu) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
        if batas_mem:
            resource.setrlimit(resource.RLIMIT_AS, (batas_mem, batas_mem))
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        nul = os.open(os.devnull, os.O_WRONLY)
        fd = {1, 2}  # keluaran perintah lkj (cetak temuan) dan peringatan tidak perlu; juga berkas
        for st in (sys.stdout, sys.stderr):  # tangkapan pytest yang terikat sebagai argumen bawaan
            try:
                fd.add(st.fileno())
            except (AttributeError, OSError, ValueError):
                pass
        for f in fd:
            os.dup2(nul, f)
        _pasang_cache(grafik_dir)
        kerja.mkdir(parents=True)
        h = satu(induk, seed, i, kerja, html, sidik_dir)
        (kerja.parent / f"{i}.json").write_text(json.dumps(h, default=str), encoding="utf-8")
    finally:
        os._exit(0)


def _p95(x: list[float]) -> float:
    if not x:
        return 0.0
    s = sorted(x)
    return s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))]


def jalankan(n: int, seed: int, j: int, batas_waktu: float, html: bool, batas_mem: int, laporan: Path | None,
             mulai: int = 0, cetak=print) -> dict:
    _impor_awal()
    disk.siapkan_bom_zip()
    induk = mutasi.muat_induk(AKAR)
    import resource

    rss_induk = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    tmp = Path(tempfile.mkdtemp(prefix="lkj-fuzz-"))
    sidik_dir = tmp / "sidik"
    sidik_dir.mkdir()
    grafik_dir = tmp / "grafik"
    grafik_dir.mkdir()
    jalan: dict[int, tuple[int, float]] = {}  # pid → (i, mulai)
    hasil: list[dict] = []
    t_awal = time.perf_counter()
    berikut = mulai
    jsonl = None
    if laporan:  # hasil per masukan ditulis segera (dapat dibaca saat fuzz masih berjalan)
        laporan.parent.mkdir(parents=True, exist_ok=True)
        jsonl = open(laporan.with_suffix(".jsonl"), "w", encoding="utf-8")
    try:
        while berikut < mulai + n or jalan:
            while berikut < mulai + n and len(jalan) < j:
                pid = os.fork()
                if pid == 0:
                    _anak(induk, seed, berikut, tmp / str(berikut), html, sidik_dir, batas_mem, batas_waktu, grafik_dir)
                jalan[pid] = (berikut, time.perf_counter())
                berikut += 1
            pid, status, ru = os.wait4(-1, os.WNOHANG)
            if pid == 0:
                sekarang = time.perf_counter()
                for p, (i, t0) in list(jalan.items()):
                    if sekarang - t0 > 5 * batas_waktu:  # anak yang terblokir (mis. FIFO), tanpa CPU
                        os.kill(p, signal.SIGKILL)
                time.sleep(0.01)
                continue
            i, t0 = jalan.pop(pid)
            detik = time.perf_counter() - t0
            berkas = tmp / f"{i}.json"
            if berkas.exists():
                h = json.loads(berkas.read_text(encoding="utf-8"))
                berkas.unlink()
            else:
                mati = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
                h = {"i": i, "status": "batas-waktu" if mati in (signal.SIGKILL, signal.SIGXCPU) else "anak-mati", "pesan": f"sinyal {mati}, status {status}",
                     "mutasi": _catatan(induk, seed, i)}
            h["detik"] = round(detik, 3)
            h["cpu_total"] = round(ru.ru_utime + ru.ru_stime, 3)
            h["cpu"] = round(max(h["cpu_total"] - h.get("cpu_tulis", 0.0), 0.0), 3)  # CPU lkj saja
            h["rss"] = ru.ru_maxrss * 1024
            hasil.append(h)
            if jsonl:
                jsonl.write(json.dumps({k: v for k, v in h.items() if k != "jejak"}, default=str) + "\n")
                jsonl.flush()
            shutil.rmtree(tmp / str(i), ignore_errors=True)
            if len(hasil) % (500 if n >= 2000 else 50) == 0:
                cetak(f"  {len(hasil)}/{n} ({time.perf_counter() - t_awal:.0f} s)", flush=True)
    finally:
        for p in jalan:
            os.kill(p, signal.SIGKILL)
        shutil.rmtree(tmp, ignore_errors=True)
        if jsonl:
            jsonl.close()
    return _ringkas(hasil, seed, time.perf_counter() - t_awal, rss_induk, laporan, cetak)


def _commit() -> str:
    """Commit kode yang di-fuzz (+ '-berubah' bila pohon kerja lkj_lib/tests berbeda dari commit itu)."""
    import subprocess

    try:
        c = subprocess.run(["git", "-C", str(AKAR), "rev-parse", "--short=12", "HEAD"], capture_output=True,
                           text=True, check=True).stdout.strip()
        kotor = subprocess.run(["git", "-C", str(AKAR), "status", "--porcelain", "lkj_lib", "tests"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"
    return c + ("-berubah" if kotor else "")


def _ringkas(hasil: list[dict], seed: int, total: float, rss_induk: int, laporan: Path | None, cetak,
             commit: str | None = None) -> dict:
    from collections import Counter, defaultdict

    status = Counter(h["status"] for h in hasil)
    kelas = defaultdict(list)
    for h in hasil:
        if h["status"] == "traceback":
            kelas[h["kelas"]].append(h)
    detik = [h["detik"] for h in hasil]
    cpu = [h["cpu"] for h in hasil]
    rss = [h["rss"] for h in hasil]
    # waktu CPU, bukan dinding: di mesin bersama waktu dinding terutama mengukur beban proses lain
    lambat = [h for h in hasil if h["cpu"] > BATAS_LAMBAT or h["rss"] > BATAS_RSS]
    langgar = [h for h in hasil if h.get("pelanggaran")]
    mati = status["anak-mati"] + status["batas-waktu"]
    diterima = status["diterima"]
    dibangun = sum(1 for h in hasil if h["status"] == "diterima" and "sama_dengan" not in h)
    ulang = f"python tests/fuzz/fuzz_masukan.py --seed {seed} --ulang"
    if kelas:
        cetak("\nKelas traceback (jumlah, contoh, pengulang):")
        for k, hs in sorted(kelas.items(), key=lambda kv: -len(kv[1])):
            cetak(f"  {len(hs):5d}  {k}\n         {hs[0]['pesan'][:160]!r}\n         {'; '.join(hs[0]['mutasi'])[:160]}"
                  f"\n         {ulang} {hs[0]['i']}")
    if langgar:
        cetak("\nPelanggaran keluaran:")
        for h in langgar[:20]:
            cetak(f"  #{h['i']}: {h['pelanggaran']} — {ulang} {h['i']}")
    if lambat:
        cetak(f"\nMasukan > {BATAS_LAMBAT:.0f} s CPU atau > 1 GB ({len(lambat)}):")
        for h in sorted(lambat, key=lambda h: -h["cpu"])[:30]:
            cetak(f"  #{h['i']}: CPU {h['cpu']:.1f} s, dinding {h['detik']:.1f} s, {h['rss'] / 2**20:.0f} MB, "
                  f"{h['status']} — "
                  f"{'; '.join(h['mutasi'])[:100]}")
    for st in ("anak-mati", "batas-waktu", "pembangkit-gagal"):
        for h in [h for h in hasil if h["status"] == st][:10]:
            cetak(f"  {st} #{h['i']}: {h.get('pesan', '')} — {'; '.join(h['mutasi'])[:100]} — {ulang} {h['i']}")
    ring = {
        "masukan": len(hasil), "traceback": status["traceback"], "kelas_traceback": len(kelas),
        "diterima": diterima, "dibangun": dibangun, "ditolak": status["ditolak"], "galat_lkj": status["galat-lkj"],
        "anak_mati": status["anak-mati"], "batas_waktu": status["batas-waktu"],
        "pembangkit_gagal": status["pembangkit-gagal"], "pelanggaran": len(langgar),
        "detik_maks": round(max(detik, default=0), 2), "detik_p95": round(_p95(detik), 2),
        "cpu_maks": round(max(cpu, default=0), 2), "cpu_p95": round(_p95(cpu), 2),
        "rss_maks_mb": round(max(rss, default=0) / 2**20), "rss_p95_mb": round(_p95(rss) / 2**20),
        "rss_induk_mb": round(rss_induk / 2**20), "lambat_atau_besar": len(lambat), "total_detik": round(total, 1),
        "seed": seed, "narasi_ditolak_dibangun_draf": sum(1 for h in hasil if h.get("narasi_ditolak")),
        "commit": commit or _commit(),
    }
    # batas issue 14: tidak ada masukan > 10 s / 1 GB SEBELUM ditolak; masukan yang diterima dibangun
    # (audit + HTML), waktunya bergantung pada isinya dan dilaporkan terpisah
    for st, kunci in (("ditolak", "ditolak"), ("diterima", "diterima")):
        hs = [h for h in hasil if h["status"] == st and "sama_dengan" not in h]
        ring[f"cpu_maks_{kunci}"] = round(max((h["cpu"] for h in hs), default=0), 2)
        ring[f"cpu_p95_{kunci}"] = round(_p95([h["cpu"] for h in hs]), 2)
        ring[f"rss_maks_mb_{kunci}"] = round(max((h["rss"] for h in hs), default=0) / 2**20)
    if laporan:
        laporan.parent.mkdir(parents=True, exist_ok=True)
        laporan.write_text(json.dumps({"ringkasan": ring, "hasil": hasil}, indent=1, default=str), encoding="utf-8")
    cetak(f"\nfuzz: {ring['masukan']} masukan, {ring['traceback']} traceback ({ring['kelas_traceback']} kelas), "
          f"{diterima} diterima ({dibangun} diproses penuh, {diterima - dibangun} identik dgn masukan sebelumnya), {ring['ditolak']} ditolak, {ring['galat_lkj']} galat lkj "
          f"saat audit/build, {mati} anak mati/batas waktu, {ring['pelanggaran']} pelanggaran keluaran; "
          f"waktu/masukan CPU lkj (tanpa menulis mutan) maks {ring['cpu_maks']} s p95 {ring['cpu_p95']} s, dinding maks {ring['detik_maks']} s "
          f"p95 {ring['detik_p95']} s (ditolak: CPU maks {ring['cpu_maks_ditolak']} s p95 {ring['cpu_p95_ditolak']} s, "
          f"RSS maks {ring['rss_maks_mb_ditolak']} MB; diterima dan dibangun: CPU maks {ring['cpu_maks_diterima']} s "
          f"p95 {ring['cpu_p95_diterima']} s); RSS maks {ring['rss_maks_mb']} MB "
          f"p95 {ring['rss_p95_mb']} MB (induk {ring['rss_induk_mb']} MB); {len(lambat)} > 10 s CPU/1 GB; "
          f"total {ring['total_detik']} s", flush=True)
    return ring


def ulang(seed: int, i: int, folder: Path) -> int:
    """Tulis ulang mutan ``i`` ke ``folder`` dan jalankan di proses ini; cetak traceback lengkapnya."""
    _impor_awal()
    induk = mutasi.muat_induk(AKAR)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    h = satu(induk, seed, i, folder)
    print("mutasi:", "; ".join(h["mutasi"]))
    print("masukan:", folder / "params")
    print("status:", h["status"], h.get("pesan", ""))
    if h.get("jejak"):
        print(h["jejak"])
    return 1 if h["status"] == "traceback" else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="jumlah masukan mutan (bawaan 10000)")
    ap.add_argument("--seed", type=int, default=2026, help="benih (bawaan 2026)")
    ap.add_argument("--mulai", type=int, default=0, help="nomor mutan pertama")
    ap.add_argument("--j", type=int, default=min(2, os.cpu_count() or 1), help="anak sekaligus")
    ap.add_argument("--batas-waktu", type=float, default=60.0,
                    help="detik CPU per masukan sebelum anak dibunuh (dinding: 5×, untuk anak yang terblokir)")
    ap.add_argument("--batas-memori-gb", type=float, default=4.0, help="RLIMIT_AS per anak (0 = tanpa)")
    ap.add_argument("--tanpa-html", action="store_true", help="hanya validate + audit")
    ap.add_argument("--laporan", type=Path, default=AKAR / "outputs" / "fuzz-masukan" / "hasil.json")
    ap.add_argument("--ulang", type=int, help="ulangi satu mutan di proses ini dan cetak traceback-nya")
    ap.add_argument("--ringkas", type=Path, help="cetak ringkasan dari hasil .jsonl (juga run yang terhenti)")
    ap.add_argument("--commit", help="dengan --ringkas: commit yang di-fuzz (bawaan: commit pohon ini)")
    a = ap.parse_args(argv)
    if a.ringkas:
        hasil = [json.loads(b) for b in a.ringkas.read_text(encoding="utf-8").splitlines() if b.strip()]
        _ringkas(hasil, a.seed, sum(h["detik"] for h in hasil) / max(a.j, 1), 0, None, print, commit=a.commit)
        return 0
    if a.ulang is not None:
        return ulang(a.seed, a.ulang, AKAR / "outputs" / "fuzz-masukan" / f"ulang-{a.ulang}")
    print(f"fuzz-masukan: {a.n} masukan, seed {a.seed}, {a.j} anak, batas {a.batas_waktu:.0f} s CPU", flush=True)
    r = jalankan(a.n, a.seed, a.j, a.batas_waktu, not a.tanpa_html, int(a.batas_memori_gb * 2**30), a.laporan,
                 a.mulai)
    gagal = r["traceback"] + r["pelanggaran"] + r["anak_mati"] + r["batas_waktu"]
    return 1 if gagal else 0


if __name__ == "__main__":
    sys.exit(main())
