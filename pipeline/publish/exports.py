"""The corpus package as analysis files: Parquet (one file per resource), DuckDB and SQLite.

Every export holds the same tables as the package's resources, with the same rows, and keeps
money exact:

- Parquet and DuckDB store `number` fields as DECIMAL(p, s): s = 6 and p = 20 by default,
  widened per column where a value needs more digits (never rounded: pyarrow refuses to drop a
  digit, and read_corpus checks before it gets there);
- SQLite has no exact decimal type (REAL is binary floating point, NUMERIC affinity turns text into
  REAL), so `number` fields are TEXT holding the CSV's decimal string unchanged. Compare them with
  CAST(x AS REAL) (SQLite would otherwise compare text with text) or use DuckDB / Parquet for
  exact arithmetic.

Field names that are reserved words in SQL are renamed in all three (RENAMES): `table` →
`table_key`, `column` → `column_path`, so that no query needs quoted identifiers. The CSV
files keep the data contract's names. Each file is written under a temporary name and renamed.
"""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from ..files import atomic_path, swap_folder

if TYPE_CHECKING:
    import pyarrow as pa

RENAMES = {"table": "table_key", "column": "column_path"}

# The one definition of `execution`: a final account's figures beside the budget they were executed
# against, from `indicators`. The databases hold it as a view; corpus.py runs the same query (in
# SQLite) to write execution.csv. The rate is derived, not printed: executed over the adjusted
# budget, else the initial one; empty where that budget is 0. `indicators` holds one row per
# (doc_id, indicator, code, phase), so MAX only picks the one value out of its group.
EXECUTION_SQL = """SELECT doc_id, indicator, code, approved_yuan, adjusted_yuan, executed_yuan,
  CASE WHEN CAST(COALESCE(adjusted_yuan, approved_yuan) AS DOUBLE) <> 0
    THEN {rate}
  END AS execution_rate
FROM (
  SELECT doc_id, indicator, code,
    MAX(CASE WHEN phase = 'approved' THEN value_yuan END) AS approved_yuan,
    MAX(CASE WHEN phase = 'adjusted' THEN value_yuan END) AS adjusted_yuan,
    MAX(CASE WHEN phase = 'executed' THEN value_yuan END) AS executed_yuan
  FROM indicators
  GROUP BY doc_id, indicator, code
) AS phases
WHERE executed_yuan IS NOT NULL AND (approved_yuan IS NOT NULL OR adjusted_yuan IS NOT NULL)
ORDER BY doc_id, indicator, code"""
# How each database stores the 4-decimal rate, as it stores any `number`: exact DECIMAL in DuckDB,
# the decimal string in SQLite.
RATE = {"duckdb": "CAST({} AS DECIMAL(18, 4))", "sqlite": "printf('%.4f', {})"}
RATE_OF = "ROUND(CAST(executed_yuan AS DOUBLE) / CAST(COALESCE(adjusted_yuan, approved_yuan) AS DOUBLE), 4)"
# Resources the databases hold as views over their tables (the CSV and Parquet files keep their rows).
VIEWS = {"execution": EXECUTION_SQL}


def view_sql(name: str, dialect: str) -> str:
    """The query of view `name` in `dialect` (duckdb or sqlite)."""
    return VIEWS[name].replace("{rate}", RATE[dialect].format(RATE_OF))


SCALE, PRECISION, MAX_PRECISION = 6, 20, 38
TRUE, FALSE = {"true", "True", "TRUE", "1"}, {"false", "False", "FALSE", "0"}


@dataclass
class Column:
    name: str  # as exported (RENAMES applied)
    source: str  # as in the CSV
    type: str  # the Table Schema type
    title: str = ""
    description: str = ""
    decimal: tuple[int, int] | None = None  # (precision, scale) of a `number` field


BATCH = 20_000  # rows held at once: each export streams its tables in batches of this many


