"""The few SQL expressions that SQLite and PostgreSQL spell differently, in one place. Every
figure in ``stats`` and an export's reviews are one query on both; only these expressions
switch on the dialect."""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import Integer, cast, func, literal_column


def hour_of(column, dialect: str):
    """A time column's UTC hour, to group by: on SQLite a prefix of the stored text (cheap,
    no date parsing per row), on PostgreSQL ``date_trunc`` (sessions run in UTC)."""
    return func.substr(column, 1, 13) if dialect == "sqlite" else func.date_trunc("hour", column)


def as_hour(value: str | datetime) -> datetime:
    """What hour_of returns, as an aware UTC datetime."""
    if isinstance(value, str):
        return datetime.fromisoformat(value + ":00").replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


def whole_days_since(now: datetime, column, dialect: str):
    """Whole days from ``column`` to ``now`` (never below 0)."""
    if dialect == "sqlite":  # times are stored as UTC text
        days = func.julianday(now.astimezone(timezone.utc).replace(tzinfo=None)) - func.julianday(column)
        return func.max(0, cast(days, Integer))
    seconds = func.extract("epoch", now - column)
    return func.greatest(0, cast(func.floor(seconds / 86400), Integer))


def pairs_of(column, dialect: str):
    """A JSON list of [expected, typed] pairs as rows: (the table to join, expected, typed)."""
    if dialect == "sqlite":
        pairs = func.json_each(column).table_valued("value").alias("pair")
        return pairs, func.json_extract(pairs.c.value, "$[0]"), func.json_extract(pairs.c.value, "$[1]")
    pairs = func.jsonb_array_elements(column).table_valued("value").alias("pair")
    return pairs, pairs.c.value.op("->>")(0), pairs.c.value.op("->>")(1)


def shifted_date(column, seconds: int, dialect: str):
    """The calendar date of ``column`` moved by ``seconds`` (a study day's offset)."""
    if dialect == "sqlite":
        return func.date(column, literal_column(f"'{seconds:+d} seconds'"))
    return func.date(column + literal_column(f"interval '{seconds} seconds'"))


def as_date(value: str | date) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def json_building(column_time, dialect: str):
    """How the database writes a JSON object itself: (a time column as ISO-8601 text with its
    offset, the function building an object from names and values, a JSON column as JSON)."""
    if dialect == "postgresql":
        return func.to_json(column_time), func.json_build_object, (lambda c: c)
    at = func.replace(column_time, literal_column("' '"), literal_column("'T'")).concat("+00:00")
    return at, func.json_object, func.json
