"""Deck key name: the name a deck's card keys were made with.

Card keys hash the deck's name (``stable_key(kind, deck, …)``). A deck renamed with
``dockquiz deck rename`` keeps making the same keys on re-import by keeping the name its
cards were keyed with here; NULL means the deck's own name.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("deck", sa.Column("key_name", sa.String(200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("deck") as batch:
        batch.drop_column("key_name")
