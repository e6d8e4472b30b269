from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE_NOTES = FIXTURES / "docker-basics.ja.md"


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """Every test gets its own data dir and database; no language or clock leaks in."""
    monkeypatch.setenv("DOCKQUIZ_DB", str(tmp_path / "test.db"))
    for name in ("DOCKQUIZ_LANG", "DOCKQUIZ_NOW", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("NO_COLOR", "1")
    yield


@pytest.fixture
def sample_notes() -> Path:
    return SAMPLE_NOTES
