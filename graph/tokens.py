"""Write tokens with a scope: created once (the secret is shown once), stored as a hash.

Why this shape: an office (区财政局) gets a token that can update only its own
obligations; the supervising office gets an admin token (upload documents, close
obligations).  The store keeps ``Token`` nodes holding only the SHA-256 of the
secret, so a copy of the store gives nobody a usable token.

A token reads ``pg_<id>_<secret>``: ``id`` (8 hex digits, not secret) finds the Token
node in one key lookup, then the hashes are compared with ``hmac.compare_digest``
(constant time).  The secret is 32 random bytes, so a plain SHA-256 is enough (no
password stretching is needed for a value nobody chose).

Scopes: ``admin``, or ``agency:<unit name>`` (the canonical unit name, 区财政局).
Tokens are never logged: ``TokenInfo`` carries no secret and ``repr`` of a
``NewToken`` hides it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from graph.model import NotFoundError, PolicyGraphError
from graph.progress import ADMIN_ONLY, format_timestamp, now_utc

ADMIN = "admin"
AGENCY_PREFIX = "agency:"
PREFIX = "pg"
_TOKEN_RE = re.compile(r"^pg_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$")
MAX_TOKEN_NAME = 100


class TokenError(PolicyGraphError):
    """A token that cannot be created (bad scope, name taken) or used (unknown, revoked,
    out of scope).  Its message never holds the secret."""


@dataclass(frozen=True)
class TokenInfo:
    """What the store knows about a token (no secret, no hash)."""

    id: str
    name: str
    scope: str
    created_at: str
    revoked: bool = False
    revoked_at: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.scope == ADMIN

    @property
    def agency(self) -> str | None:
        """The unit an agency token writes for; None for admin."""
        return self.scope[len(AGENCY_PREFIX):] if self.scope.startswith(AGENCY_PREFIX) else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "scope": self.scope, "created_at": self.created_at,
            "revoked": self.revoked, "revoked_at": self.revoked_at,
        }


@dataclass(frozen=True)
class NewToken:
    """A freshly created token: ``secret`` is the whole token text, shown once."""

    info: TokenInfo
    secret: str = field(repr=False)


def make_scope(agency: str | None = None, admin: bool = False) -> str:
    """``admin`` or ``agency:<name>``: exactly one of the two."""
    if admin == bool(agency and agency.strip()):
        raise TokenError("a token is either --admin or --agency NAME (exactly one)")
    return ADMIN if admin else AGENCY_PREFIX + agency.strip()  # type: ignore[union-attr]


def check_scope(scope: str) -> str:
    if scope == ADMIN or (scope.startswith(AGENCY_PREFIX) and scope[len(AGENCY_PREFIX):].strip()):
        return scope
    raise TokenError(f"unknown token scope {scope!r} (admin or agency:NAME)")


def hash_secret(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def may_write(info: TokenInfo, unit: str, status: str | None = None) -> str | None:
    """Why ``info`` may not write progress for ``unit``'s obligation with ``status``
    (None: it may).  Admin writes anything; an agency token writes only obligations
    whose unit is its own agency, and never closes one (已销号 is the supervising
    office's)."""
    if info.revoked:
        return f"token {info.name} is revoked"
    if info.is_admin:
        return None
    if info.agency != unit:
        return f"token {info.name} may update only {info.agency}'s obligations, not {unit}'s"
    if status in ADMIN_ONLY:
        return f"only the supervising office (an admin token) may set status {status}"
    return None


def _info(row: dict[str, Any]) -> TokenInfo:
    return TokenInfo(
        id=row["id"], name=row["name"], scope=row["scope"], created_at=row["created_at"],
        revoked=bool(row["revoked"]), revoked_at=row.get("revoked_at"),
    )


def create_token(store: Any, *, agency: str | None = None, admin: bool = False, name: str | None = None) -> NewToken:
    """Create a token; the returned secret is the only copy (the store keeps its hash).
    Names are unique among tokens (every progress write records the name)."""
    scope = make_scope(agency, admin)
    tid = secrets.token_hex(4)
    while store.read("token_get", {"id": tid}):
        tid = secrets.token_hex(4)
    name = (name or (ADMIN if admin else agency.strip()) + f"-{tid}").strip()  # type: ignore[union-attr]
    if not name or len(name) > MAX_TOKEN_NAME:
        raise TokenError(f"a token name is 1 to {MAX_TOKEN_NAME} characters")
    if store.read("token_by_name", {"name": name}):
        raise TokenError(f"a token named {name!r} exists already: choose another name")
    secret = f"{PREFIX}_{tid}_{secrets.token_urlsafe(32)}"
    created = format_timestamp(now_utc())
    store.write(
        "token_create",
        {"id": tid, "name": name, "scope": scope, "hash": hash_secret(secret), "created_at": created},
    )
    return NewToken(TokenInfo(tid, name, scope, created), secret)


def list_tokens(store: Any) -> list[TokenInfo]:
    """Every token, oldest first (revoked ones too: their names stay in the history)."""
    return [_info(r) for r in store.read("token_list")]


def revoke_token(store: Any, key: str) -> TokenInfo:
    """Revoke the token with id or name ``key``; NotFoundError if none."""
    rows = store.read("token_get", {"id": key}) or store.read("token_by_name", {"name": key})
    if not rows:
        raise NotFoundError(f"no token with id or name {key!r}")
    store.write("token_revoke", {"id": rows[0]["id"], "at": format_timestamp(now_utc())})
    return _info(store.read("token_get", {"id": rows[0]["id"]})[0])


def verify_token(store: Any, presented: str | None) -> TokenInfo:
    """The live token ``presented`` is, or TokenError (missing, malformed, unknown,
    wrong secret, revoked).  The hash comparison is constant-time."""
    if not presented:
        raise TokenError("a token is required")
    m = _TOKEN_RE.match(presented.strip())
    if not m:
        raise TokenError("not a PolicyGraph token")
    rows = store.read("token_get", {"id": m.group(1)})
    stored = rows[0]["hash"] if rows else hash_secret("")  # compare anyway: same work either way
    ok = hmac.compare_digest(hash_secret(presented.strip()), stored)
    if not rows or not ok:
        raise TokenError("unknown token")
    info = _info(rows[0])
    if info.revoked:
        raise TokenError(f"token {info.name} is revoked")
    return info
