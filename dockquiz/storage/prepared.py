"""A Core statement compiled once for a dialect, its parameters and rows processed as
``Connection.execute`` processes them, for the DBAPI cursor: without SQLAlchemy's per-execute
work (a cache key, an execution context, a result object). An answer's statements run so
(:func:`dockquiz.storage.study.run`), and an import's INSERT of its new cards, as one
executemany (:func:`dockquiz.importing.merge`)."""

from __future__ import annotations

from collections import namedtuple


class Prepared:
    """A statement compiled for a dialect: its SQL, its parameters in order (or by name), and
    the types' own bind and result processors, as ``Connection.execute`` applies them."""

    def __init__(self, stmt, dialect) -> None:
        compiled = stmt.compile(dialect=dialect)
        self.sql, self.dialect = compiled.string, dialect
        binds = {name: bind for bind, name in compiled.bind_names.items()}
        self.fixed = {name: bind.effective_value for name, bind in binds.items() if not bind.required}  # LIMIT 5
        process = {name: p for name, bind in binds.items() if (p := bind.type.dialect_impl(dialect).bind_processor(dialect))}
        self.positional = dialect.positional
        self.names = tuple(compiled.positiontup if dialect.positional else binds)
        self.bind = tuple((i, process[name]) for i, name in enumerate(self.names) if name in process)
        self.columns = list(stmt.selected_columns) if stmt.is_select else []
        self.row = namedtuple("Row", [col.key for col in self.columns]) if self.columns else None
        self.result: list | None = None  # from the first cursor's description: the driver's column types

    def params(self, values: dict):
        if self.fixed:
            values = {**self.fixed, **values}
        out = [values[name] for name in self.names]
        for i, process in self.bind:
            out[i] = process(out[i])
        return tuple(out) if self.positional else dict(zip(self.names, out))

    def rows(self, cursor) -> list:
        rows = cursor.fetchall() if cursor.description else []
        if self.row is None:
            return rows  # a RETURNING's values, as the driver gives them
        if self.result is None:
            d = self.dialect
            self.result = [
                (i, p)
                for i, (col, desc) in enumerate(zip(self.columns, cursor.description))
                if (p := col.type.dialect_impl(d).result_processor(d, desc[1]))
            ]
        make = self.row._make
        if not self.result:
            return [make(row) for row in rows]
        out = []
        for row in rows:
            row = list(row)
            for i, process in self.result:
                row[i] = process(row[i])
            out.append(make(row))
        return out
