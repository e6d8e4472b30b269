"""Repair: one shape for every database an earlier dockquiz made.

Revision 0001 was edited after it shipped, and the id 0002 was used for two different
migrations ("review confusions", then "review facts"). Databases made on the way are
stamped 0001 or 0002 but lack what later code reads:

- ``card.content_hash`` (0001 as first shipped, and as shipped from 5901cd0 to 14c618b);
- ``review.prior_state`` (0002 "review confusions" added only ``confusions``);
- the indexes ``ix_card_deck_command``, ``ix_card_deck_ordinal``, ``ix_review_confusions``
  and ``ix_review_prior_state`` (narrower, without ``rating``, from 5901cd0).

This revision adds whatever is missing and backfills ``prior_state`` from ``state_before``;
on a database already in shape it changes nothing. Columns only ever added, never a table
rebuilt (rebuilding ``card`` would cascade-delete reviews through its foreign keys).
``card_state.buried_until`` of the first 0001 stays, unread.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""
import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_card_deck_command": ("card", ["deck_id", "command"], None),
    "ix_card_deck_ordinal": ("card", ["deck_id", "ordinal"], None),
    "ix_review_prior_state": ("review", ["profile_id", "prior_state", "reviewed_at", "rating"], None),
    "ix_review_confusions": ("review", ["profile_id"], "confusions IS NOT NULL"),
}


def upgrade() -> None:
    conn = op.get_bind()
    inspector = sa.inspect(conn)
    card_columns = {c["name"] for c in inspector.get_columns("card")}
    review_columns = {c["name"] for c in inspector.get_columns("review")}
    if "content_hash" not in card_columns:
        op.add_column("card", sa.Column("content_hash", sa.String(40), nullable=False, server_default=""))
    if "confusions" not in review_columns:
        op.add_column("review", sa.Column("confusions", sa.JSON(), nullable=True))
    if "prior_state" not in review_columns:
        op.add_column("review", sa.Column("prior_state", sa.Integer(), nullable=True))
        _backfill_prior_state(conn)
    existing = {i["name"]: i for table in ("card", "review") for i in inspector.get_indexes(table)}
    for name, (table, columns, where) in INDEXES.items():
        found = existing.get(name)
        if found is not None and list(found["column_names"]) == columns:
            continue
        if found is not None:
            op.drop_index(name, table_name=table)
        kw = {"sqlite_where": sa.text(where), "postgresql_where": sa.text(where)} if where else {}
        op.create_index(name, table, columns, **kw)


def _backfill_prior_state(conn) -> None:
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
    pass   # nothing to undo: 0003's schema is this one, where 0003 was applied as shipped last
