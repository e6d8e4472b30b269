"""The class's figures from the counts: ``stats --class`` read every review of the last 26
weeks through ``review_figures`` (7.3 s at 10,000,000 reviews of 200 learners); it now reads
the per-hour counts of revision 0008 through a view beside it, ``review_hour_figures``
(learner, hour, reviews, due, kept: what the class view shows, nothing a learner typed), and
the cards the class forgets most through an index of the reviews rated Again
(``ix_review_again``, partial, on both databases).

PostgreSQL: the view is owned by the teacher, so it passes ``review_hour``'s row-level policy
as ``review_figures`` passes ``review``'s; the roles that hold a learner's privileges on
``review_figures`` (revision 0007) get SELECT on it; PUBLIC none. SQLite keeps no roles: its
class view reads ``review_hour`` itself.

The SQL is this revision's own (dockquiz.storage.access holds today's view, for a new
PostgreSQL database; a test checks both ways give the same).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

POSTGRESQL = (
    "CREATE VIEW review_hour_figures AS SELECT profile_id, hour, reviews, due, kept FROM review_hour",
    "REVOKE ALL ON review_hour_figures FROM PUBLIC",
)
# the roles that read the class's figures (revision 0007's learners) read these too
LEARNERS = """
DO $$
DECLARE
    who text;
BEGIN
    FOR who IN
        SELECT DISTINCT pg_get_userbyid(a.grantee)
        FROM pg_class c, aclexplode(c.relacl) a
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = 'review_figures'
          AND a.grantee NOT IN (0, c.relowner) AND a.privilege_type = 'SELECT'
    LOOP
        EXECUTE format('GRANT SELECT ON review_hour_figures TO %I', who);
    END LOOP;
END
$$
"""


def upgrade() -> None:
    op.create_index(
        "ix_review_again",
        "review",
        ["reviewed_at", "card_id", "profile_id"],
        sqlite_where=sa.text("rating = 1"),
        postgresql_where=sa.text("rating = 1"),
    )
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRESQL + (LEARNERS,):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP VIEW review_hour_figures")
    op.drop_index("ix_review_again", table_name="review")
