"""Issue 17, bad input over real HTTP: every reproduction a 4xx (or it works), none a 5xx.
Points 3 (bomb), 4 (control characters), 6 (duplicate measure numbers), 7 (file names),
8 (/queries, /static), 10 (temp paths never echoed), 11 (traditional headers)."""

from __future__ import annotations

import io
import resource
import zipfile

import pytest

DUP_TABLE = (
    "任务序号\t重点工作任务\t措施序号\t落实措施\t责任单位\t完成时限\t备注\n"
    "(一)\t稳增长\t1\t做好甲工作。\t区财政局牵头\t2022年12月底前\t\n"
    "\t\t2\t做好丙工作。\t区财政局牵头\t2022年12月底前\t\n"
    "\t\t1\t做好乙工作。\t区发展改革委牵头\t2022年12月底前\t\n"
)
GOOD_TABLE = (
    "任务序号\t重点工作任务\t措施序号\t落实措施\t责任单位\t完成时限\t备注\n"
    "(一)\t稳增长\t1\t做好甲工作。\t区财政局牵头\t2022年12月底前\t\n"
)


def _upload(live, name: str, data: bytes, ctype: str = "text/plain"):
    return live.client.post("/documents", files={"file": (name, data, ctype)}, headers=live.auth)


def _upload_raw(live, name: str, data: bytes):
    """A multipart body made by hand, so the file name travels byte for byte (httpx would
    escape a NUL or a quote)."""
    body = (b'--b0undary\r\nContent-Disposition: form-data; name="file"; filename="' + name.encode("utf-8")
            + b'"\r\nContent-Type: text/plain\r\n\r\n' + data + b"\r\n--b0undary--\r\n")
    return live.client.post("/documents", content=body,
                            headers={**live.auth, "Content-Type": "multipart/form-data; boundary=b0undary"})


def _no_server_path(r) -> None:
    assert "policygraph-upload-" not in r.text and "/tmp/" not in r.text


# -- 6: duplicate measure numbers ------------------------------------------------------


def test_duplicate_measure_numbers_refused_with_lines(live):
    r = _upload(live, "重复序号.tsv", DUP_TABLE.encode())
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["error"].startswith("重复序号.tsv:4: duplicate measure number: measure 1 on lines 2 and 4")
    assert body["errors"][0]["loc"] == ["body", "file"]
    _no_server_path(r)
    # the keep-alive connection is still good
    assert live.client.get("/healthz").status_code == 200


# -- 7: file names ------------------------------------------------------------------------


@pytest.mark.parametrize("name", [".", "..", "/", "a" * 300 + ".txt", "bad\x00name.txt", "../../etc/passwd.txt",
                                  "dir/x.txt", "x\\y.txt"])
def test_bad_filenames_are_4xx(live, name):
    answers = [_upload_raw(live, name, GOOD_TABLE.encode())]
    if "\x00" not in name:  # httpx sends a NUL as %00 (a legal name)
        answers.append(_upload(live, name, GOOD_TABLE.encode()))
    for r in answers:
        assert 400 <= r.status_code < 500, (name, r.status_code, r.text)
        _no_server_path(r)


def test_filename_is_named_in_errors_not_the_temp_path(live):
    r = _upload(live, "说明.txt", "这不是任务分工文件。\n".encode())
    assert r.status_code == 422
    assert r.json()["error"].startswith("说明.txt")
    _no_server_path(r)


# -- 4: control characters -----------------------------------------------------------------


def test_control_characters_removed_and_ledger_still_exports(live):
    text = GOOD_TABLE.replace("做好甲工作。", "做好\x00甲\x07工作\x1b。").replace("稳增长", "稳增长控制")
    text = text.replace("区财政局牵头", "区市场监管局牵头")
    r = _upload(live, "控制字符.tsv", text.encode())
    assert r.status_code == 201, r.text
    warnings = r.json()["warnings"]
    assert any(w["message"] == "control characters removed" and w["line"] == 2 for w in warnings)
    assert all(w["file"] == "控制字符.tsv" for w in warnings)
    ledger = live.client.get("/units/区市场监管局/ledger.xlsx")
    assert ledger.status_code == 200
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(ledger.content))
    cells = [str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value]
    assert any("做好甲工作。" in c for c in cells)
    assert live.client.get("/units/区市场监管局/ledger.csv").status_code == 200


