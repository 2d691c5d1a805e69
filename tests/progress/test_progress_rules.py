"""The status vocabulary and the pure rules of graph.progress (no store): overdue and
report-due against hand-computed cases (tests/expected/progress_*.tsv), obligation ids,
ongoing measures and the validation of one update."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from graph.progress import (
    STATUS_ZH,
    ProgressError,
    ProgressUpdate,
    cycle_code,
    cycle_label,
    cycle_start,
    is_ongoing,
    is_overdue,
    obligation_id,
    report_due,
    split_obligation_id,
    status_code,
    validate_update,
)

EXPECTED = Path(__file__).resolve().parents[1] / "expected"
NOW = dt.datetime(2022, 7, 1, 4, 0, tzinfo=dt.UTC)


def _rows(name: str) -> list[dict[str, str]]:
    with open(EXPECTED / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


OVERDUE = _rows("progress_overdue.tsv")
REPORT_DUE = _rows("progress_report_due.tsv")


@pytest.mark.parametrize("row", OVERDUE, ids=[r["why"] for r in OVERDUE])
def test_overdue_cases(row: dict[str, str]) -> None:
    got = is_overdue(row["due_date"] or None, row["status"] or None, row["as_of"], ongoing=row["ongoing"] == "true")
    assert got is (row["overdue"] == "true")


@pytest.mark.parametrize("row", REPORT_DUE, ids=[r["why"] for r in REPORT_DUE])
def test_report_due_cases(row: dict[str, str]) -> None:
    got = report_due(row["last_update_at"] or None, row["cycle"] or None, row["as_of"], row["status"] or None)
    assert got is (row["report_due"] == "true")


def test_case_files_cover_both_answers() -> None:
    assert {r["overdue"] for r in OVERDUE} == {"true", "false"}
    assert {r["report_due"] for r in REPORT_DUE} == {"true", "false"}


def test_status_vocabulary_both_ways() -> None:
    assert list(STATUS_ZH.items()) == [
        ("not_started", "未启动"), ("in_progress", "推进中"), ("done", "已完成"),
        ("ongoing", "持续推进"), ("blocked", "受阻"), ("closed", "已销号"),
    ]
    for code, zh in STATUS_ZH.items():
        assert status_code(code) == code and status_code(zh) == code and status_code(f" {zh} ") == code
    assert status_code("完成") is None and status_code("DONE") is None and status_code(None) is None


def test_cycles() -> None:
    assert cycle_start("2022-05-15", "quarterly") == dt.date(2022, 4, 1)
    assert cycle_start("2022-12-31", "quarterly") == dt.date(2022, 10, 1)
    assert cycle_start("2022-05-15", "monthly") == dt.date(2022, 5, 1)
    assert cycle_label("2022-05-15", "quarterly") == "2022-Q2" and cycle_label("2022-05-15", "monthly") == "2022-05"
    assert cycle_code("每月") == "monthly" and cycle_code("季度") == "quarterly" and cycle_code("") == "quarterly"
    assert cycle_code("weekly") is None
    with pytest.raises(ProgressError):
        cycle_start("2022-05-15", "weekly")


def test_obligation_ids_round_trip() -> None:
    oid = obligation_id("西青区人民政府-2022-07-27:7.1", "区财政局")
    assert oid == "西青区人民政府-2022-07-27:7.1|区财政局"
    assert split_obligation_id(oid) == ("西青区人民政府-2022-07-27:7.1", "区财政局")
    assert split_obligation_id("a|b:1.1|区财政局") == ("a|b:1.1", "区财政局")  # split on the last bar
    for bad in ("", "xiqing-2022:7.1", "|区财政局", "xiqing-2022:7.1|"):
        with pytest.raises(ProgressError):
            split_obligation_id(bad)
    with pytest.raises(ProgressError):
        obligation_id("m:1.1", "A|B")


def test_ongoing_measures() -> None:
    assert is_ongoing("ongoing")  # 年内持续推进, 长期坚持 (read by loaders.deadlines)
    assert not is_ongoing("due", "12月底前完成") and not is_ongoing("milestone", "4月底前出台相关政策")
    assert is_ongoing("unspecified", "长期坚持，适时调度") and not is_ongoing("unspecified", "")
    assert not is_ongoing(None, None)


def test_ongoing_kinds_come_from_the_deadline_grammar() -> None:
    from loaders.deadlines import parse_deadline

    for text in ("年内持续推进", "长期坚持", "6月底前完成专项检查，年内持续推进"):
        dl = parse_deadline(text, 2022).deadline
        assert dl is not None and is_ongoing(dl.kind, dl.text), text
    dl = parse_deadline("12月底前完成", 2022).deadline
    assert dl is not None and not is_ongoing(dl.kind, dl.text)


def _upd(**kw: object) -> ProgressUpdate:
    base: dict[str, object] = {"obligation_id": "xiqing-2022:4.1|区财政局", "status": "推进中"}
    return ProgressUpdate(**(base | kw))  # type: ignore[arg-type]


def test_validate_one_update() -> None:
    clean, reasons = validate_update(_upd(percent="60%", text=" 已完成初稿 ", at="2022-06-30"), NOW)
    assert reasons == [] and clean is not None
    assert (clean.status, clean.percent, clean.text, clean.evidence) == ("in_progress", 60.0, "已完成初稿", None)
    assert clean.at == "2022-06-29T16:00:00.000000Z"  # a bare date is a Beijing date
    assert (clean.measure_id, clean.unit) == ("xiqing-2022:4.1", "区财政局")
    clean, _ = validate_update(_upd(), NOW)
    assert clean is not None and clean.at == "2022-07-01T04:00:00.000000Z"  # no date: now


@pytest.mark.parametrize(
    ("kw", "reason"),
    [
        ({"status": "完成了"}, "unknown status"),
        ({"at": "2022-07-01T04:00:01Z"}, "in the future"),
        ({"at": "yesterday"}, "not an ISO date"),
        ({"percent": 101}, "percent"),
        ({"percent": -1}, "percent"),
        ({"percent": "半"}, "percent"),
        ({"percent": True}, "percent"),
        ({"text": "进" * 2001}, "text is 2001 characters"),
        ({"evidence": "x" * 1001}, "evidence is 1001"),
        ({"person": "张" * 101}, "person is 101"),
        ({"source": "fax"}, "unknown source"),
        ({"obligation_id": "xiqing-2022:4.1"}, "not an obligation id"),
    ],
)
def test_validate_refuses(kw: dict[str, object], reason: str) -> None:
    clean, reasons = validate_update(_upd(**kw), NOW)
    assert clean is None and any(reason in r for r in reasons), reasons


def test_validate_reports_every_reason() -> None:
    clean, reasons = validate_update(_upd(status="x", percent=200, at="2030-01-01"), NOW)
    assert clean is None and len(reasons) == 3
    ok, none = validate_update(_upd(at="2022-07-01T04:00:00Z", percent=100, text="进" * 2000), NOW)
    assert ok is not None and none == []  # the limits themselves are allowed
