"""The list envelope every listing answer uses: ``{"data": [...], "count": N}``."""

from __future__ import annotations

from typing import Any


def listing(rows: list[Any], total: int | None = None, **extra: Any) -> dict[str, Any]:
    """``data`` rows and ``count`` (the total before paging), plus any extra keys."""
    out: dict[str, Any] = {"data": rows, "count": len(rows) if total is None else total}
    out.update(extra)
    return out


def page(rows: list[Any], limit: int, offset: int) -> list[Any]:
    """Rows ``offset`` .. ``offset + limit``."""
    return rows[offset : offset + limit]
