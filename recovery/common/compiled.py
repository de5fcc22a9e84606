"""ORM queries whose SQL is compiled once per shape, then run with fresh values.

Building and compiling a query through the ORM costs several times what the database takes
to run a small one, on every request, for SQL that differs only in its values (the user, the
session key, the bounds of the day). These helpers build the query once per database
connection and shape with marker values in place of those that change, find where each
marker lands among the compiled parameters, and from then on run the same SQL with the real
values. Rows go through the ORM's own converters, so they read exactly as the ORM gives them:

- `dicts`: the rows of a `.values()` query, as dicts (`list(...)`), and `one_row` its single
  row (`.values().get()`);
- `rows`: the rows of a `.values_list()` query, as tuples (`list(...)`);
- `instances`: the model instances of a query, with its `select_related` objects and
  annotations (`list(queryset)`; no `prefetch_related`, no `only` on related models needed);
  `prefetched` hands such a list to an object as its prefetched relation.

`shape` names everything about the query that is not in the values; values are ints, strings
and datetimes, each used as a query parameter (a value the SQL does not take as a parameter
is refused, since the compiled SQL would keep the marker).
"""

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators
from django.db.models.sql.compiler import SQLCompiler

# Values no real row holds, so that each can be told apart among the compiled parameters.
LARGEST_ID = 2**63 - 1  # a larger id from a URL matches no row: check before running a query
MARKER_INT = -1_987_654_321  # within a 32-bit integer column, or the ORM refuses it
MARKER_TIME = dt.datetime(1901, 2, 3, 4, 5, tzinfo=dt.UTC)
MARKER_TEXT = "compiled-marker-{}-k4x7"
SHAPES_PER_CONNECTION = 256  # the least recently used shape is dropped beyond this


@dataclass
class Compiled:
    sql: str
    slots: tuple[tuple[str | None, Any], ...]  # per parameter: (value name, None) or (None, fixed)
    compiler: SQLCompiler
    queryset: QuerySet
    converters: dict
    columns: tuple[str, ...]
    plan: dict = field(default_factory=dict)  # how `instances` builds objects, made on first use


CACHE_ATTRIBUTE = "_compiled_shapes"  # on each connection: its LRU of compiled shapes


def shapes_of(connection: BaseDatabaseWrapper) -> OrderedDict:
    """The connection's compiled shapes, kept on the connection itself: they live and go with
    it (its converters are bound to it), and each thread has its own connection."""
    cache = getattr(connection, CACHE_ATTRIBUTE, None)
    if cache is None:
        cache = OrderedDict()
        setattr(connection, CACHE_ATTRIBUTE, cache)
    return cache


def marker(value: Any, index: int) -> Any:
    if isinstance(value, dt.datetime):
        return MARKER_TIME + dt.timedelta(minutes=index)
    if isinstance(value, int) and not isinstance(value, bool):
        return MARKER_INT - index
    if isinstance(value, str):
        return MARKER_TEXT.format(index)
    kind = type(value).__name__
    raise TypeError(f"compiled queries take ints, strings and datetimes, not {kind}")


def adapted(connection: BaseDatabaseWrapper, value: Any) -> Any:
    """The value as the compiler puts it among the parameters."""
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


def compile_once(
    connection: BaseDatabaseWrapper, build: Callable[..., QuerySet], names: list[str], values: dict
) -> Compiled:
    markers = {name: marker(values[name], index) for index, name in enumerate(names)}
    queryset = build(**markers)
    compiler = queryset.query.get_compiler(connection=connection)
    sql, params = compiler.as_sql()
    by_marker = {adapted(connection, value): name for name, value in markers.items()}
    slots = tuple(
        (by_marker[param], None) if _hashable(param) and param in by_marker else (None, param)
        for param in params
    )
    missing = set(names) - {name for name, _ in slots}
    if missing:
        raise ValueError(f"compiled query: it does not use {sorted(missing)} as parameters")
    expressions = [expression for expression, _, _ in compiler.select]
    return Compiled(
        sql,
        slots,
        compiler,
        queryset,
        compiler.get_converters(expressions),
        tuple(alias for _, _, alias in compiler.select),
    )


