"""Who may change what on a shared PostgreSQL database, said by the database itself.

- The teacher: the role that owns dockquiz's tables (the login that first ran dockquiz on the
  database) and its members, and superusers. PostgreSQL lets a table's owner pass row-level
  security: the teacher changes decks, cards and everything else.
- A learner: a login ``dockquiz class add`` made (or one the README's old recipe granted
  tables to, converted by revision 0007). It reads the decks, the cards and every profile's
  name; reads and writes only its own profiles' reviews, card states, burials and settings; makes
  profiles only of its own login's name or a name no role on the server has (revision 0011);
  reads its own per-hour counts, which review's triggers write (as the teacher, revision 0011);
  sees the class's reviews only as the figures ``stats --class`` counts (the ``review_figures``
  view, whose times are hours, and the per-hour counts beside it, ``review_hour_figures``:
  revisions 0010, 0011).

Revision 0007 installs the policies on a database made before it (0009 burial's); a new database gets them
from :func:`install` right after its tables (a test checks both ways give the same rules).
The learner's privileges are granted by :func:`grant_learner` (``class add``). SQLite has
none of this: the file's permissions say who may write it.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, Table
from sqlalchemy.engine import Connection

from dockquiz.storage.tables import UTCDateTime

TABLES = ("profile", "deck", "card", "card_state", "review", "burial")
_OWN = "profile_id IN (SELECT id FROM profile WHERE db_user = current_user)"
_NAMED = (
    "db_user = current_user AND (name = current_user "
    "OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = profile.name))"
)
POLICIES = (
    "CREATE POLICY dockquiz_read ON profile FOR SELECT USING (true)",
    # a new profile has the learner's own login's name or no role's (revision 0011): never the
    # teacher's, nor a classmate's to be
    f"CREATE POLICY dockquiz_own_insert ON profile FOR INSERT WITH CHECK ({_NAMED})",
    "CREATE POLICY dockquiz_own_update ON profile FOR UPDATE USING (db_user = current_user) WITH CHECK (db_user = current_user)",
    "CREATE POLICY dockquiz_read ON deck FOR SELECT USING (true)",
    "CREATE POLICY dockquiz_read ON card FOR SELECT USING (true)",
    f"CREATE POLICY dockquiz_own ON card_state FOR ALL USING ({_OWN}) WITH CHECK ({_OWN})",
    f"CREATE POLICY dockquiz_own ON review FOR ALL USING ({_OWN}) WITH CHECK ({_OWN})",
    f"CREATE POLICY dockquiz_own ON burial FOR ALL USING ({_OWN}) WITH CHECK ({_OWN})",  # revision 0009
)
# reviewed_at is the quarter hour a review began (revision 0012; 0011 the hour): nobody reads a classmate's
# review times to the second, and a learning day's start, on the quarter hour in every UTC
# offset in use (+5:30, +5:45), still falls between two of them, so the class's days count right
_VIEW = (
    "CREATE VIEW review_figures AS SELECT id, profile_id, card_id, "
    "date_trunc('hour', reviewed_at) + floor(extract(minute FROM reviewed_at) / 15) * interval '15 minutes' "
    "AS reviewed_at, rating, prior_state FROM review"
)
# stats --class (revision 0010): the class's per-hour counts, read past review_hour's policy as
# review_figures reads past review's
_HOUR_VIEW = "CREATE VIEW review_hour_figures AS SELECT profile_id, hour, reviews, due, kept FROM review_hour"

# everyone's reviews as the class view counts them (PostgreSQL; SQLite reads ``review``)
review_figures = Table(
    "review_figures",
    MetaData(),  # not the schema's metadata: a view, never created as a table
    Column("id", Integer, primary_key=True),
    Column("profile_id", Integer),
    Column("card_id", Integer),
    Column("reviewed_at", UTCDateTime),
    Column("rating", Integer),
    Column("prior_state", Integer),
)
review_hour_figures = Table(
    "review_hour_figures",
    MetaData(),
    Column("profile_id", Integer, primary_key=True),
    Column("hour", Integer, primary_key=True),
    Column("reviews", Integer),
    Column("due", Integer),
    Column("kept", Integer),
)


def install(conn: Connection) -> None:
    """The policies and the views, on a new PostgreSQL database (in its creating transaction)."""
    for table in TABLES:
        conn.exec_driver_sql(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    for policy in POLICIES:
        conn.exec_driver_sql(policy)
    conn.exec_driver_sql(_VIEW)
    conn.exec_driver_sql(_HOUR_VIEW)
    conn.exec_driver_sql(
        "REVOKE ALL ON alembic_version, profile, deck, card, card_state, review, burial, review_hour_figures FROM PUBLIC"
    )


def review_source(bind) -> Table:
    """Where the class's reviews are counted from: the view on PostgreSQL, the table on SQLite."""
    from dockquiz.storage.tables import review

    return review_figures if bind.dialect.name == "postgresql" else review


