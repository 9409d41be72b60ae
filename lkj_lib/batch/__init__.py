"""``lkj batch``: membangun banyak SKPD-tahun sekaligus (kernel hangat, cache, paralel)."""
