"""Profile database user: on a shared PostgreSQL database, the database user (role) a profile
belongs to. Learners who connect as their own role can then not change each other's progress
through dockquiz; NULL (SQLite, and profiles made before this) belongs to nobody in particular.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("profile", sa.Column("db_user", sa.String(100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("profile") as batch:
        batch.drop_column("db_user")
