"""The registry of named Cypher queries: every read and write PolicyGraph runs.

Why files, not strings in code: a query is reviewed, tested (parity on both stores)
and listed (GET /queries) as one named thing.  No Cypher is ever built from user
text; user values travel only as parameters.

Layout::

    queries/read/NAME.cypher          read queries (listed by GET /queries, parity-tested)
    queries/private/NAME.cypher       reads the stores run but GET /queries never lists or runs
                                      (token hashes: the API must not hand them out)
    queries/write/NAME.cypher         write queries (the load steps, maintenance)
    queries/schema/NAME.cypher        DDL / constraints (several statements, ``;``-separated)
    .../NAME.ENGINE.cypher            an engine-specific spelling of NAME (ENGINE: ladybug|neo4j)

Every query file begins with ``//`` header lines::

    // description: Obligations of one unit, direct and shared through collectives
    // params: name:str, limit:int=50
    // example: name=区财政局

``params`` types are str|int|float|bool|list|bytes (list: JSON or comma-separated text; bytes: given as
text, sent as its UTF-8 -- a stored text the reader sends without decoding); ``=value`` gives a default (``=null`` makes the
parameter optional with ``None``).  ``example`` gives sample values (``key=value`` pairs
separated by ``, ``) used by the parity test and by forms.  An engine override file
may omit the header; it inherits the default file's.  A name may exist only as engine
overrides (the schema), then each engine must have one.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from graph.model import NotFoundError, PolicyGraphError

Kind = Literal["read", "write", "schema", "private"]
KINDS: tuple[Kind, ...] = ("read", "write", "schema", "private")
# Kinds a store's read() runs: "private" reads are never reachable from GET /queries
# (which asks for kind "read" only).
READABLE: tuple[Kind, ...] = ("read", "private")
ENGINES = ("ladybug", "neo4j")
# The .cypher files are data kept beside the read layer in queries/ (a sibling package
# folder, shipped as its package data); the registry only reads them, it imports no
# Python from there.
QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"

_TYPES: dict[str, type] = {"str": str, "int": int, "float": float, "bool": bool, "list": list, "bytes": bytes}
_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class QueryError(PolicyGraphError):
    """A named query used wrongly (bad parameters) or a malformed query file."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str  # str | int | float | bool | list | bytes
    required: bool = True
    default: Any = None

    def coerce(self, value: Any, query: str) -> Any:
        if value is None:
            if self.required:
                raise QueryError(f"query {query}: parameter {self.name} is required")
            return None
        py = _TYPES[self.type]
        if isinstance(value, bool) and py is not bool:
            raise QueryError(f"query {query}: parameter {self.name} must be {self.type}")
        if isinstance(value, py) and not (py is int and isinstance(value, bool)):
            if py is int:
                try:
                    return _check_int(value, f"query {query}: parameter {self.name}")
                except ValueError:
                    raise QueryError(f"query {query}: parameter {self.name} is out of range") from None
            return value
        if py is float and isinstance(value, int):
            return float(value)
        if isinstance(value, str):
            return _parse_value(value, self.type, f"query {query}: parameter {self.name}")
        raise QueryError(f"query {query}: parameter {self.name} must be {self.type}, got {value!r}")

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "required": self.required, "default": self.default}


# An int parameter must fit the engines' INT64; a count (limit, offset, *_limit) is >= 0.
_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1
_COUNT_NAMES = ("limit", "offset", "skip")


def _check_int(value: int, where: str) -> int:
    if not _INT_MIN <= value <= _INT_MAX:
        raise ValueError(value)
    name = where.rsplit(" ", 1)[-1]
    if value < 0 and (name in _COUNT_NAMES or name.endswith(("_limit", "_offset"))):
        raise QueryError(f"{where} must be >= 0, got {value}")
    return value


def _parse_value(text: str, typ: str, where: str) -> Any:
    try:
        if typ == "str":
            return text
        if typ == "bytes":
            return text.encode("utf-8")
        if typ == "int":
            return _check_int(int(text), where)
        if typ == "float":
            return float(text)
        if typ == "list":
            text = text.strip()
            if text.startswith("["):
                value = json.loads(text)
                # a list given as text is a list of names or ids: strings only
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise ValueError(text)
                return value
            return [part.strip() for part in text.split(",") if part.strip()]
        if typ == "bool":
            low = text.strip().lower()
            if low in ("true", "1", "yes", "y", "on"):
                return True
            if low in ("false", "0", "no", "n", "off"):
                return False
            raise ValueError(text)
    except (ValueError, json.JSONDecodeError, RecursionError):
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise QueryError(f"{where} must be {typ}, got {shown!r}") from None
    raise QueryError(f"{where}: unknown type {typ}")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    kind: Kind
    description: str
    params: tuple[Param, ...]
    example: dict[str, Any]
    texts: dict[str, str] = field(default_factory=dict)  # "" = portable default, else engine

    def text(self, engine: str) -> str:
        """The Cypher for ``engine``: its override if any, else the portable file."""
        if engine in self.texts:
            return self.texts[engine]
        if "" in self.texts:
            return self.texts[""]
        raise QueryError(f"query {self.name} has no spelling for engine {engine}")

    def statements(self, engine: str) -> list[str]:
        """The ``;``-separated statements (schema files hold several)."""
        body = "\n".join(ln for ln in self.text(engine).splitlines() if not ln.lstrip().startswith("//"))
        return [s.strip() for s in re.split(r";\s*(?:\n|$)", body) if s.strip()]

    @property
    def engines(self) -> list[str]:
        """Engines with their own spelling ([] = one portable file)."""
        return sorted(k for k in self.texts if k)

    def bind(self, raw: dict[str, Any] | None = None) -> dict[str, Any]:
        """Check and coerce parameters (strings from the CLI/forms become their declared
        type), apply defaults, reject unknown names."""
        raw = dict(raw or {})
        known = {p.name for p in self.params}
        unknown = sorted(set(raw) - known)
        if unknown:
            allowed = ", ".join(sorted(known)) or "none"
            raise QueryError(
                f"query {self.name}: unknown parameter(s) {', '.join(unknown)} (allowed: {allowed})"
            )
        out: dict[str, Any] = {}
        for p in self.params:
            value = raw.get(p.name, p.default if not p.required else None)
            out[p.name] = p.coerce(value, self.name)
        return out

    def describe(self) -> dict[str, Any]:
        """The shape GET /queries lists."""
        return {
            "name": self.name,
            "kind": self.kind,
            "description": self.description,
            "params": [p.describe() for p in self.params],
            "example": dict(self.example),
            "engines": self.engines,
        }


