import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
ROOT = Path(__file__).resolve().parents[1]
HSS = ROOT / "params" / "bkpsdm-hulu-sungai-selatan" / "2022"
BALANGAN = ROOT / "params" / "bkpsdm-balangan" / "2022"


@pytest.fixture
def mini(tmp_path):
    from mini import tulis_mini

    return tulis_mini(tmp_path / "dinas-contoh" / "2024")
