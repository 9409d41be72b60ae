"""Chromium headless yang dapat dikendalikan dari pengujian (DevTools Protocol lewat pipa, tanpa paket tambahan).

Bendera sama dengan tests/test_bangun.py (``--headless --no-sandbox ...``); ``--remote-debugging-pipe``
membuka protokol DevTools di fd 3 (perintah) dan fd 4 (balasan), pesan JSON dipisah ``\\0``.
Dipakai untuk halaman interaktif (audit.html): klik, baca DOM, kumpulkan galat konsol.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import time


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Peramban:
    def __init__(self, exe: str, profil, batas: float = 60.0):
        self._r_perintah, self._w_perintah = os.pipe()
        self._r_balasan, self._w_balasan = os.pipe()
        r, w = self._r_perintah, self._w_balasan

        def siapkan():  # di proses anak: fd 3 = perintah, fd 4 = balasan (disalin dulu: r/w bisa saja 3/4)
            a, b = os.dup(r), os.dup(w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.p = subprocess.Popen(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--no-first-run", "--disable-component-update", "--disable-sync", f"--user-data-dir={profil}",
             "--remote-debugging-pipe", "about:blank"],
            preexec_fn=siapkan, close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(self._r_perintah)
        os.close(self._w_balasan)
        self.batas = batas
        self._n = 0
        self._sisa = b""
        self.peristiwa: list[dict] = []
        self.sesi = None

    # ------------------------------------------------------------ protokol
    def _kirim(self, metode: str, params: dict | None = None, sesi: str | None = None) -> dict:
        self._n += 1
        pesan = {"id": self._n, "method": metode, "params": params or {}}
        if sesi:
            pesan["sessionId"] = sesi
        os.write(self._w_perintah, json.dumps(pesan).encode() + b"\0")
        akhir = time.monotonic() + self.batas
        while time.monotonic() < akhir:
            for m in self._baca(akhir - time.monotonic()):
                if m.get("id") == self._n:
                    if "error" in m:
                        raise RuntimeError(f"{metode}: {m['error']}")
                    return m.get("result", {})
                self.peristiwa.append(m)
        raise TimeoutError(metode)

    def _baca(self, sisa_waktu: float) -> list[dict]:
        siap, _, _ = select.select([self._r_balasan], [], [], max(sisa_waktu, 0))
        if not siap:
            return []
        data = os.read(self._r_balasan, 1 << 20)
        if not data:
            raise RuntimeError("chromium berhenti")
        self._sisa += data
        *utuh, self._sisa = self._sisa.split(b"\0")
        return [json.loads(u) for u in utuh if u]

    # ------------------------------------------------------------ API
    def buka(self, url: str) -> None:
        target = self._kirim("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.sesi = self._kirim("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for m in ("Runtime.enable", "Log.enable", "Page.enable"):
            self._kirim(m, sesi=self.sesi)
        self._kirim("Page.navigate", {"url": url}, sesi=self.sesi)
        akhir = time.monotonic() + self.batas
        while self.js("document.readyState") != "complete":
            if time.monotonic() > akhir:
                raise TimeoutError(url)
            time.sleep(0.05)

    def js(self, ekspresi: str):
        r = self._kirim("Runtime.evaluate", {"expression": ekspresi, "returnByValue": True}, sesi=self.sesi)
        if "exceptionDetails" in r:
            raise RuntimeError(f"{ekspresi}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def galat_konsol(self) -> list[str]:
        out = []
        for m in self.peristiwa:
            metode, p = m.get("method"), m.get("params", {})
            if metode == "Runtime.exceptionThrown":
                out.append(json.dumps(p.get("exceptionDetails", {}))[:300])
            elif metode == "Runtime.consoleAPICalled" and p.get("type") in ("error", "warning", "assert"):
                out.append(json.dumps(p.get("args", []))[:300])
            elif metode == "Log.entryAdded" and p.get("entry", {}).get("level") in ("error", "warning"):
                out.append(p["entry"].get("text", "")[:300])
        return out

    def tutup(self) -> None:
        try:
            self._kirim("Browser.close")
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()
        os.close(self._w_perintah)
        os.close(self._r_balasan)

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.tutup()
