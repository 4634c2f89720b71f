"""DuckDB results to pandas through Arrow, with the dtypes ``.df()`` gives.

DuckDB's ``.df()`` builds a Python string object per cell and pandas then
copies each into its Arrow-backed string column: 115 ms for the 30k-row
documents frame of a 100k-event store, where ``to_arrow_table().to_pandas()``
takes 17 ms. The plain Arrow conversion differs from ``.df()`` in a few dtypes
(dates, nullable integers, booleans, all-null strings, HUGEINT sums), which
callers and figures depend on, so ``frame`` maps those back.
"""
from __future__ import annotations

import gc
import warnings

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

_NULLABLE_INT = {8: "Int8", 16: "Int16", 32: "Int32", 64: "Int64"}


def arrow(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pa.Table:
    """Run ``sql`` and return its rows as an Arrow table.

    execute() (not sql()) so a caller's unfinished fetchone() result cannot block
    us; DuckDB warns that Arrow output from it copies the rows once more, which
    costs far less than the per-cell Python objects of ``.df()``.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return con.execute(sql, params or []).to_arrow_table()


def _series(col: pa.ChunkedArray) -> pd.Series:
    """One column as ``.df()`` would give it."""
    t = col.type
    has_nulls = col.null_count > 0
    if pa.types.is_date(t) or pa.types.is_timestamp(t):
        return col.cast(pa.timestamp("us")).to_pandas(date_as_object=False)
    if pa.types.is_integer(t):
        if not has_nulls:
            return col.to_pandas()
        name = _NULLABLE_INT[t.bit_width]
        dtype = pd.api.types.pandas_dtype(name if pa.types.is_signed_integer(t) else "U" + name)
        return col.to_pandas(types_mapper={t: dtype}.get)
    if pa.types.is_boolean(t):
        return col.to_pandas(types_mapper={t: pd.BooleanDtype()}.get) if has_nulls else col.to_pandas()
    if pa.types.is_decimal(t):  # HUGEINT (sum of integers) comes as decimal128(38, 0)
        return col.cast(pa.float64()).to_pandas()
    if (pa.types.is_string(t) or pa.types.is_large_string(t)) and col.null_count == len(col):  # empty too
        return pd.Series([None] * len(col), dtype=object)
    return col.to_pandas()


def _plain(col: pa.ChunkedArray) -> bool:
    """True when Arrow's own conversion already gives what ``.df()`` does."""
    t = col.type
    if pa.types.is_date(t) or pa.types.is_timestamp(t) or pa.types.is_decimal(t):
        return False
    if pa.types.is_integer(t) or pa.types.is_boolean(t):
        return col.null_count == 0
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return col.null_count < len(col)
    return True


def frame(table: pa.Table) -> pd.DataFrame:
    """``table`` as the DataFrame ``.df()`` returns for the same result (values and dtypes)."""
    names = table.column_names
    if len(set(names)) == len(names) and all(_plain(c) for c in table.columns):
        return table.to_pandas()  # one call: the common case, and the cheapest for small results
    return pd.DataFrame({name: _series(col) for name, col in zip(names, table.columns)},
                        index=pd.RangeIndex(table.num_rows))


def df(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pd.DataFrame:
    """``con.execute(sql, params).df()``, faster (see the module docstring)."""
    return frame(arrow(con, sql, params))


def python_lists(col: pa.ChunkedArray | pa.Array) -> list[list]:
    """A list column as Python lists (None becomes []), cheaply when most are empty.

    ``to_pylist`` builds every row (~0.5 µs each, 50 ms per column at 100k
    events); most events cite no document and name no person, so only the
    non-empty rows are built from one flat list here. The garbage collector is
    paused meanwhile: 100k new lists would trigger it again and again, each time
    walking every object the process holds (measured: 3-4x the building time).
    """
    arr = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
    n = len(arr)
    if n == 0:
        return []
    paused = gc.isenabled()
    gc.disable()
    try:
        if arr.null_count:
            return [v if v is not None else [] for v in arr.to_pylist()]
        offsets = arr.offsets.to_numpy()
        nonempty = np.flatnonzero(np.diff(offsets))
        if len(nonempty) > n // 2:
            return arr.to_pylist()
        base = int(offsets[0])
        flat = arr.values.slice(base, int(offsets[-1]) - base).to_pylist()
        out: list[list] = [[] for _ in range(n)]
        for i, s, e in zip(nonempty.tolist(), (offsets[nonempty] - base).tolist(),
                           (offsets[nonempty + 1] - base).tolist()):
            out[i] = flat[s:e]
        return out
    finally:
        if paused:
            gc.enable()
