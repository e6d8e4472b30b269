"""Card times in SQLAlchemy's SQLite format.

Imports before this revision wrote ``card.created_at`` / ``updated_at`` through sqlite3's
own datetime adapter, which drops ``.000000`` at a whole second
(``2026-11-28 09:00:00`` where SQLAlchemy writes ``2026-11-28 09:00:00.000000``). Both
read back the same, but they would not compare as equal in SQL. Other databases store
real timestamps and need nothing.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for column in ("created_at", "updated_at"):
        op.execute(f"UPDATE card SET {column} = {column} || '.000000' WHERE length({column}) = 19")


def downgrade() -> None:
    pass   # the longer form is what SQLAlchemy writes anyway