def _parse_params(spec: str, where: str) -> tuple[Param, ...]:
    spec = spec.strip()
    if not spec or spec.lower() == "none":
        return ()
    out: list[Param] = []
    for part in spec.split(","):
        part = part.strip()
        m = re.fullmatch(r"([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(str|int|float|bool|list|bytes)\s*(?:=\s*(.*))?", part)
        if not m:
            raise QueryError(f"{where}: bad params entry {part!r} (want name:type or name:type=default)")
        name, typ, default = m.group(1), m.group(2), m.group(3)
        if default is None:
            out.append(Param(name, typ))
        elif default.strip() == "null":
            out.append(Param(name, typ, required=False, default=None))
        else:
            out.append(Param(name, typ, required=False, default=_parse_value(default.strip(), typ, where)))
    return tuple(out)


def _parse_header(text: str, where: str) -> tuple[str, tuple[Param, ...], dict[str, str]]:
    description, params, example = "", (), {}
    for line in text.splitlines():
        s = line.strip()
        if not s:
            continue
        if not s.startswith("//"):
            break
        m = re.match(r"//\s*(description|params|example)\s*:(.*)$", s)
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "description":
            description = value
        elif key == "params":
            params = _parse_params(value, where)
        else:
            for pair in value.split(", "):
                if pair.strip():
                    k, sep, v = pair.partition("=")
                    if not sep:
                        raise QueryError(f"{where}: bad example {pair!r} (want key=value)")
                    example[k.strip()] = v.strip()
    return description, params, example


class Registry:
    """All named queries under a folder, by name."""

    def __init__(self, root: Path = QUERIES_DIR) -> None:
        self.root = root
        self._queries: dict[str, NamedQuery] = {}
        self._load()

    def _load(self) -> None:
        found: dict[str, dict[str, Any]] = {}
        for kind in KINDS:
            folder = self.root / kind
            if not folder.is_dir():
                continue
            for path in sorted(folder.glob("*.cypher")):
                stem = path.name[: -len(".cypher")]
                name, _, engine = stem.partition(".")
                if not _NAME_RE.match(name) or (engine and engine not in ENGINES):
                    raise QueryError(f"{path}: bad query file name (want NAME.cypher or NAME.ENGINE.cypher)")
                entry = found.setdefault(name, {"kind": kind, "texts": {}, "headers": {}})
                if entry["kind"] != kind:
                    raise QueryError(f"query {name} is defined both as {entry['kind']} and {kind}")
                text = path.read_text(encoding="utf-8")
                entry["texts"][engine] = text
                entry["headers"][engine] = _parse_header(text, str(path))
        for name, entry in found.items():
            headers = entry["headers"]
            order = [""] + [e for e in ENGINES]
            base = next((headers[e] for e in order if e in headers and headers[e][0]), ("", (), {}))
            if "" not in entry["texts"]:
                missing = [e for e in ENGINES if e not in entry["texts"]]
                if missing:
                    raise QueryError(
                        f"query {name}: no portable file and no spelling for {', '.join(missing)}"
                    )
            if not base[0]:
                raise QueryError(f"query {name}: missing '// description:' header")
            desc, params, example = base
            typed_example = {}
            by_name = {p.name: p for p in params}
            for k, v in example.items():
                if k not in by_name:
                    raise QueryError(f"query {name}: example names unknown parameter {k}")
                typed_example[k] = _parse_value(v, by_name[k].type, f"query {name} example {k}")
            self._queries[name] = NamedQuery(
                name, entry["kind"], desc, params, typed_example, dict(entry["texts"])
            )

    def get(self, name: str, kind: Kind | None = None) -> NamedQuery:
        q = self._queries.get(name)
        if q is None or (kind is not None and q.kind != kind):
            pool = [n for n, x in self._queries.items() if kind is None or x.kind == kind]
            close = difflib.get_close_matches(name, pool, n=3)
            what = f"{kind} query" if kind else "query"
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise NotFoundError(f"no {what} named {name!r}{hint}", suggestions=close)
        return q

    def readable(self, name: str) -> NamedQuery:
        """The read or private query ``name`` (what a store's ``read`` may run)."""
        q = self._queries.get(name)
        if q is not None and q.kind == "private":
            return q
        return self.get(name, "read")

    def names(self, kind: Kind | None = None) -> list[str]:
        return sorted(n for n, q in self._queries.items() if kind is None or q.kind == kind)

    def reads(self) -> list[NamedQuery]:
        return [self._queries[n] for n in self.names("read")]

    def __contains__(self, name: str) -> bool:
        return name in self._queries


@lru_cache(maxsize=1)
def get_registry() -> Registry:
    """The registry of the bundled queries/ folder (loaded once per process)."""
    return Registry()
