"""Burials as card state: a card skipped in study waits until the next study day in the table
``burial`` (profile, card, until), no longer in its profile's settings (``"buried"``: card id
-> ISO time). The burials in the settings move over (those of cards still there, with a time
that reads); the key leaves the settings, every other key stays as it was.

PostgreSQL: ``burial`` gets the row-level policy of ``card_state`` (revision 0007): a learner
reads and writes only the burials of its own profiles; the roles that hold a learner's
privileges on ``card_state`` get the same on ``burial``.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""
import json
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

from dockquiz.storage.tables import UTCDateTime

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

OWN = "profile_id IN (SELECT id FROM profile WHERE db_user = current_user)"
POSTGRESQL_ACCESS = (
    "ALTER TABLE burial ENABLE ROW LEVEL SECURITY",
    f"CREATE POLICY dockquiz_own ON burial FOR ALL USING ({OWN}) WITH CHECK ({OWN})",
    "REVOKE ALL ON burial FROM PUBLIC",
)
# the roles with a learner's privileges on card_state (revision 0007) get theirs on burial
LEARNERS = """
DO $$
DECLARE
    who text;
BEGIN
    FOR who IN
        SELECT DISTINCT pg_get_userbyid(a.grantee)
        FROM pg_class c, aclexplode(c.relacl) a
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = 'card_state'
          AND a.grantee NOT IN (0, c.relowner) AND a.privilege_type = 'INSERT'
    LOOP
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON burial TO %I', who);
    END LOOP;
END
$$
"""

profile = sa.table("profile", sa.column("id", sa.Integer), sa.column("settings", sa.JSON))
card = sa.table("card", sa.column("id", sa.Integer))
burial = sa.table(
    "burial", sa.column("profile_id", sa.Integer), sa.column("card_id", sa.Integer), sa.column("until", UTCDateTime)
)


def _when(value):
    try:
        when = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def _move_burials(conn) -> None:
    cards = set(conn.execute(sa.select(card.c.id)).scalars())
    for pid, settings in conn.execute(sa.select(profile.c.id, profile.c.settings)).all():
        if isinstance(settings, str):  # JSON text that SQLAlchemy did not read as JSON
            try:
                settings = json.loads(settings)
            except ValueError:
                continue
        if not isinstance(settings, dict) or "buried" not in settings:
            continue
        raw = settings["buried"]
        rows = {}
        for key, value in raw.items() if isinstance(raw, dict) else ():
            when = _when(value)
            if str(key).isdigit() and int(key) in cards and when is not None:
                rows[int(key)] = when
        if rows:
            conn.execute(sa.insert(burial), [{"profile_id": pid, "card_id": c, "until": u} for c, u in rows.items()])
        rest = {k: v for k, v in settings.items() if k != "buried"}
        conn.execute(sa.update(profile).where(profile.c.id == pid).values(settings=rest))


def upgrade() -> None:
    op.create_table(
        "burial",
        sa.Column("profile_id", sa.Integer(), sa.ForeignKey("profile.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("card_id", sa.Integer(), sa.ForeignKey("card.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("until", UTCDateTime(), nullable=False),
    )
    _move_burials(op.get_bind())
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRESQL_ACCESS + (LEARNERS,):
            op.execute(statement)


def downgrade() -> None:
    op.drop_table("burial")
