"""When a fact happened: a time phrase of a sentence ("on Thursday", "in February", "last
year") resolved against the date its document was published.

Pure functions over ``datetime.date``; no spaCy. A phrase resolves to a day (``date``), a
month (``gYearMonth``) or a year (``gYear``), the XML Schema types the store writes. Relative
phrases need the publication date; without one only absolute dates ("March 3, 2021", "in
2019") resolve. Phrases that name no point in time ("for three years", "recent years",
"annual") resolve to nothing.

A news report speaks of the past unless the fact is only planned or possible: "on Thursday"
in a report of what happened is the last Thursday on or before the publication day; in a
report of what a company plans to do it is the next one.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from kg.model import FactTime

DAY, MONTH, YEAR = "date", "gYearMonth", "gYear"  # the datatypes of FactTime
# Modalities of facts that have not happened yet: their weekdays and months look forward.
FUTURE_MODALITIES = frozenset({"planned", "possible", "proposed"})

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20|21)\d\d)"
# Words around a time phrase that do not change the point it names.
_FILLER = re.compile(r"^(?:(?:on|in|at|by|from|since|as of|during|of|the|early|late|mid|"
                     r"earlier|later|this past)\s+|mid-)+", re.IGNORECASE)


def parse_published(value: str) -> date | None:
    """The day of an ISO 8601 date or date-time ("2024-02-23", "2024-02-23T10:00:00Z")."""
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _day(d: date, text: str) -> FactTime:
    return FactTime(d.isoformat(), DAY, text)


def _month(year: int, month: int, text: str) -> FactTime:
    return FactTime(f"{year:04d}-{month:02d}", MONTH, text)


def _year(year: int, text: str) -> FactTime:
    return FactTime(f"{year:04d}", YEAR, text)


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def _absolute(phrase: str, text: str, published: date | None,
              future: bool) -> FactTime | None:
    """Dates that name their year, or a month and day whose year the publication date gives."""
    m = re.fullmatch(r"(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)", phrase)
    if m:
        d = _valid(int(m["year"]), int(m["month"]), int(m["day"]))
        return _day(d, text) if d else None
    for pattern in (rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}", rf"{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}"):
        m = re.fullmatch(pattern, phrase)
        if m:
            d = _valid(int(m["year"]), MONTHS[m["month"]], int(m["day"]))
            return _day(d, text) if d else None
    m = re.fullmatch(rf"{_MONTH},?\s+(?:of\s+)?{_YEAR}", phrase)
    if m:
        return _month(int(m["year"]), MONTHS[m["month"]], text)
    m = re.fullmatch(rf"(?:the\s+)?{_YEAR}", phrase)
    if m:
        return _year(int(m["year"]), text)
    if published is None:
        return None
    m = re.fullmatch(rf"(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}", phrase) or \
        re.fullmatch(rf"(?:{_WEEKDAY},?\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}", phrase)
    if m:  # "March 3", "3 March": the nearest such day before (or, if planned, after)
        month, day = MONTHS[m["month"]], int(m["day"])
        year = published.year
        d = _valid(year, month, day)
        if d is None:
            return None
        if not future and d > published:
            d = _valid(year - 1, month, day)
        elif future and d < published:
            d = _valid(year + 1, month, day)
        return _day(d, text) if d else None
    return None


def _relative(phrase: str, text: str, published: date, future: bool) -> FactTime | None:
    """Phrases that count from the publication date."""
    if phrase in ("today", "this morning", "this afternoon", "this evening", "tonight"):
        return _day(published, text)
    day, _, part = phrase.partition(" ")
    if part and part not in ("morning", "afternoon", "evening", "night"):
        day = phrase
    if day == "yesterday" or phrase == "last night":
        return _day(published - timedelta(days=1), text)
    if day == "tomorrow":
        return _day(published + timedelta(days=1), text)
    m = re.fullmatch(rf"(?P<which>last|next|this)?\s*{_WEEKDAY}(?:\s+(?P<part>morning|afternoon|"
                     r"evening|night))?", phrase)
    if m:
        weekday = WEEKDAYS[m["weekday"]]
        back = (published.weekday() - weekday) % 7
        forward = (weekday - published.weekday()) % 7
        if m["which"] == "next":
            return _day(published + timedelta(days=forward or 7), text)
        if m["which"] != "last" and future:
            return _day(published + timedelta(days=forward), text)
        if m["which"] == "last" and back == 0:
            back = 7
        return _day(published - timedelta(days=back), text)
    m = re.fullmatch(rf"(?P<which>last|next|this)?\s*{_MONTH}", phrase)
    if m:
        month, year = MONTHS[m["month"]], published.year
        if m["which"] == "next":
            return _month(year + 1 if month <= published.month else year, month, text)
        if m["which"] is None and future:
            return _month(year + 1 if month < published.month else year, month, text)
        if m["which"] == "this":
            return _month(year, month, text)
        if month > published.month or (m["which"] == "last" and month == published.month):
            year -= 1
        return _month(year, month, text)
    m = re.fullmatch(_DAY, phrase)
    if m:  # "the 24th": of the publication month, or the month before if it is yet to come
        day = int(m["day"])
        year, month = published.year, published.month
        if not future and day > published.day:
            year, month = _shift_month(year, month, -1)
        elif future and day < published.day:
            year, month = _shift_month(year, month, 1)
        d = _valid(year, month, day)
        return _day(d, text) if d else None
    m = re.fullmatch(r"(?P<which>last|this|next|a|one)\s+(?P<unit>week|month|year)(?:\s+ago)?",
                     phrase)
    if m:
        if m["which"] in ("a", "one") and not phrase.endswith("ago"):
            return None
        by = {"last": -1, "this": 0, "next": 1, "a": -1, "one": -1}[m["which"]]
        if m["unit"] == "year":
            return _year(published.year + by, text)
        if m["unit"] == "month":
            return _month(*_shift_month(published.year, published.month, by), text)
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=by)
        sunday = monday + timedelta(days=6)
        # a week is no month, unless it lies in one
        return _month(monday.year, monday.month, text) if \
            (monday.year, monday.month) == (sunday.year, sunday.month) else None
    m = re.fullmatch(r"(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten)\s+"
                     r"(?P<unit>day|week|month|year)s?\s+ago", phrase)
    if m:
        n = int(m["n"]) if m["n"].isdigit() else \
            ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"].index(
                m["n"]) + 2
        if m["unit"] == "day":
            return _day(published - timedelta(days=n), text)
        if m["unit"] == "week":
            return _day(published - timedelta(weeks=n), text) if n == 1 else None
        if m["unit"] == "month":
            return _month(*_shift_month(published.year, published.month, -n), text)
        return _year(published.year - n, text)
    return None


def resolve_time(text: str, published: date | None, modality: str = "asserted"
                 ) -> FactTime | None:
    """The point in time ``text`` names, read from a document published on ``published``
    (``None`` when unknown: then only absolute dates resolve). ``modality`` "planned",
    "possible" or "proposed" reads bare weekdays and months forward.

    >>> resolve_time("on Thursday", date(2024, 2, 23))
    FactTime(value='2024-02-22', datatype='date', text='on Thursday')
    >>> resolve_time("in December", date(2024, 1, 10))
    FactTime(value='2023-12', datatype='gYearMonth', text='in December')
    """
    phrase = " ".join(text.lower().replace("’", "'").split()).strip(" ,.")
    phrase = _FILLER.sub("", phrase).strip()
    if not phrase:
        return None
    future = modality in FUTURE_MODALITIES
    found = _absolute(phrase, text, published, future)
    if found is None and published is not None:
        found = _relative(phrase, text, published, future)
    return found


def period(value: str) -> tuple[date, date]:
    """The first and last day of a date, year-month or year ("2024-02" → Feb 1 to Feb 29).
    Raises ``ValueError`` when ``value`` is none of these."""
    m = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", value.strip())
    if not m:
        raise ValueError(value)
    year = int(m[1])
    if m[3]:
        d = date(year, int(m[2]), int(m[3]))
        return d, d
    if m[2]:
        month = int(m[2])
        first = date(year, month, 1)
        return first, date(year, month, calendar.monthrange(year, month)[1])
    return date(year, 1, 1), date(year, 12, 31)


def overlaps(value: str, since: date | None, until: date | None) -> bool:
    """Whether the period ``value`` (a date, year-month or year) meets ``[since, until]``."""
    try:
        first, last = period(value[:10])
    except ValueError:
        return False
    return (since is None or last >= since) and (until is None or first <= until)