@dataclass
class Table:
    """One corpus resource: its columns, and its CSV file, read (values typed, None for an empty
    cell) only as the rows are exported, a batch at a time."""

    name: str
    title: str
    description: str
    columns: list[Column]
    path: Path
    primary_key: list[str] = field(default_factory=list)
    foreign_keys: list[tuple[list[str], str, list[str]]] = field(default_factory=list)

    def columns_index(self, names: list[str]) -> list[int]:
        where = {c.name: i for i, c in enumerate(self.columns)}
        return [where[n] for n in names]

    def rows(self) -> Iterator[list]:
        with self.path.open(encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            header = next(reader)
            if header != [c.source for c in self.columns]:
                raise ValueError(f"{self.path.name}: header {header} does not match the schema")
            for row in reader:
                yield [_value(v, c.type, f"{self.name}.{c.source}") for v, c in zip(row, self.columns, strict=True)]

    def batches(self, size: int = BATCH) -> Iterator[list[list]]:
        """The rows, `size` at a time (one empty batch for a table without rows)."""
        batch: list[list] = []
        sent = False
        for row in self.rows():
            batch.append(row)
            if len(batch) == size:
                yield batch
                batch, sent = [], True
        if batch or not sent:
            yield batch


def export_name(name: str) -> str:
    return RENAMES.get(name, name)


def _export_names(names: str | list[str]) -> list[str]:
    return [export_name(n) for n in ([names] if isinstance(names, str) else names)]


def _digits(v: Decimal) -> tuple[int, int]:
    """(scale, integer digits) of a value: 12.50 → (2, 2)."""
    _, digits, exponent = v.as_tuple()
    assert isinstance(exponent, int)  # _value admits finite numbers only
    return -exponent, len(digits) + exponent


def _decimal_type(scale: int, integer: int, where: str) -> tuple[int, int]:
    """The narrowest (precision, scale) at least DECIMAL(20, 6) that holds values of up to
    `scale` decimals and `integer` integer digits exactly."""
    scale, integer = max(scale, SCALE), max(integer, PRECISION - SCALE)
    if integer + scale > MAX_PRECISION:
        raise ValueError(f"{where}: a value needs DECIMAL({integer + scale}, {scale}), over {MAX_PRECISION} digits")
    return integer + scale, scale


def _value(text: str, type_: str, where: str):
    if text == "":
        return None
    if type_ == "integer":
        return int(text)
    if type_ == "number":
        value = Decimal(text)
        if not value.is_finite():
            raise ValueError(f"{where}: {text!r} is not an exact number")
        return value
    if type_ == "boolean":
        if text in TRUE:
            return True
        if text in FALSE:
            return False
        raise ValueError(f"{where}: {text!r} is not a boolean")
    return text


def read_corpus(corpus: Path) -> list[Table]:
    """The corpus package's resources as tables, their `number` columns sized to their values (one
    pass over each file that has any); the rows stay in the files until they are exported."""
    pkg = json.loads((corpus / "datapackage.json").read_text(encoding="utf-8"))
    tables = []
    for r in pkg["resources"]:
        schema = r["schema"]
        columns = [Column(export_name(f["name"]), f["name"], f["type"], f.get("title", ""), f.get("description", ""))
                   for f in schema["fields"]]
        fks = [(_export_names(fk["fields"]), fk["reference"].get("resource") or r["name"],
                _export_names(fk["reference"]["fields"])) for fk in schema.get("foreignKeys", [])]
        table = Table(r["name"], r.get("title", ""), r.get("description", ""), columns, corpus / r["path"],
                      _export_names(schema.get("primaryKey", [])), fks)
        numbers = [i for i, c in enumerate(columns) if c.type == "number"]
        if numbers:
            sizes = {i: (0, 0) for i in numbers}  # per column: the most decimals, the most integer digits
            for row in table.rows():
                for i in numbers:
                    if row[i] is not None:
                        scale, integer = _digits(row[i])
                        sizes[i] = (max(sizes[i][0], scale), max(sizes[i][1], integer))
            for i, (scale, integer) in sizes.items():
                columns[i].decimal = _decimal_type(scale, integer, f"{r['name']}.{columns[i].source}")
        tables.append(table)
    return tables


# ------------------------------------------------------------------ Parquet


def arrow_schema(table: Table) -> pa.Schema:
    """The table's pyarrow schema; titles and descriptions travel as field metadata."""
    import pyarrow as pa

    fields = []
    for c in table.columns:
        type_ = {"integer": pa.int64(), "boolean": pa.bool_()}.get(c.type, pa.string())
        if c.decimal:
            type_ = pa.decimal128(*c.decimal)
        meta = {"title": c.title, "description": c.description, "csv_name": c.source}
        fields.append(pa.field(c.name, type_, metadata={k: v for k, v in meta.items() if v}))
    meta = {"name": table.name, "title": table.title, "description": table.description,
            "primary_key": json.dumps(table.primary_key)}
    return pa.schema(fields, metadata=meta)


def to_arrow(schema: pa.Schema, rows: list[list]) -> pa.Table:
    """Rows of a table as a pyarrow Table of `schema` (arrow_schema)."""
    import pyarrow as pa

    arrays = [pa.array([row[i] for row in rows], type=f.type) for i, f in enumerate(schema)]
    return pa.Table.from_arrays(arrays, schema=schema)


def corpus_to_parquet(corpus: Path, out: Path) -> list[Path]:
    """out/<resource>.parquet for every resource, written a batch of rows at a time; the folder
    replaced as a whole."""
    import pyarrow.parquet as pq

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        for t in read_corpus(Path(corpus)):
            schema = arrow_schema(t)
            with pq.ParquetWriter(tmp / f"{t.name}.parquet", schema, compression="zstd") as writer:
                for rows in t.batches():
                    writer.write_table(to_arrow(schema, rows))
        tmp.chmod(0o755)
        old = swap_folder(tmp, out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return sorted(out.glob("*.parquet"))


# ------------------------------------------------------------------ SQL databases


def _sql_type(c: Column, dialect: str) -> str:
    if dialect == "sqlite":
        return {"integer": "INTEGER", "boolean": "INTEGER"}.get(c.type, "TEXT")
    if c.decimal:
        return f"DECIMAL({c.decimal[0]}, {c.decimal[1]})"
    return {"integer": "BIGINT", "boolean": "BOOLEAN"}.get(c.type, "VARCHAR")


def _comment(c: Column) -> str:
    return " ".join(f"{c.title}: {c.description}".split()) if c.description != c.title else c.title


def create_table_sql(t: Table, dialect: str) -> str:
    """CREATE TABLE with keys; in SQLite each column's title and description as a comment,
    which SQLite keeps in sqlite_master (DuckDB gets COMMENT ON instead)."""
    lines = [f"  {c.name} {_sql_type(c, dialect)}" for c in t.columns]
    if t.primary_key:
        lines.append(f"  PRIMARY KEY ({', '.join(t.primary_key)})")
    lines += [f"  FOREIGN KEY ({', '.join(f)}) REFERENCES {ref} ({', '.join(to)})" for f, ref, to in t.foreign_keys]
    body = []
    for i, line in enumerate(lines):
        comma = "," if i < len(lines) - 1 else ""
        note = f" -- {_comment(t.columns[i])}" if dialect == "sqlite" and i < len(t.columns) else ""
        body.append(line + comma + note)
    return f"CREATE TABLE {t.name} (\n" + "\n".join(body) + "\n)"


def corpus_to_duckdb(corpus: Path, path: Path) -> None:
    """The corpus as one DuckDB file: typed tables with keys and comments."""
    import duckdb

    with atomic_path(path) as tmp:
        con = duckdb.connect(str(tmp))
        try:
            _fill_duckdb(con, corpus)
        finally:
            con.close()


def _create_views(con, tables: list[Table], dialect: str) -> None:
    for t in tables:
        if t.name in VIEWS:
            con.execute(f"CREATE VIEW {t.name} AS {view_sql(t.name, dialect)}")
            if dialect == "duckdb":
                con.execute(f"COMMENT ON VIEW {t.name} IS {_literal(f'{t.title}: {t.description}')}")


def _fill_duckdb(con, corpus: Path) -> None:
    tables = read_corpus(Path(corpus))
    for t in tables:
        if t.name in VIEWS:
            continue
        con.execute(create_table_sql(t, "duckdb"))
        schema = arrow_schema(t)
        for rows in _generations(t):
            con.register("incoming", to_arrow(schema, rows))
            con.execute(f"INSERT INTO {t.name} SELECT * FROM incoming")
            con.unregister("incoming")
        # COMMENT ON takes no parameters: the text goes in as a quoted literal
        con.execute(f"COMMENT ON TABLE {t.name} IS {_literal(f'{t.title}: {t.description}')}")
        for c in t.columns:
            con.execute(f"COMMENT ON COLUMN {t.name}.{c.name} IS {_literal(_comment(c))}")
    _create_views(con, tables, "duckdb")
    con.execute("CHECKPOINT")


def _generations(t: Table) -> Iterator[list[list]]:
    """The rows in insert order, in batches: DuckDB checks a foreign key to the table itself (a
    code's parent) against the rows already there, so parents go in one statement before their
    children (only the code lists have such a key; they are small, and read whole)."""
    selfs = [(t.columns_index(f), t.columns_index(to)) for f, ref, to in t.foreign_keys if ref == t.name]
    if not selfs:
        yield from t.batches()
        return
    done: set[tuple] = set()
    pending: list[list] = list(t.rows())
    while pending:
        ready = [r for r in pending
                 if all(all(r[i] is None for i in f) or tuple(r[i] for i in f) in done for f, _ in selfs)]
        if not ready:
            raise ValueError(f"{t.name}: rows reference parents that are not in the table")
        yield ready
        done |= {tuple(r[i] for i in to) for r in ready for _, to in selfs}
        placed = {id(r) for r in ready}
        pending = [r for r in pending if id(r) not in placed]


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _sqlite_value(v):
    if isinstance(v, Decimal):
        return format(v, "f")
    if isinstance(v, bool):
        return int(v)
    return v


def corpus_to_sqlite(corpus: Path, path: Path) -> None:
    """The corpus as one SQLite file: tables with keys, indexes by document and row code."""
    with atomic_path(path) as tmp:
        con = sqlite3.connect(tmp)
        try:
            _fill_sqlite(con, corpus)
            con.commit()
        finally:
            con.close()


def _fill_sqlite(con: sqlite3.Connection, corpus: Path) -> None:
    tables = read_corpus(Path(corpus))
    for t in tables:
        if t.name in VIEWS:
            continue
        con.execute(create_table_sql(t, "sqlite"))
        marks = ", ".join("?" * len(t.columns))
        con.executemany(f"INSERT INTO {t.name} VALUES ({marks})",
                        ([_sqlite_value(v) for v in row] for row in t.rows()))
        names = [c.name for c in t.columns]
        if "doc_id" in names and t.primary_key[:1] != ["doc_id"]:
            con.execute(f"CREATE INDEX {t.name}_doc ON {t.name}(doc_id)")
        if "row_code" in names:
            con.execute(f"CREATE INDEX {t.name}_code ON {t.name}(row_code)")
    _create_views(con, tables, "sqlite")
