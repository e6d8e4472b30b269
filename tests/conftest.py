from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE_NOTES = FIXTURES / "docker-basics.ja.md"


# Fixtures that start a real server or program: a test using one is `slow` by that alone (the
# `backend` fixture's PostgreSQL half starts one too). Other slow tests carry the mark themselves.
STARTS_A_PROGRAM = {"postgres_server", "own_postgres_server", "class_server", "judge"}


def pytest_collection_modifyitems(items):
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if STARTS_A_PROGRAM & set(item.fixturenames) or params.get("backend") == "postgresql":
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """Every test gets its own data dir and database; no language or clock leaks in."""
    monkeypatch.setenv("DOCKQUIZ_DB", str(tmp_path / "test.db"))
    # grammars a learner learned (`grammar learn tar`) and settings live here: never the machine's
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    for name in ("DOCKQUIZ_LANG", "DOCKQUIZ_NOW", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("NO_COLOR", "1")
    yield


@pytest.fixture
def sample_notes() -> Path:
    return SAMPLE_NOTES


@pytest.fixture
def deck_db(backend):
    """The sample deck imported at T0, on SQLite and on PostgreSQL (`backend` runs each test on both)."""
    from helpers import T0

    from dockquiz.importing import import_notes
    from dockquiz.storage.db import open_database

    database = open_database()
    import_notes(database, SAMPLE_NOTES, now=T0)
    return database


def _postgres_server():
    """A throwaway PostgreSQL cluster on a unix socket in a temp dir (tests/pgserver.py)."""
    from tests.pgserver import PostgresServer, available

    if not available():  # a learner's machine without PostgreSQL; CI and dev machines have 15 and run these
        pytest.skip("PostgreSQL (initdb, pg_ctl) or psycopg is not installed here")
    return PostgresServer()


@pytest.fixture(scope="session")
def postgres_server():
    """One server for the session; each call of the fixture's value is a new database."""
    with _postgres_server() as server:
        yield server.new_database


@pytest.fixture
def own_postgres_server():
    """A server of the test's own, which it may stop and start."""
    with _postgres_server() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request, monkeypatch, tmp_path):
    """The database URL of a fresh database on each backend (set as DOCKQUIZ_DB)."""
    if request.param == "sqlite":
        url = str(tmp_path / "test.db")
    else:
        url = request.getfixturevalue("postgres_server")()
    monkeypatch.setenv("DOCKQUIZ_DB", url)
    return request.param
