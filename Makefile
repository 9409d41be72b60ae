# lkj — Laporan Kinerja SKPD. `make` tanpa target menampilkan bantuan.
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.terpasang
CONTOH := params/bkpsdm-hulu-sungai-selatan/2022 params/bkpsdm-balangan/2022

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

## setup: buat .venv dan pasang lkj beserta dependensi pengembangan
setup: $(STAMP)

## report: bangun laporan contoh (HTML, PDF, notebook tereksekusi) ke outputs/
report: $(STAMP)
	$(BIN)/lkj build $(CONTOH)

## validate: periksa masukan contoh
validate: $(STAMP)
	$(BIN)/lkj validate $(CONTOH)

## audit: audit angka contoh dan tulis temuan ke outputs/
audit: $(STAMP)
	$(BIN)/lkj audit $(CONTOH)

## test: jalankan seluruh pengujian
test: $(STAMP)
	$(BIN)/python -m pytest -q

## bench: ukur kinerja batch (lihat benchmarks/batch.py)
bench: $(STAMP)
	$(BIN)/python benchmarks/batch.py

## fuzz-masukan: fuzz validate/audit/build HTML dengan N masukan mutan (bawaan 10000; N=, J=, SEED=)
N ?= 10000
J ?= 2
SEED ?= 2026
fuzz-masukan: $(STAMP)
	$(BIN)/python tests/fuzz/fuzz_masukan.py --n $(N) --j $(J) --seed $(SEED)

## clean: hapus keluaran yang dibangkitkan
clean:
	rm -rf outputs/*/ outputs/index.html .pytest_cache

## help: daftar target
help:
	@grep -E '^## ' $(MAKEFILE_LIST) | sed 's/^## /  make /'

.PHONY: setup report validate audit test bench fuzz-masukan clean help
