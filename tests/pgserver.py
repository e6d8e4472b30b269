"""A throwaway PostgreSQL server for tests and benches: a cluster in a temp dir, listening on
a unix socket only (no TCP). As root, the server runs as the `postgres` system user, which
PostgreSQL requires. Never a mock: the real server the learners' class would use."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from itertools import count
from pathlib import Path


def available() -> bool:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return False
    return bool(shutil.which("initdb") and shutil.which("pg_ctl"))


class PostgresServer:
    def __init__(self, hba: str | None = None) -> None:
        """``hba``: the pg_hba.conf to use instead of trusting everyone (a class with passwords)."""
        self.hba = hba
        self.base = Path(tempfile.mkdtemp(prefix="dockquiz-pg-"))  # not under a root-only temp dir
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.base, "postgres")
            self.prefix = ["runuser", "-u", "postgres", "--"]
        self.data = self.base / "data"
        self._names = count()

    def _run(self, *args: str) -> None:
        subprocess.run([*self.prefix, *args], check=True, capture_output=True)

    def __enter__(self) -> "PostgresServer":
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")
        if self.hba is not None:
            self._run("sh", "-c", f"cat > {self.data}/pg_hba.conf <<'EOF'\n{self.hba}\nEOF")
        self.start()
        return self

    def start(self) -> None:
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            f"-k {self.base} -c listen_addresses='' -c fsync=off -c max_connections=200",
            "-l",
            str(self.base / "log"),
            "-w",
            "start",
        )

    def stop(self) -> None:
        """As a server that goes away (shut down fast: open connections are cut)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def new_database(self, owner: str = "postgres") -> str:
        name = f"t{next(self._names)}"
        self._run("createdb", "-h", str(self.base), "-U", "postgres", "-O", owner, name)
        return f"postgresql+psycopg://{owner}@/{name}?host={self.base}"

    def psql(self, *args: str, user: str = "postgres", database: str = "postgres", password: str | None = None, sql: str):
        """Real psql on the server's socket, as ``user``: (exit status, stdout, stderr)."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        if password is not None:
            env["PGPASSWORD"] = password
        done = subprocess.run(
            ["psql", "-X", "-v", "ON_ERROR_STOP=1", "-h", str(self.base), "-U", user, "-d", database, *args, "-c", sql],
            capture_output=True,
            text=True,
            env=env,
        )
        return done.returncode, done.stdout, done.stderr

    def __exit__(self, *exc) -> None:
        subprocess.run([*self.prefix, "pg_ctl", "-D", str(self.data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(self.base, ignore_errors=True)