def hour_source(bind) -> Table:
    """Where the class's per-hour counts are read from: the view on PostgreSQL, the table on SQLite."""
    from dockquiz.storage.tables import review_hour

    return review_hour_figures if bind.dialect.name == "postgresql" else review_hour


def _sequences(raw) -> list:
    from psycopg import sql

    query = (
        "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.oid = pg_get_serial_sequence(%s, 'id')::regclass"
    )
    return [sql.Identifier(*raw.execute(query, (table,)).fetchone()) for table in ("profile", "review")]


def learner_grants(raw, login: str) -> list:
    """The statements that give the existing role ``login`` a learner's privileges (psycopg
    ``sql`` objects on the raw psycopg connection ``raw``: the name is an identifier, never
    formatted into the text). CONNECT and the schema's USAGE only where PUBLIC's do not serve."""
    from psycopg import sql

    who = sql.Identifier(login)
    database, schema, connect, usage = raw.execute(
        "SELECT current_database(), current_schema(), has_database_privilege(%s, current_database(), 'CONNECT'), "
        "has_schema_privilege(%s, current_schema(), 'USAGE')",
        (login, login),
    ).fetchone()
    grants = [] if connect else [sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), who)]
    grants += [] if usage else [sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sql.Identifier(schema), who)]
    return grants + [
        sql.SQL("GRANT SELECT ON alembic_version, deck, card, review_figures, review_hour_figures TO {}").format(who),
        sql.SQL(
            "GRANT SELECT, INSERT (name, language, settings, created_at, db_user), UPDATE (language, settings) ON profile TO {}"
        ).format(who),
        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON card_state, burial TO {}").format(who),
        sql.SQL("GRANT SELECT, INSERT, DELETE ON review TO {}").format(who),
        # the counts stats reads, written by review's triggers as the teacher (revision 0011)
        sql.SQL("GRANT SELECT ON review_hour, review_confusion TO {}").format(who),
        sql.SQL("GRANT USAGE ON SEQUENCE {}, {} TO {}").format(*_sequences(raw), who),
    ]


def revoke_learner(raw, login: str) -> list:
    """The statements that take a learner's privileges on this database away from ``login``."""
    from psycopg import sql

    who = sql.Identifier(login)
    database = raw.execute("SELECT current_database()").fetchone()[0]
    return [
        sql.SQL(
            "REVOKE ALL ON alembic_version, profile, deck, card, card_state, burial, review, review_figures, review_hour, "
            "review_confusion, review_hour_figures FROM {}"
        ).format(who),
        sql.SQL("REVOKE ALL ON SEQUENCE {}, {} FROM {}").format(*_sequences(raw), who),
        sql.SQL("REVOKE CONNECT ON DATABASE {} FROM {}").format(sql.Identifier(database), who),
    ]


_LEARNERS = """
SELECT DISTINCT pg_get_userbyid(a.grantee)
FROM pg_class c, aclexplode(c.relacl) a
WHERE c.relnamespace = current_schema()::regnamespace
  AND c.relname IN ('alembic_version', 'profile', 'deck', 'card', 'card_state', 'review')
  AND a.grantee NOT IN (0, c.relowner)
ORDER BY 1
"""


def learners(conn: Connection) -> list[str]:
    """The roles holding privileges on dockquiz's tables, other than their owner."""
    return [row[0] for row in conn.exec_driver_sql(_LEARNERS)]


_ROLE = """
SELECT r.rolsuper OR r.rolbypassrls OR pg_has_role(current_user, c.relowner, 'USAGE'),
       pg_get_userbyid(c.relowner), current_user, r.rolsuper OR r.rolcreaterole
FROM pg_roles r, pg_class c
WHERE r.rolname = current_user AND c.oid = to_regclass('deck')
"""


def role(conn: Connection) -> tuple[bool, str, str, bool]:
    """(is the teacher, the teacher's role, this login, may create logins) on PostgreSQL."""
    row = conn.exec_driver_sql(_ROLE).one()
    return bool(row[0]), row[1], row[2], bool(row[3])


def class_role(session) -> tuple[bool, str, str, bool] | None:
    """On PostgreSQL: (is the teacher, the teacher's role, this login, may create logins), read
    once per connection; None on SQLite (whoever may write the file does). ``session``: an
    ORM Session or a Core Connection (an import runs on Core only)."""
    conn = session if hasattr(session, "exec_driver_sql") else session.connection()
    if conn.dialect.name != "postgresql":
        return None
    found = conn.info.get("dockquiz_role")
    if found is None:
        found = conn.info["dockquiz_role"] = role(conn)
    return found


def is_teacher(session) -> bool:
    """Whether this login may change decks and cards (always, on SQLite)."""
    found = class_role(session)
    return found is None or found[0]


def require_teacher(session) -> None:
    """Refuse (NotYours, one line) a learner's change to the class's decks or cards, before the
    database would refuse it."""
    from dockquiz.errors import NotYours

    found = class_role(session)
    if found is not None and not found[0]:
        raise NotYours("error.teacher_only", owner=found[1], user=found[2])
