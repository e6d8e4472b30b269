"""Review aggregates for stats: counts per learner and UTC hour (``review_hour``) and per
confusion pair (``review_confusion``), kept by triggers on ``review`` in the writing
statement's own transaction, and backfilled from the reviews already there.

``stats`` read every review of the last year (1.7x Anki's statistics at 1,000,000 reviews);
it now reads a few thousand hour rows. PostgreSQL: the two tables get the same row-level
policy as ``review`` (revision 0007), and the roles that hold a learner's privileges on
``review`` get theirs on these tables (the triggers write as the learner).

The SQL is this revision's own (dockquiz.storage.aggregates holds today's, for a new
PostgreSQL database; a test checks they agree).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

CORRECT = "('exact', 'equivalent')"
HOUR_SQLITE = "CAST(strftime('%s', {r}.reviewed_at) AS INTEGER) / 3600"

SQLITE_ADD = """
INSERT INTO review_hour (profile_id, hour, reviews, correct, duration_ms, due, kept)
VALUES (NEW.profile_id, {hour}, 1, NEW.verdict IN {correct}, coalesce(NEW.duration_ms, 0),
        coalesce(NEW.prior_state = 2, 0), coalesce(NEW.prior_state = 2 AND NEW.rating > 1, 0))
ON CONFLICT (profile_id, hour) DO UPDATE SET reviews = reviews + 1, correct = correct + excluded.correct,
    duration_ms = duration_ms + excluded.duration_ms, due = due + excluded.due, kept = kept + excluded.kept;
INSERT INTO review_confusion (profile_id, expected, typed, n)
SELECT NEW.profile_id, e, t, count(*) FROM (
    SELECT json_extract(value, '$[0]') AS e, json_extract(value, '$[1]') AS t FROM json_each(NEW.confusions)
    WHERE NEW.confusions IS NOT NULL AND json_type(NEW.confusions) = 'array'
) WHERE e IS NOT NULL AND t IS NOT NULL GROUP BY e, t
ON CONFLICT (profile_id, expected, typed) DO UPDATE SET n = n + excluded.n;
""".format(hour=HOUR_SQLITE.format(r="NEW"), correct=CORRECT)

SQLITE_TAKE = """
UPDATE review_hour SET reviews = reviews - 1, correct = correct - (OLD.verdict IN {correct}),
    duration_ms = duration_ms - coalesce(OLD.duration_ms, 0), due = due - coalesce(OLD.prior_state = 2, 0),
    kept = kept - coalesce(OLD.prior_state = 2 AND OLD.rating > 1, 0)
WHERE profile_id = OLD.profile_id AND hour = {hour};
UPDATE review_confusion SET n = n - (
    SELECT count(*) FROM json_each(OLD.confusions)
    WHERE json_extract(value, '$[0]') = review_confusion.expected AND json_extract(value, '$[1]') = review_confusion.typed
)
WHERE OLD.confusions IS NOT NULL AND json_type(OLD.confusions) = 'array' AND profile_id = OLD.profile_id
  AND (expected, typed) IN (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(OLD.confusions));
""".format(hour=HOUR_SQLITE.format(r="OLD"), correct=CORRECT)

FIGURES = "profile_id, reviewed_at, verdict, rating, duration_ms, prior_state, confusions"
SQLITE = (
    f"CREATE TRIGGER review_counts_added AFTER INSERT ON review BEGIN {SQLITE_ADD} END",
    f"CREATE TRIGGER review_counts_removed AFTER DELETE ON review BEGIN {SQLITE_TAKE} END",
    f"CREATE TRIGGER review_counts_changed AFTER UPDATE OF {FIGURES} ON review BEGIN {SQLITE_TAKE} {SQLITE_ADD} END",
)

PG_HOUR = "floor(extract(epoch FROM reviewed_at) / 3600)::integer"
PG_GROUPED = f"""
SELECT profile_id, {PG_HOUR} AS hour, count(*) AS reviews,
       count(*) FILTER (WHERE verdict IN {CORRECT}) AS correct, coalesce(sum(duration_ms), 0) AS duration_ms,
       count(*) FILTER (WHERE prior_state = 2) AS due, count(*) FILTER (WHERE prior_state = 2 AND rating > 1) AS kept
FROM {{rows}} GROUP BY 1, 2"""
PG_PAIRS = """
SELECT r.profile_id, p.value ->> 0 AS expected, p.value ->> 1 AS typed, count(*) AS n
FROM {rows} r, jsonb_array_elements(CASE WHEN jsonb_typeof(r.confusions) = 'array' THEN r.confusions END) p
WHERE p.value ->> 0 IS NOT NULL AND p.value ->> 1 IS NOT NULL GROUP BY 1, 2, 3"""
PG_FUNCTION = f"""
CREATE FUNCTION dockquiz_review_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE review_hour h SET reviews = h.reviews - g.reviews, correct = h.correct - g.correct,
            duration_ms = h.duration_ms - g.duration_ms, due = h.due - g.due, kept = h.kept - g.kept
        FROM ({PG_GROUPED.format(rows="removed")}) g
        WHERE h.profile_id = g.profile_id AND h.hour = g.hour;
        UPDATE review_confusion c SET n = c.n - g.n
        FROM ({PG_PAIRS.format(rows="removed")}) g
        WHERE c.profile_id = g.profile_id AND c.expected = g.expected AND c.typed = g.typed;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO review_hour AS h (profile_id, hour, reviews, correct, duration_ms, due, kept)
        {PG_GROUPED.format(rows="added")}
        ON CONFLICT (profile_id, hour) DO UPDATE SET reviews = h.reviews + excluded.reviews,
            correct = h.correct + excluded.correct, duration_ms = h.duration_ms + excluded.duration_ms,
            due = h.due + excluded.due, kept = h.kept + excluded.kept;
        INSERT INTO review_confusion AS c (profile_id, expected, typed, n)
        {PG_PAIRS.format(rows="added")}
        ON CONFLICT (profile_id, expected, typed) DO UPDATE SET n = c.n + excluded.n;
    END IF;
    RETURN NULL;
