"""Class access: on a shared PostgreSQL database the database itself says who may change what.

The teacher is the role that owns dockquiz's tables (and its members): PostgreSQL lets a
table's owner pass row-level security, so the teacher changes everything. Every other role
(a learner, a login made with ``dockquiz class add``) meets these policies:

- profile: every row readable; a new row and changes to an existing one only where
  ``db_user = current_user``;
- deck, card: readable; no policy lets a learner write them;
- card_state, review: only the rows of the learner's own profiles, to read and to write;
- review_figures: a view (owned by the teacher, so it passes the policies) with the columns
  ``stats --class`` counts, for everyone's reviews; never what a learner typed.

A database made before this revision had learners with the old README's grants (SELECT,
INSERT, UPDATE, DELETE on all tables): every role but the owner that holds a privilege on
dockquiz's tables is given a learner's privileges instead, and PUBLIC none. SQLite: nothing
(the file's permissions say who may write it).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TABLES = ("profile", "deck", "card", "card_state", "review")
OWN = "profile_id IN (SELECT id FROM profile WHERE db_user = current_user)"
POLICIES = (
    "CREATE POLICY dockquiz_read ON profile FOR SELECT USING (true)",
    "CREATE POLICY dockquiz_own_insert ON profile FOR INSERT WITH CHECK (db_user = current_user)",
    "CREATE POLICY dockquiz_own_update ON profile FOR UPDATE USING (db_user = current_user) WITH CHECK (db_user = current_user)",
    "CREATE POLICY dockquiz_read ON deck FOR SELECT USING (true)",
    "CREATE POLICY dockquiz_read ON card FOR SELECT USING (true)",
    f"CREATE POLICY dockquiz_own ON card_state FOR ALL USING ({OWN}) WITH CHECK ({OWN})",
    f"CREATE POLICY dockquiz_own ON review FOR ALL USING ({OWN}) WITH CHECK ({OWN})",
)
VIEW = (
    "CREATE VIEW review_figures AS SELECT id, profile_id, card_id, reviewed_at, rating, prior_state FROM review"
)
# a learner's privileges, for each role of the old recipe (names quoted by format's %I)
LEARNERS = """
DO $$
DECLARE
    who text;
BEGIN
    FOR who IN
        SELECT DISTINCT pg_get_userbyid(a.grantee)
        FROM pg_class c, aclexplode(c.relacl) a
        WHERE c.relnamespace = current_schema()::regnamespace
          AND c.relname IN ('alembic_version', 'profile', 'deck', 'card', 'card_state', 'review')
          AND a.grantee NOT IN (0, c.relowner)
    LOOP
        EXECUTE format('REVOKE ALL ON alembic_version, profile, deck, card, card_state, review FROM %I', who);
        EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM %I', current_schema(), who);
        EXECUTE format('GRANT SELECT ON alembic_version, deck, card, review_figures TO %I', who);
        EXECUTE format('GRANT SELECT, INSERT (name, language, settings, created_at, db_user), '
                       'UPDATE (language, settings) ON profile TO %I', who);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON card_state TO %I', who);
        EXECUTE format('GRANT SELECT, INSERT, DELETE ON review TO %I', who);
        EXECUTE format('GRANT USAGE ON SEQUENCE %s, %s TO %I',
                       pg_get_serial_sequence('profile', 'id'), pg_get_serial_sequence('review', 'id'), who);
    END LOOP;
END
$$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    for policy in POLICIES:
        op.execute(policy)
    op.execute(VIEW)
    op.execute(LEARNERS)
    op.execute("REVOKE ALL ON alembic_version, profile, deck, card, card_state, review FROM PUBLIC")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP VIEW review_figures")
    for table in TABLES:
        op.execute(f"DROP POLICY IF EXISTS dockquiz_read ON {table}")
        op.execute(f"DROP POLICY IF EXISTS dockquiz_own ON {table}")
        op.execute(f"DROP POLICY IF EXISTS dockquiz_own_insert ON {table}")
        op.execute(f"DROP POLICY IF EXISTS dockquiz_own_update ON {table}")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
