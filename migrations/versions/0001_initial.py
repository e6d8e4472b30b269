"""Initial schema: profile, deck, card, card_state, review.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

from dockquiz.storage.tables import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "profile",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("language", sa.String(10), nullable=True),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "deck",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("source_path", sa.Text(), nullable=True),
        sa.Column("source_hash", sa.String(64), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "card",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("deck_id", sa.Integer(), sa.ForeignKey("deck.id", ondelete="CASCADE"), nullable=False),
        sa.Column("key", sa.String(80), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("section", sa.JSON(), nullable=False),
        sa.Column("prompt_ja", sa.Text(), nullable=False),
        sa.Column("prompt_en", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("variants", sa.JSON(), nullable=False),
        sa.Column("command", sa.Text(), nullable=True),
        sa.Column("hints", sa.JSON(), nullable=False),
        sa.Column("content_hash", sa.String(40), nullable=False),
        sa.Column("source_line", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("deck_id", "key"),
    )
    op.create_index("ix_card_deck_status", "card", ["deck_id", "status"])
    op.create_index("ix_card_deck_ordinal", "card", ["deck_id", "ordinal"])
    op.create_index("ix_card_deck_command", "card", ["deck_id", "command"])
    op.create_table(
        "card_state",
        sa.Column("profile_id", sa.Integer(), sa.ForeignKey("profile.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("card_id", sa.Integer(), sa.ForeignKey("card.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("state", sa.Integer(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=True),
        sa.Column("stability", sa.Float(), nullable=True),
        sa.Column("difficulty", sa.Float(), nullable=True),
        sa.Column("due", UTCDateTime(), nullable=False),
        sa.Column("last_review", UTCDateTime(), nullable=True),
        sa.Column("reps", sa.Integer(), nullable=False),
        sa.Column("lapses", sa.Integer(), nullable=False),
    )
    op.create_index("ix_card_state_due", "card_state", ["profile_id", "due"])
    op.create_table(
        "review",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("profile_id", sa.Integer(), sa.ForeignKey("profile.id", ondelete="CASCADE"), nullable=False),
        sa.Column("card_id", sa.Integer(), sa.ForeignKey("card.id", ondelete="CASCADE"), nullable=False),
        sa.Column("reviewed_at", UTCDateTime(), nullable=False),
        sa.Column("typed", sa.Text(), nullable=False),
        sa.Column("verdict", sa.String(12), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("state_before", sa.JSON(), nullable=True),
        sa.Column("state_after", sa.JSON(), nullable=False),
    )
    op.create_index("ix_review_profile_time", "review", ["profile_id", "reviewed_at"])
    op.create_index("ix_review_card", "review", ["card_id"])


def downgrade() -> None:
    for index, table in (("ix_review_card", "review"), ("ix_review_profile_time", "review"),
                         ("ix_card_state_due", "card_state"), ("ix_card_deck_status", "card"),
                         ("ix_card_deck_ordinal", "card"), ("ix_card_deck_command", "card")):
        op.drop_index(index, table_name=table)
    for table in ("review", "card_state", "card", "deck", "profile"):
        op.drop_table(table)
