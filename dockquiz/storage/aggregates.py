"""What ``stats`` counts, kept by the database (tables ``review_hour`` and ``review_confusion``).

Triggers on ``review`` add each review written (an answer, a merged export) and take away each
review removed (undo, or with its card, deck or profile by the foreign keys' cascades), so a
learner's figures read a few thousand hour rows instead of every review ever made. They run in
the writing statement's own transaction: the counts are never out of step with the reviews.

Revision 0008 installs them (SQLite databases are always made by the revisions); a new
PostgreSQL database, made from the models (see ``db._create_postgresql``), gets them from
:func:`install`, and a test checks both ways give the same definitions. SQLite's triggers run
once per row, PostgreSQL's once per statement over its transition tables (a merge of 100,000
reviews is one grouped update). On a class database the triggers write as the teacher (SECURITY DEFINER,
revision 0011): a learner reads its own counts and never writes them (see ``access``).
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from dockquiz.vocabulary import CORRECT_VERDICTS

CORRECT = "(" + ", ".join(f"'{v}'" for v in CORRECT_VERDICTS) + ")"  # as SQL: ('exact', 'equivalent')

_PG_HOUR = "floor(extract(epoch FROM reviewed_at) / 3600)::integer"
_PG_GROUPED = f"""
SELECT profile_id, {_PG_HOUR} AS hour, count(*) AS reviews,
       count(*) FILTER (WHERE verdict IN {CORRECT}) AS correct, coalesce(sum(duration_ms), 0) AS duration_ms,
       count(*) FILTER (WHERE prior_state = 2) AS due, count(*) FILTER (WHERE prior_state = 2 AND rating > 1) AS kept
FROM {{rows}} GROUP BY 1, 2"""
_PG_PAIRS = """
SELECT r.profile_id, p.value ->> 0 AS expected, p.value ->> 1 AS typed, count(*) AS n
FROM {rows} r, jsonb_array_elements(CASE WHEN jsonb_typeof(r.confusions) = 'array' THEN r.confusions END) p
WHERE p.value ->> 0 IS NOT NULL AND p.value ->> 1 IS NOT NULL GROUP BY 1, 2, 3"""

PG_FUNCTION = f"""
CREATE FUNCTION dockquiz_review_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE review_hour h SET reviews = h.reviews - g.reviews, correct = h.correct - g.correct,
            duration_ms = h.duration_ms - g.duration_ms, due = h.due - g.due, kept = h.kept - g.kept
        FROM ({_PG_GROUPED.format(rows="removed")}) g
        WHERE h.profile_id = g.profile_id AND h.hour = g.hour;
        UPDATE review_confusion c SET n = c.n - g.n
        FROM ({_PG_PAIRS.format(rows="removed")}) g
        WHERE c.profile_id = g.profile_id AND c.expected = g.expected AND c.typed = g.typed;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO review_hour AS h (profile_id, hour, reviews, correct, duration_ms, due, kept)
        {_PG_GROUPED.format(rows="added")}
        ON CONFLICT (profile_id, hour) DO UPDATE SET reviews = h.reviews + excluded.reviews,
            correct = h.correct + excluded.correct, duration_ms = h.duration_ms + excluded.duration_ms,
            due = h.due + excluded.due, kept = h.kept + excluded.kept;
        INSERT INTO review_confusion AS c (profile_id, expected, typed, n)
        {_PG_PAIRS.format(rows="added")}
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

# a class database: the rows of the learner's own profiles, as on review (revision 0007)
_OWN = "profile_id IN (SELECT id FROM profile WHERE db_user = current_user)"
POSTGRESQL_ACCESS = (
    "ALTER TABLE review_hour ENABLE ROW LEVEL SECURITY",
    "ALTER TABLE review_confusion ENABLE ROW LEVEL SECURITY",
    f"CREATE POLICY dockquiz_own ON review_hour FOR ALL USING ({_OWN}) WITH CHECK ({_OWN})",
    f"CREATE POLICY dockquiz_own ON review_confusion FOR ALL USING ({_OWN}) WITH CHECK ({_OWN})",
    "REVOKE ALL ON review_hour, review_confusion FROM PUBLIC",
)
# the triggers write the counts as the function's owner, the teacher, from the reviews the
# learner's own policy let through; a learner only reads its counts (revision 0011)
SECURED = (
    "ALTER FUNCTION dockquiz_review_counts() SECURITY DEFINER",
    "DO $$ BEGIN EXECUTE 'ALTER FUNCTION dockquiz_review_counts() SET search_path = pg_catalog, ' "
    "|| quote_ident(current_schema()); END $$",
    "REVOKE ALL ON FUNCTION dockquiz_review_counts() FROM PUBLIC",
)


def install(conn: Connection) -> None:
    """The triggers and policies on a new PostgreSQL database whose tables were just made."""
    for statement in POSTGRESQL + POSTGRESQL_ACCESS + SECURED:
        conn.exec_driver_sql(statement)
