"""The class view's review times to the quarter hour, not the hour (revision 0011 cut them to
the hour): ``stats --class`` counts a learner's days from them, and a day that starts at 04:00
in +5:30 or +5:45 starts between two UTC hours, so the hour miscounted it. Every UTC offset in
use is a whole quarter hour; nobody reads a classmate's review times to the second still.

The SQL is this revision's own (``dockquiz.storage.access`` holds today's, for a new
PostgreSQL database; a test checks both ways give the same). SQLite: nothing.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

QUARTER = (
    "CREATE OR REPLACE VIEW review_figures AS SELECT id, profile_id, card_id, "
    "date_trunc('hour', reviewed_at) + floor(extract(minute FROM reviewed_at) / 15) * interval '15 minutes' "
    "AS reviewed_at, rating, prior_state FROM review"
)
HOUR = (
    "CREATE OR REPLACE VIEW review_figures AS SELECT id, profile_id, card_id, "
    "date_trunc('hour', reviewed_at) AS reviewed_at, rating, prior_state FROM review"
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(QUARTER)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(HOUR)
