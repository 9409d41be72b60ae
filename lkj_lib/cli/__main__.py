"""``python -m lkj_lib.cli ...`` sama dengan ``lkj ...``."""

import sys

from . import main

sys.exit(main())
