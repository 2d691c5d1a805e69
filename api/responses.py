"""JSON responses as UTF-8 with Chinese kept readable (no \\uXXXX escapes)."""

from __future__ import annotations

import json
from typing import Any

from fastapi.responses import JSONResponse


class UTF8JSONResponse(JSONResponse):
    """``application/json; charset=utf-8`` with ``ensure_ascii=False``."""

    media_type = "application/json"

    def init_headers(self, headers: Any = None) -> None:
        super().init_headers(headers)
        self.raw_headers = [
            (k, b"application/json; charset=utf-8") if k == b"content-type" else (k, v) for k, v in self.raw_headers
        ]

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")