def _hashable(value: Any) -> bool:
    return isinstance(value, Hashable)


def _run(shape: Hashable, build: Callable[..., QuerySet], values: dict) -> tuple[Compiled, list]:
    """The compiled query for the shape (compiled now if new) and its rows, converted."""
    connection = connections[DEFAULT_DB_ALIAS]  # this thread's: its converters are bound to it
    names = sorted(values)
    cache = shapes_of(connection)
    key = (shape, tuple(names))
    compiled: Compiled | None = cache.get(key)
    if compiled is None:
        compiled = cache[key] = compile_once(connection, build, names, values)
        while len(cache) > SHAPES_PER_CONNECTION:
            cache.popitem(last=False)
    else:
        cache.move_to_end(key)
    params = [
        adapted(connection, values[name]) if name else fixed for name, fixed in compiled.slots
    ]
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, params)
        result = cursor.fetchall()
    if compiled.converters:
        result = list(compiled.compiler.apply_converters(result, compiled.converters))
    return compiled, result


def dicts(shape: Hashable, build: Callable[..., QuerySet], **values: Any) -> list[dict[str, Any]]:
    """The rows of `build(**values)` (a `.values()` query), as dicts."""
    compiled, result = _run(shape, build, values)
    return [dict(zip(compiled.columns, row, strict=True)) for row in result]


def one_row(shape: Hashable, build: Callable[..., QuerySet], **values: Any) -> dict[str, Any]:
    """The single row of `build(**values)` (a `.values()` query), as a dict."""
    found = dicts(shape, build, **values)
    if len(found) != 1:
        raise ValueError(f"one_row: the query gave {len(found)} rows")
    return found[0]


def rows(shape: Hashable, build: Callable[..., QuerySet], **values: Any) -> list[tuple]:
    """The rows of `build(**values)` (a `.values_list()` query), as tuples."""
    return [tuple(row) for row in _run(shape, build, values)[1]]


def instances(shape: Hashable, build: Callable[..., QuerySet], **values: Any) -> list[Model]:
    """The model instances of `build(**values)`, as `list(queryset)` gives them: fields,
    annotations and the objects of `select_related`."""
    compiled, result = _run(shape, build, values)
    plan = compiled.plan or _instance_plan(compiled)
    start, end, from_db = plan["start"], plan["end"], plan["from_db"]
    objects = []
    for row in result:
        obj = from_db(plan["db"], plan["init_list"], row[start:end])
        for populator in plan["populators"]:
            populator.populate(row, obj)
        for name, position in plan["annotations"].items():
            setattr(obj, name, row[position])
        objects.append(obj)
    return objects


def _instance_plan(compiled: Compiled) -> dict:
    """What Django's ModelIterable works out per query, worked out once for the shape."""
    queryset: Any = compiled.queryset  # its private attributes, as ModelIterable reads them
    compiler = compiled.compiler
    if queryset._prefetch_related_lookups or queryset._known_related_objects:
        raise ValueError("instances: prefetch_related and related managers are not supported")
    fetch_mode = queryset._fetch_mode
    if fetch_mode.track_peers:
        raise ValueError("instances: fetch modes that track peers are not supported")
    klass_info, select = compiler.klass_info, compiler.select
    start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    compiled.plan.update(
        db=queryset.db,
        start=start,
        end=end,
        init_list=[column[0].target.attname for column in select[start:end]],
        from_db=partial(klass_info["model"].from_db, fetch_mode=fetch_mode),
        populators=get_related_populators(klass_info, select, queryset.db, fetch_mode),
        annotations=dict(compiler.annotation_col_map or {}),
    )
    return compiled.plan


def prefetched(instance: Model, relation: str, objects: list[Model]) -> None:
    """Keep `objects` as `instance.<relation>.all()`, as `prefetch_related` keeps what it
    fetched (the related manager's queryset with its results filled in), so that the relation
    is read without a query of its own."""
    queryset: Any = getattr(instance, relation).all()
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}  # type: ignore[attr-defined]
    instance._prefetched_objects_cache[relation] = queryset  # type: ignore[attr-defined]
