"""Shared fixtures of the per-language tests: the real offline gazetteer, opened once per module."""
from __future__ import annotations

import pytest

from lib.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gaz():
    g = Gazetteer.open()
    yield g
    g.close()
