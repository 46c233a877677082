"""Time phrases resolved against a publication date (kg.dates: pure, no spaCy)."""

from __future__ import annotations

from datetime import date

import pytest

from kg.dates import FactTime, overlaps, parse_published, period, resolve_time

FRI = date(2024, 2, 23)  # a Friday


@pytest.mark.parametrize(("text", "published", "value", "datatype"), [
    # weekdays: the last such day on or before publication
    ("on Thursday", FRI, "2024-02-22", "date"),
    ("Friday", FRI, "2024-02-23", "date"),
    ("on Saturday", FRI, "2024-02-17", "date"),
    ("last Friday", FRI, "2024-02-16", "date"),
    ("next Monday", FRI, "2024-02-26", "date"),
    ("on Monday", date(2024, 1, 3), "2024-01-01", "date"),
    ("on Sunday", date(2024, 1, 3), "2023-12-31", "date"),  # across the year
    ("Tuesday night", FRI, "2024-02-20", "date"),
    # "the 24th": this month, or last month when it is still to come
    ("On the 24th", date(2024, 2, 26), "2024-02-24", "date"),
    ("on the 24th", FRI, "2024-01-24", "date"),
    ("the 31st", date(2024, 1, 5), "2023-12-31", "date"),
    ("the 30th", date(2024, 3, 5), None, None),  # February has no 30th
    # months: the latest such month not after the publication month
    ("in February", FRI, "2024-02", "gYearMonth"),
    ("in March", FRI, "2023-03", "gYearMonth"),
    ("in December", date(2024, 1, 10), "2023-12", "gYearMonth"),
    ("last March", date(2024, 5, 1), "2024-03", "gYearMonth"),
    ("last March", date(2024, 3, 20), "2023-03", "gYearMonth"),
    ("next May", FRI, "2024-05", "gYearMonth"),
    ("next January", date(2024, 1, 10), "2025-01", "gYearMonth"),
    ("early September", date(2023, 10, 2), "2023-09", "gYearMonth"),
    ("Sept.", date(2023, 10, 2), "2023-09", "gYearMonth"),
    # explicit dates
    ("March 3, 2021", FRI, "2021-03-03", "date"),
    ("on 3 March 2021", FRI, "2021-03-03", "date"),
    ("2021-03-03", None, "2021-03-03", "date"),
    ("Feb 26", date(2024, 3, 1), "2024-02-26", "date"),
    ("Feb. 26", date(2024, 2, 10), "2023-02-26", "date"),  # later in the year: last year's
    ("Dec 30", date(2024, 1, 2), "2023-12-30", "date"),
    ("on Monday, March 4", date(2024, 3, 8), "2024-03-04", "date"),
    ("June 2020", None, "2020-06", "gYearMonth"),
    ("February 30, 2021", FRI, None, None),
    # years
    ("in 2019", FRI, "2019", "gYear"),
    ("2019", None, "2019", "gYear"),
    ("last year", FRI, "2023", "gYear"),
    ("next year", date(2024, 12, 31), "2025", "gYear"),
    ("this year", FRI, "2024", "gYear"),
    ("two years ago", FRI, "2022", "gYear"),
    # days and months counted from publication
    ("yesterday", date(2024, 1, 1), "2023-12-31", "date"),
    ("yesterday morning", FRI, "2024-02-22", "date"),
    ("last night", date(2024, 3, 1), "2024-02-29", "date"),
    ("this morning", FRI, "2024-02-23", "date"),
    ("today", FRI, "2024-02-23", "date"),
    ("tomorrow", date(2023, 12, 31), "2024-01-01", "date"),
    ("three days ago", date(2024, 3, 2), "2024-02-28", "date"),
    ("last month", date(2024, 1, 10), "2023-12", "gYearMonth"),
    ("earlier this month", FRI, "2024-02", "gYearMonth"),
    ("last week", FRI, "2024-02", "gYearMonth"),
    ("last week", date(2024, 3, 4), None, None),  # Feb 26 to Mar 3: no one month
    # phrases that name no point in time
    ("for three years", FRI, None, None),
    ("recent years", FRI, None, None),
    ("annual", FRI, None, None),
    ("the past decade", FRI, None, None),
    ("a year", FRI, None, None),
    ("", FRI, None, None),
])
def test_resolve_time(text: str, published: date | None, value: str | None,
                      datatype: str | None) -> None:
    found = resolve_time(text, published)
    if value is None:
        assert found is None
    else:
        assert found == FactTime(value, datatype or "", text)


@pytest.mark.parametrize("text", ["on Thursday", "in February", "the 24th", "yesterday",
                                  "last year", "Feb 26"])
def test_relative_phrases_need_a_publication_date(text: str) -> None:
    assert resolve_time(text, None) is None


@pytest.mark.parametrize(("text", "value"), [
    ("on Thursday", "2024-02-29"),  # planned: the next Thursday
    ("on Friday", "2024-02-23"),
    ("in March", "2024-03"),
    ("in January", "2025-01"),
    ("the 10th", "2024-03-10"),
    ("Jan 5", "2025-01-05"),
])
def test_planned_facts_look_forward(text: str, value: str) -> None:
    found = resolve_time(text, FRI, modality="planned")
    assert found is not None and found.value == value


def test_published_dates_and_periods() -> None:
    assert parse_published("2024-02-23T10:15:00+01:00") == FRI
    assert parse_published("") is None
    assert parse_published("yesterday") is None
    assert period("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert period("2023") == (date(2023, 1, 1), date(2023, 12, 31))
    with pytest.raises(ValueError):
        period("2024-13")
    with pytest.raises(ValueError):
        period("Feb 2024")
    assert overlaps("2024-02", date(2024, 2, 20), None)
    assert not overlaps("2024-02", date(2024, 3, 1), None)
    assert overlaps("2024", None, date(2024, 1, 1))
    assert not overlaps("2024-02-23", None, date(2024, 2, 22))