# -- 3: decompression bomb --------------------------------------------------------------------


def _bomb(inflated: int = 256 << 20) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["任务序号", "落实措施", "责任单位"])
    good = io.BytesIO()
    wb.save(good)
    out = io.BytesIO()
    chunk = b"0" * (1 << 20)
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                big = zipfile.ZipInfo(info.filename)
                big.compress_type = zipfile.ZIP_DEFLATED
                with dst.open(big, "w", force_zip64=True) as f:
                    for _ in range(inflated // len(chunk)):
                        f.write(chunk)
            else:
                dst.writestr(info, src.read(info))
    return out.getvalue()


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_xlsx_bomb_refused_and_memory_stays(live):
    data = _bomb()
    assert len(data) < live.settings.max_upload_bytes
    before = _rss_mb()
    r = live.client.post("/documents", headers=live.auth, files={
        "file": ("炸弹.xlsx", data, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")})
    assert r.status_code == 422, r.text
    assert r.json()["error"].startswith("炸弹.xlsx")
    _no_server_path(r)
    assert _rss_mb() - before < 100


# -- 11: traditional headers ------------------------------------------------------------------


def test_traditional_table_uploads(live):
    trad = ("任務序號\t重點工作任務\t措施序號\t落實措施\t責任單位\t完成時限\n"
            "一\t穩定增長\t1\t做好工作。\t區財政局牽頭，區稅務局配合\t6月底前完成\n")
    r = _upload(live, "繁體.tsv", trad.encode())
    assert r.status_code == 201, r.text
    assert r.json()["counts"]["measures"] == 1


# -- limits ---------------------------------------------------------------------------------------


def test_measure_limit_is_413(live):
    from bench.one_unit import one_unit_table

    r = _upload(live, "太多措施.tsv", one_unit_table(501).encode())
    assert r.status_code == 413, r.text
    assert "501 measures" in r.json()["error"] and "POLICYGRAPH_MAX_UPLOAD_MEASURES" in r.json()["error"]


# -- 8: /queries and /static ------------------------------------------------------------------------


def test_queries_wrong_types_are_422_naming_the_parameter(live):
    q = next(q for q in live.client.get("/queries").json()["data"]
             if any(p["name"] == "ids" and p["type"] == "list" for p in q["params"]))
    params = {p["name"]: "x" for p in q["params"] if p["required"]}
    r = live.client.get(f"/queries/{q['name']}", params={**params, "ids": "[1, 2]"})
    assert r.status_code == 422, r.text
    assert [e["loc"] for e in r.json()["errors"]] == [["query", "ids"]]
    assert "Binder" not in r.text and "exception" not in r.text.lower()


def test_queries_deep_nesting_is_422(live):
    q = next(q for q in live.client.get("/queries").json()["data"] if any(p["type"] == "list" for p in q["params"]))
    param = next(p["name"] for p in q["params"] if p["type"] == "list")
    params = {p["name"]: "x" for p in q["params"] if p["required"]}
    r = live.client.get(f"/queries/{q['name']}", params={**params, param: "[" * 5000})
    assert r.status_code == 422, r.text
    assert [e["loc"] for e in r.json()["errors"]] == [["query", param]]


def test_queries_negative_limits_are_422(live):
    assert live.client.get("/queries/counts", params={"_limit": -1}).status_code == 422
    name = next(q["name"] for q in live.client.get("/queries").json()["data"]
                if any(p["name"] == "limit" for p in q["params"]))
    q = next(q for q in live.client.get("/queries").json()["data"] if q["name"] == name)
    params = {p["name"]: "区财政局" for p in q["params"] if p["required"]}
    r = live.client.get(f"/queries/{name}", params={**params, "limit": "-1"})
    assert r.status_code == 422, r.text
    assert [e["loc"] for e in r.json()["errors"]] == [["query", "limit"]]
    r = live.client.get(f"/queries/{name}", params={**params, "limit": str(2**70)})
    assert r.status_code == 422


@pytest.mark.parametrize("path", ["/static/%00", "/static/a%00b.js", "/static/" + "a" * 5000,
                                  "/static/" + "/".join(["x" * 300] * 3), "/static/%2e%2e/%2e%2e/etc/passwd"])
def test_static_bad_paths_are_404(live, path):
    r = live.client.get(path)
    assert r.status_code == 404, (path, r.status_code)
