"""Class access, closed further (found by a new user with two learners and psql):

- profile names: a learner made profiles named after the teacher or a classmate not yet
  added (the insert policy checked only ``db_user = current_user``), and ``class add`` of
  that classmate then left the name someone else's. A learner's new profile now has its own
  login's name or a name no role on the server has;
- review_figures: every classmate's review times to the second; its ``reviewed_at`` is now
  the hour the review began (what ``stats --class`` counts: reviews per learner and hour, as
  ``review_hour_figures`` shows them);
- the per-hour counts: a learner could write its own ``review_hour`` and
  ``review_confusion`` rows (any figure the class view shows); the triggers on ``review`` now
  write them as the function's owner, the teacher (SECURITY DEFINER, the search path fixed to
  this schema), from the reviews the learner's own policy let through, and learners only
  read them.

The SQL is this revision's own (``dockquiz.storage.access`` and ``aggregates`` hold today's,
for a new PostgreSQL database; a test checks both ways give the same). SQLite: nothing.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

NAMED = (
    "db_user = current_user AND (name = current_user "
    "OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = profile.name))"
)
POSTGRESQL = (
    "DROP POLICY dockquiz_own_insert ON profile",
    f"CREATE POLICY dockquiz_own_insert ON profile FOR INSERT WITH CHECK ({NAMED})",
    "CREATE OR REPLACE VIEW review_figures AS SELECT id, profile_id, card_id, "
    "date_trunc('hour', reviewed_at) AS reviewed_at, rating, prior_state FROM review",
    "ALTER FUNCTION dockquiz_review_counts() SECURITY DEFINER",
    "DO $$ BEGIN EXECUTE 'ALTER FUNCTION dockquiz_review_counts() SET search_path = pg_catalog, ' "
    "|| quote_ident(current_schema()); END $$",
    "REVOKE ALL ON FUNCTION dockquiz_review_counts() FROM PUBLIC",
)
# the roles holding a learner's privileges on the counts (revision 0008) now only read them
LEARNERS = """
DO $$
DECLARE
    who text;
BEGIN
    FOR who IN
        SELECT DISTINCT pg_get_userbyid(a.grantee)
        FROM pg_class c, aclexplode(c.relacl) a
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relname IN ('review_hour', 'review_confusion')
          AND a.grantee NOT IN (0, c.relowner)
    LOOP
        EXECUTE format('REVOKE INSERT, UPDATE, DELETE ON review_hour, review_confusion FROM %I', who);
    END LOOP;
END
$$
"""
UNDO = (
    "DROP POLICY dockquiz_own_insert ON profile",
    "CREATE POLICY dockquiz_own_insert ON profile FOR INSERT WITH CHECK (db_user = current_user)",
    "CREATE OR REPLACE VIEW review_figures AS SELECT id, profile_id, card_id, reviewed_at, rating, prior_state FROM review",
    "ALTER FUNCTION dockquiz_review_counts() SECURITY INVOKER RESET search_path",
)
UNDO_LEARNERS = LEARNERS.replace("REVOKE INSERT, UPDATE, DELETE", "GRANT INSERT, UPDATE, DELETE").replace(
    "review_confusion FROM %I", "review_confusion TO %I"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in POSTGRESQL + (LEARNERS,):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in UNDO + (UNDO_LEARNERS,):
        op.execute(statement)
