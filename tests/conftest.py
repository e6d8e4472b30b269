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


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL cluster on a unix socket in a temp dir (no TCP). As root, the
    server runs as the `postgres` system user, which PostgreSQL requires. Skipped only where
    the machine has no PostgreSQL (CI and the dev machines have 15)."""
    import os
    import shutil
    import subprocess

    if not shutil.which("initdb") or not shutil.which("pg_ctl"):
        pytest.skip("PostgreSQL (initdb, pg_ctl) is not installed here")
    pytest.importorskip("psycopg")
    import tempfile
    from pathlib import Path

    base = Path(tempfile.mkdtemp(prefix="dockquiz-pg-"))   # not under pytest's root-only temp dir
    prefix: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    data = base / "data"

    def run(*args: str) -> None:
        subprocess.run([*prefix, *args], check=True, capture_output=True)

    run("initdb", "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync")
    run("pg_ctl", "-D", str(data), "-o", f"-k {base} -c listen_addresses='' -c fsync=off", "-l",
        str(base / "log"), "-w", "start")
    counter = iter(range(1_000_000))

    def new_database() -> str:
        name = f"t{next(counter)}"
        run("createdb", "-h", str(base), "-U", "postgres", name)
        return f"postgresql+psycopg://postgres@/{name}?host={base}"

    yield new_database
    subprocess.run([*prefix, "pg_ctl", "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request, monkeypatch, tmp_path):
    """The database URL of a fresh database on each backend (set as DOCKQUIZ_DB)."""
    if request.param == "sqlite":
        url = str(tmp_path / "test.db")
    else:
        url = request.getfixturevalue("postgres_server")()
    monkeypatch.setenv("DOCKQUIZ_DB", url)
    return request.param
