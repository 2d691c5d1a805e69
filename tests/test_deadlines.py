"""Deadline phrases and their normalisation."""

from __future__ import annotations

import pytest

from loaders.deadlines import parse_deadline


def dl(text: str, year: int | None = 2022, published: str | None = "2022-05-06"):
    return parse_deadline(text, year, published)


def test_ongoing_to_year_end() -> None:
    r = dl("年内持续推进")
    assert (r.deadline.kind, r.deadline.date) == ("ongoing", "2022-12-31")
    assert r.deadline.text == "年内持续推进"
    assert not r.problems


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("12月底前完成", "2022-12-31"),
        ("12 月底前完成", "2022-12-31"),
        ("6月底前完成", "2022-06-30"),
        ("2月底前完成", "2022-02-28"),
    ],
)
def test_due_month_end(text: str, date: str) -> None:
    r = dl(text, published=None)
    assert (r.deadline.kind, r.deadline.date, r.deadline.action) == ("due", date, "完成")


def test_milestone_with_action() -> None:
    r = dl("9月底前出台相关政策")
    assert (r.deadline.kind, r.deadline.date, r.deadline.action) == (
        "milestone",
        "2022-09-30",
        "出台相关政策",
    )


def test_combination_keeps_final_kind_and_milestones() -> None:
    r = dl("9月底前出台相关政策，年内持续推进")
    d = r.deadline
    assert (d.kind, d.date) == ("ongoing", "2022-12-31")
    assert [(m.text, m.date, m.action) for m in d.milestones] == [
        ("9月底前出台相关政策", "2022-09-30", "出台相关政策")
    ]
    assert d.before_publication is False


def test_before_publication_flagged_with_problem() -> None:
    r = dl("3月底前出台相关政策，年内持续推进")
    assert r.deadline.before_publication is True
    assert r.deadline.milestones[0].date == "2022-03-31"
    assert any("before" in p and "2022-05-06" in p for p in r.problems)


@pytest.mark.parametrize(
    ("text", "kind", "date"),
    [
        ("年底前", "due", "2022-12-31"),
        ("年底前完成", "due", "2022-12-31"),
        ("上半年", "due", "2022-06-30"),
        ("下半年完成", "due", "2022-12-31"),
        ("三季度末前完成", "due", "2022-09-30"),
        ("长期坚持", "ongoing", None),
        ("2023年3月31日前完成", "due", "2023-03-31"),
        ("十二月底前完成", "due", "2022-12-31"),
    ],
)
def test_other_phrases(text: str, kind: str, date: str | None) -> None:
    r = dl(text, published=None)
    assert (r.deadline.kind, r.deadline.date) == (kind, date)
    assert not r.problems


def test_unknown_phrase_is_unspecified_with_problem() -> None:
    r = dl("尽快")
    assert r.deadline.kind == "unspecified" and r.deadline.date is None
    assert r.problems


def test_year_comes_from_document() -> None:
    assert dl("12月底前完成", year=2023, published=None).deadline.date == "2023-12-31"


def test_no_year_means_no_date_and_a_problem() -> None:
    r = dl("12月底前完成", year=None, published=None)
    assert r.deadline.kind == "due" and r.deadline.date is None and r.problems


def test_traditional() -> None:
    assert dl("年內持續推進").deadline.kind == "ongoing"
