# lkj — Laporan Kinerja SKPD. `make` tanpa target menampilkan bantuan.
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.terpasang
# dua transkripsi LKj asli + tiga contoh sintetis (Inspektorat, Dinkes 2020, Bagian Organisasi)
CONTOH := params/bkpsdm-hulu-sungai-selatan/2022 params/bkpsdm-balangan/2022 \
	params/inspektorat-riam-kanan/2023 params/dinkes-riam-kanan/2020 \
	params/bagian-organisasi-riam-kanan/2023

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

## setup: buat .venv dan pasang lkj beserta dependensi pengembangan
setup: $(STAMP)

# bytecode lkj_lib dikompilasi lebih dulu (hanya berkas yang berubah, ±50 ms): pada lingkungan dengan
# PYTHONDONTWRITEBYTECODE=1 (umum di image Docker) Python tidak menulis __pycache__ sendiri, sehingga
# setiap proses (CLI, kernel notebook, pekerja batch) mengompilasi ulang seluruh lkj_lib dari sumber.
pyc: $(STAMP)
	@$(BIN)/python -m compileall -q lkj_lib

## report: bangun kelima laporan contoh (HTML, PDF, notebook tereksekusi) ke outputs/
report: pyc
	$(BIN)/lkj build $(CONTOH)

## validate: periksa masukan contoh
validate: pyc
	$(BIN)/lkj validate $(CONTOH)

## audit: audit angka contoh dan tulis temuan ke outputs/
audit: pyc
	$(BIN)/lkj audit $(CONTOH)

## test: jalankan seluruh pengujian
test: pyc
	$(BIN)/python -m pytest -q

## bench: ukur kinerja batch (lihat benchmarks/batch.py)
bench: pyc
	$(BIN)/python benchmarks/batch.py

## fuzz-agensi: kontrak masukan pada N agensi sah acak (bawaan N=300; gagal → outputs/fuzz-agensi/gagal/)
fuzz-agensi: pyc
	$(BIN)/python tests/fuzz_agensi.py --n $(or $(N),300)

## fuzz-masukan: fuzz validate/audit/build HTML dengan N masukan mutan (bawaan 10000; N=, J=, SEED=)
J ?= 2
SEED ?= 2026
fuzz-masukan: pyc
	$(BIN)/python tests/fuzz/fuzz_masukan.py --n $(or $(N),10000) --j $(J) --seed $(SEED)

## fuzz: kedua fuzz (fuzz-agensi lalu fuzz-masukan)
fuzz: fuzz-agensi fuzz-masukan

## clean: hapus keluaran lkj di outputs/ (lkj bersihkan: hanya folder bertanda, tanpa mengikuti tautan)
clean:
	@if [ -x $(BIN)/lkj ]; then $(BIN)/lkj bersihkan outputs; else echo "lewati outputs/: .venv belum ada (make setup)"; fi
	rm -rf .pytest_cache

## help: daftar target
help:
	@grep -E '^## ' $(MAKEFILE_LIST) | sed 's/^## /  make /'

.PHONY: pyc setup report validate audit test bench fuzz fuzz-agensi fuzz-masukan clean help
