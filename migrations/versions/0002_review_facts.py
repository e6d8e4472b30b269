"""Review facts for stats: the state before the answer, and confusions.

- ``prior_state``: FSRS state before the answer (NULL for a new card), so true retention
  is a plain aggregate; backfilled from ``state_before``.
- ``confusions``: [[expected, typed], ...] when one valid token was typed for another,
  with a partial index (most reviews have none).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""
import json

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("review") as batch:
        batch.add_column(sa.Column("prior_state", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("confusions", sa.JSON(), nullable=True))
    op.create_index("ix_review_prior_state", "review", ["profile_id", "prior_state", "reviewed_at", "rating"])
    op.create_index("ix_review_confusions", "review", ["profile_id"],
                    sqlite_where=sa.text("confusions IS NOT NULL"),
                    postgresql_where=sa.text("confusions IS NOT NULL"))
    conn = op.get_bind()
    review = sa.table("review", sa.column("id", sa.Integer), sa.column("state_before", sa.Text),
                      sa.column("prior_state", sa.Integer))
    rows = conn.execute(sa.select(review.c.id, review.c.state_before)
                        .where(review.c.state_before.isnot(None), review.c.state_before != "null")).all()
    updates = []
    for rid, raw in rows:
        value = json.loads(raw) if isinstance(raw, str) else raw
        if isinstance(value, dict) and value.get("state") is not None:
            updates.append({"rid": rid, "state": int(value["state"])})
    if updates:
        conn.execute(review.update().where(review.c.id == sa.bindparam("rid"))
                     .values(prior_state=sa.bindparam("state")), updates)


def downgrade() -> None:
    op.drop_index("ix_review_confusions", table_name="review")
    op.drop_index("ix_review_prior_state", table_name="review")
    with op.batch_alter_table("review") as batch:
        batch.drop_column("confusions")
        batch.drop_column("prior_state")
