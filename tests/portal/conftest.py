"""Fixtures for the portal's own tests."""

from pathlib import Path

import pytest
from django.conf import settings


@pytest.fixture
def compiled():
    """Pages in Kyrgyz and Russian need the compiled catalogues: fail plainly when they are
    missing or older than their .po, instead of failing on English text."""
    for language in ("ky", "ru"):
        po = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            pytest.fail(f"{mo} is missing or older than its .po: run `make messages`")
