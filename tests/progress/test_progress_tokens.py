"""Tokens on both stores: create (secret shown once, only its hash stored), verify
(constant-time, by public id), revoke, list, scope rules; the private token reads are
never served by GET /queries; a token created before a first load leaves the embedded
bulk COPY path working."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph import ladybug_bulk
from graph.ladybug_store import LadybugStore
from graph.model import NotFoundError
from graph.registry import get_registry
from graph.tokens import (
    TokenError,
    create_token,
    hash_secret,
    list_tokens,
    make_scope,
    may_write,
    revoke_token,
    verify_token,
)
from tests.factories import all_documents


def test_create_verify_revoke(store: Any) -> None:
    new = create_token(store, agency="区财政局", name="区财政局-李")
    assert new.secret.startswith(f"pg_{new.info.id}_") and len(new.secret) == 3 + 9 + 43
    assert new.secret not in repr(new)
    info = verify_token(store, new.secret)
    assert (info.name, info.scope, info.agency, info.is_admin) == ("区财政局-李", "agency:区财政局", "区财政局", False)
    row = store.read("token_get", {"id": new.info.id})[0]
    assert row["hash"] == hash_secret(new.secret) and new.secret not in str(row)  # only the hash is kept
    for wrong in (
        new.secret[:-1] + ("A" if new.secret[-1] != "A" else "B"),  # same id, wrong secret
        "pg_00000000_" + new.secret[12:],  # unknown id
        "Bearer " + new.secret,  # not a token
        "",
        None,
    ):
        with pytest.raises(TokenError):
            verify_token(store, wrong)
    admin = create_token(store, admin=True)
    assert verify_token(store, admin.secret).is_admin and admin.info.name.startswith("admin-")
    assert [t.name for t in list_tokens(store)] == ["区财政局-李", admin.info.name]
    gone = revoke_token(store, "区财政局-李")
    assert gone.revoked and gone.revoked_at
    with pytest.raises(TokenError, match="revoked"):
        verify_token(store, new.secret)
    assert verify_token(store, admin.secret).is_admin  # the other token still works
    assert [t.revoked for t in list_tokens(store)] == [True, False]
    with pytest.raises(NotFoundError):
        revoke_token(store, "nobody")


def test_names_are_unique_and_scopes_exact(store: Any) -> None:
    create_token(store, agency="区财政局", name="财政")
    with pytest.raises(TokenError, match="exists"):
        create_token(store, admin=True, name="财政")
    for kw in ({}, {"agency": "区财政局", "admin": True}, {"agency": "  "}):
        with pytest.raises(TokenError):
            make_scope(**kw)  # type: ignore[arg-type]


def test_scope_rules(store: Any) -> None:
    agency = create_token(store, agency="区财政局").info
    admin = create_token(store, admin=True).info
    assert may_write(agency, "区财政局", "in_progress") is None
    assert "only 区财政局's" in (may_write(agency, "区人社局", "in_progress") or "")
    assert "supervising office" in (may_write(agency, "区财政局", "closed") or "")
    assert may_write(admin, "区人社局", "closed") is None
    revoke_token(store, agency.id)
    revoked = next(t for t in list_tokens(store) if t.id == agency.id)
    assert "revoked" in (may_write(revoked, "区财政局", "in_progress") or "")


def test_token_reads_are_private() -> None:
    reg = get_registry()
    for name in ("token_get", "token_by_name", "token_list"):
        assert name not in reg.names("read") and reg.readable(name).kind == "private"
        with pytest.raises(NotFoundError):
            reg.get(name, "read")  # what GET /queries/{name} asks for
    assert all(":Token" not in q.text(e) for q in reg.reads() for e in ("ladybug", "neo4j"))  # no public read sees tokens


def test_tokens_before_a_first_load_keep_the_bulk_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = ladybug_bulk.bulk_load_rows

    def spy(store: Any, rows_of: Any) -> Any:
        calls.append(len(rows_of))
        return real(store, rows_of)

    monkeypatch.setattr(ladybug_bulk, "bulk_load_rows", spy)
    with LadybugStore(tmp_path / "g.lbug") as store:
        new = create_token(store, admin=True)
        store.load_many(all_documents())
        assert calls == [2] and store.counts()["Measure"] == 9  # the COPY path ran, and loaded
        assert verify_token(store, new.secret).is_admin
