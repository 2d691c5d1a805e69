"""Issue 17 points 1 and 10: a write is authenticated and size-checked before its body is
read; an anonymous 1 GB body is refused in under a second with nothing written to disk;
a read-only server refuses an upload at once."""

from __future__ import annotations

import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest
from hardening_server import TOKEN, ServerThread, free_port, settings_for

from policygraph.samples import sample_paths

GIB = 1024**3


def _raw_post(port: int, headers: dict[str, str], body_bytes: int, *, chunked: bool = False) -> tuple[bytes, int, float]:
    """POST /documents by hand: send the headers, then stream up to ``body_bytes`` of body
    (1 MiB pieces) until the server answers.  (status line + head, bytes sent, seconds)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    head = "POST /documents HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    head += "Transfer-Encoding: chunked\r\n" if chunked else f"Content-Length: {body_bytes}\r\n"
    head += "Content-Type: multipart/form-data; boundary=xyz\r\n\r\n"
    start = time.monotonic()
    sock.sendall(head.encode("latin-1"))
    answer = bytearray()
    sent = 0
    stop = threading.Event()

    def reader() -> None:
        try:
            while not stop.is_set():
                data = sock.recv(65536)
                if not data:
                    break
                answer.extend(data)
                if b"\r\n\r\n" in answer:
                    break
        except OSError:
            pass
        stop.set()

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    part = b'--xyz\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n\r\n'
    piece = b"A" * (1024 * 1024)
    try:
        while sent < body_bytes and not stop.is_set() and time.monotonic() - start < 20:
            data = part + piece if sent == 0 else piece
            chunk = data if not chunked else f"{len(data):x}\r\n".encode() + data + b"\r\n"
            sock.sendall(chunk)
            sent += len(piece)
    except OSError:  # the server closed the connection after answering
        pass
    t.join(10)
    elapsed = time.monotonic() - start
    sock.close()
    return bytes(answer), sent, elapsed


@pytest.fixture
def private_tmp(monkeypatch, tmp_path):
    """The server process's temp folder, fresh and watched (multipart spools go here)."""
    folder = tmp_path / "spool"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


def test_anonymous_gigabyte_refused_at_once(live, private_tmp: Path):
    answer, sent, elapsed = _raw_post(live.port, {}, GIB)
    assert _status(answer) == 401, answer[:200]
    assert elapsed < 1.0
    assert sent < 200 * 1024 * 1024  # it did not wait for the body
    assert list(private_tmp.iterdir()) == []


def test_wrong_token_gigabyte_refused_before_body(live, private_tmp: Path):
    """A bearer token is present but wrong: the length cap answers first (413), and with a
    small declared length the token check runs before the multipart parse (401)."""
    answer, _sent, elapsed = _raw_post(live.port, {"Authorization": "Bearer wrong"}, GIB)
    assert _status(answer) == 413 and elapsed < 1.0
    answer, _sent, elapsed = _raw_post(live.port, {"Authorization": "Bearer wrong"}, 900 * 1024)
    assert _status(answer) == 401
    assert list(private_tmp.iterdir()) == []


def test_token_holder_gigabyte_refused_by_length(live, private_tmp: Path):
    answer, sent, elapsed = _raw_post(live.port, {"Authorization": f"Bearer {TOKEN}"}, GIB)
    assert _status(answer) == 413 and elapsed < 1.0
    assert b"request body too large" in answer or _status(answer) == 413
    assert list(private_tmp.iterdir()) == []


def test_chunked_body_capped_while_streaming(live, private_tmp: Path):
    """No length given: the body is counted as it streams and cut at the limit (1 MiB)."""
    answer, sent, elapsed = _raw_post(live.port, {"Authorization": f"Bearer {TOKEN}"}, 64 * 1024 * 1024, chunked=True)
    assert _status(answer) == 413
    assert sent < 32 * 1024 * 1024 and elapsed < 10


def test_anonymous_chunked_refused_at_once(live, private_tmp: Path):
    answer, sent, elapsed = _raw_post(live.port, {}, GIB, chunked=True)
    assert _status(answer) == 401 and elapsed < 1.0
    assert list(private_tmp.iterdir()) == []


def test_no_token_configured_refuses_anonymous_at_once(live, private_tmp: Path):
    from api.app import create_app

    settings = live.settings.model_copy(update={"api_token": None})
    server = ServerThread(create_app(settings, store=live.store), free_port())
    server.start()
    try:
        answer, sent, elapsed = _raw_post(server.server.config.port, {}, GIB)
        assert _status(answer) == 403 and elapsed < 1.0
        answer, sent, elapsed = _raw_post(server.server.config.port, {"Authorization": f"Bearer {TOKEN}"}, 900 * 1024)
        assert _status(answer) == 403  # token given, uploads off: still before the body
    finally:
        server.stop()
    assert list(private_tmp.iterdir()) == []


def test_read_only_server_refuses_upload_at_once(live, private_tmp: Path):
    import httpx

    from api.app import create_app

    settings = live.settings.model_copy(update={"read_only": True})
    server = ServerThread(create_app(settings, store=live.store), free_port())
    server.start()
    try:
        answer, _sent, elapsed = _raw_post(server.server.config.port, {"Authorization": f"Bearer {TOKEN}"}, GIB)
        assert _status(answer) == 503 and elapsed < 1.0
        seed = sample_paths()[1]
        r = httpx.post(f"http://127.0.0.1:{server.server.config.port}/documents",
                       files={"file": (seed.name, seed.read_bytes(), "text/plain")},
                       headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 503 and "read-only" in r.json()["error"]
    finally:
        server.stop()
    assert list(private_tmp.iterdir()) == []


def test_good_upload_still_works(live):
    seed = sample_paths()[1]
    r = live.client.post("/documents", files={"file": (seed.name, seed.read_bytes(), "text/plain")}, headers=live.auth)
    assert r.status_code == 201, r.text
    assert r.json()["document"]["id"] == "西青区人民政府-2022-07-27"
    # the keep-alive connection still serves the next request
    assert live.client.get("/healthz").status_code == 200


def test_settings_for_is_used(tmp_path):
    s = settings_for("ladybug", tmp_path, max_upload_bytes=5)
    assert s.max_upload_bytes == 5 and s.api_token == TOKEN