END
$$"""
POSTGRESQL = (
    PG_FUNCTION,
    "CREATE TRIGGER review_counts_added AFTER INSERT ON review REFERENCING NEW TABLE AS added "
    "FOR EACH STATEMENT EXECUTE FUNCTION dockquiz_review_counts()",
    "CREATE TRIGGER review_counts_removed AFTER DELETE ON review REFERENCING OLD TABLE AS removed "
    "FOR EACH STATEMENT EXECUTE FUNCTION dockquiz_review_counts()",
    "CREATE TRIGGER review_counts_changed AFTER UPDATE ON review REFERENCING OLD TABLE AS removed NEW TABLE AS added "
    "FOR EACH STATEMENT EXECUTE FUNCTION dockquiz_review_counts()",
)
OWN = "profile_id IN (SELECT id FROM profile WHERE db_user = current_user)"
POSTGRESQL_ACCESS = (
    "ALTER TABLE review_hour ENABLE ROW LEVEL SECURITY",
    "ALTER TABLE review_confusion ENABLE ROW LEVEL SECURITY",
    f"CREATE POLICY dockquiz_own ON review_hour FOR ALL USING ({OWN}) WITH CHECK ({OWN})",
    f"CREATE POLICY dockquiz_own ON review_confusion FOR ALL USING ({OWN}) WITH CHECK ({OWN})",
    "REVOKE ALL ON review_hour, review_confusion FROM PUBLIC",
)
# the roles with a learner's privileges on review (revision 0007) get theirs on the counts
LEARNERS = """
DO $$
DECLARE
    who text;
BEGIN
    FOR who IN
        SELECT DISTINCT pg_get_userbyid(a.grantee)
        FROM pg_class c, aclexplode(c.relacl) a
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = 'review'
          AND a.grantee NOT IN (0, c.relowner) AND a.privilege_type = 'INSERT'
    LOOP
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON review_hour, review_confusion TO %I', who);
    END LOOP;
END
$$
"""

BACKFILL_SQLITE = (
    f"""INSERT INTO review_hour (profile_id, hour, reviews, correct, duration_ms, due, kept)
    SELECT profile_id, {HOUR_SQLITE.format(r="review")}, count(*), sum(verdict IN {CORRECT}), coalesce(sum(duration_ms), 0),
           sum(coalesce(prior_state = 2, 0)), sum(coalesce(prior_state = 2 AND rating > 1, 0))
    FROM review GROUP BY 1, 2""",
    """INSERT INTO review_confusion (profile_id, expected, typed, n)
    SELECT profile_id, e, t, count(*) FROM (
        SELECT review.profile_id, json_extract(p.value, '$[0]') AS e, json_extract(p.value, '$[1]') AS t
        FROM review, json_each(review.confusions) p
        WHERE review.confusions IS NOT NULL AND json_type(review.confusions) = 'array'
    ) WHERE e IS NOT NULL AND t IS NOT NULL GROUP BY 1, 2, 3""",
)
BACKFILL_POSTGRESQL = (
    f"INSERT INTO review_hour (profile_id, hour, reviews, correct, duration_ms, due, kept) {PG_GROUPED.format(rows='review')}",
    f"INSERT INTO review_confusion (profile_id, expected, typed, n) {PG_PAIRS.format(rows='review')}",
)


def upgrade() -> None:
    op.create_table(
        "review_hour",
        sa.Column("profile_id", sa.Integer(), sa.ForeignKey("profile.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("hour", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("reviews", sa.Integer(), nullable=False),
        sa.Column("correct", sa.Integer(), nullable=False),
        sa.Column("duration_ms", sa.BigInteger(), nullable=False),
        sa.Column("due", sa.Integer(), nullable=False),
        sa.Column("kept", sa.Integer(), nullable=False),
    )
    op.create_table(
        "review_confusion",
        sa.Column("profile_id", sa.Integer(), sa.ForeignKey("profile.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("expected", sa.Text(), primary_key=True),
        sa.Column("typed", sa.Text(), primary_key=True),
        sa.Column("n", sa.Integer(), nullable=False),
    )
    postgresql = op.get_bind().dialect.name == "postgresql"
    for statement in BACKFILL_POSTGRESQL if postgresql else BACKFILL_SQLITE:
        op.execute(statement)
    for statement in POSTGRESQL + POSTGRESQL_ACCESS + (LEARNERS,) if postgresql else SQLITE:
        op.execute(statement)


def downgrade() -> None:
    for name in ("review_counts_added", "review_counts_removed", "review_counts_changed"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}" + (" ON review" if op.get_bind().dialect.name == "postgresql" else ""))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS dockquiz_review_counts()")
    op.drop_table("review_confusion")
    op.drop_table("review_hour")
