"""One row of an ORM query whose SQL is compiled once per shape, then run with fresh values.

The dashboard's numbers for today are one SELECT of a dozen scalar subqueries: building and
compiling it through the ORM costs about ten times what the database takes to run it, on
every request, for SQL that only differs in its values (the user, the bounds of the day).
`one_row` builds the query once per database connection and shape with marker values in
place of those that change, finds where each marker lands among the compiled parameters, and
from then on runs the same SQL with the real values. The row goes through the ORM's own
converters, so it reads exactly as `.values().get()` would give it.
"""

import datetime as dt
import weakref
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet
from django.db.models.sql.compiler import SQLCompiler

# Values no real row holds, so that each can be told apart among the compiled parameters.
MARKER_INT = -1_987_654_321  # within a 32-bit integer column, or the ORM refuses it
MARKER_TIME = dt.datetime(1901, 2, 3, 4, 5, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Compiled:
    sql: str
    slots: tuple[tuple[str | None, Any], ...]  # per parameter: (value name, None) or (None, fixed)
    compiler: SQLCompiler
    converters: dict
    columns: tuple[str, ...]


_compiled: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # connection -> {key: ...}


def marker(value: Any, index: int) -> Any:
    if isinstance(value, dt.datetime):
        return MARKER_TIME + dt.timedelta(minutes=index)
    if isinstance(value, int) and not isinstance(value, bool):
        return MARKER_INT - index
    raise TypeError(f"one_row takes ints and datetimes as values, not {type(value).__name__}")


def adapted(connection: BaseDatabaseWrapper, value: Any) -> Any:
    """The value as the compiler puts it among the parameters."""
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


def compile_once(
    connection: BaseDatabaseWrapper, build: Callable[..., QuerySet], names: list[str], values: dict
) -> Compiled:
    markers = {name: marker(values[name], index) for index, name in enumerate(names)}
    compiler = build(**markers).query.get_compiler(connection=connection)
    sql, params = compiler.as_sql()
    by_marker = {adapted(connection, value): name for name, value in markers.items()}
    slots = tuple(
        (by_marker[param], None) if _hashable(param) and param in by_marker else (None, param)
        for param in params
    )
    missing = set(names) - {name for name, _ in slots}
    if missing:
        raise ValueError(f"one_row: the query does not use {sorted(missing)} as parameters")
    expressions = [expression for expression, _, _ in compiler.select]
    return Compiled(
        sql,
        slots,
        compiler,
        compiler.get_converters(expressions),
        tuple(alias for _, _, alias in compiler.select),
    )


def _hashable(value: Any) -> bool:
    return isinstance(value, Hashable)


def one_row(shape: Hashable, build: Callable[..., QuerySet], **values: Any) -> dict[str, Any]:
    """The single row of `build(**values)` (a `.values()` query), as a dict. `shape` names
    everything about the query that is not in `values` (it is compiled once per shape);
    `values` are ints and datetimes, each used as a query parameter."""
    connection = connections[DEFAULT_DB_ALIAS]  # this thread's: its converters are bound to it
    names = sorted(values)
    cache = _compiled.setdefault(connection, {})
    key = (shape, tuple(names))
    if key not in cache:
        cache[key] = compile_once(connection, build, names, values)
    compiled: Compiled = cache[key]
    params = [
        adapted(connection, values[name]) if name else fixed for name, fixed in compiled.slots
    ]
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, params)
        rows = cursor.fetchall()
    if len(rows) != 1:
        raise ValueError(f"one_row: the query gave {len(rows)} rows")
    row = rows[0]
    if compiled.converters:
        row = next(iter(compiled.compiler.apply_converters([row], compiled.converters)))
    return dict(zip(compiled.columns, row, strict=True))
