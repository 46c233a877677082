"""Dates of documents as ISO 8601: a date (``2024-03-11``) or a date-time
(``2024-03-11T06:32:00Z``, ``2024-03-11T07:32:00+01:00``), read from the forms news files write
them in."""

from __future__ import annotations

import email.utils
import re
from datetime import datetime, timedelta, timezone

# Forms ``datetime.fromisoformat`` and RFC 2822 do not read; the first is the Reuters wire's
# ("26-FEB-1987 15:01:01.79"). Day-first and month-first numeric forms are left out: "03/04/2024"
# is two different days on two sides of the Atlantic.
_FORMATS = ("%d-%b-%Y %H:%M:%S.%f", "%d-%b-%Y %H:%M:%S", "%d-%b-%Y", "%B %d, %Y", "%b %d, %Y",
            "%d %B %Y", "%d %b %Y", "%Y/%m/%d", "%Y/%m/%d %H:%M:%S", "%Y%m%d")
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# What a date written in letters, digits and punctuation can hold: a date followed by markup
# debris ("27-MAR-1987 00:02:59.13&#5;&#5;RM", left by an SGML conversion) is read up to it.
_DATE_LIKE = re.compile(r"^[\w :.,+/-]+")
# A 12-hour clock closing a written date ("March 11, 2024, 6:32 p.m. EST", "... at 6:32 PM"):
# the e-mail parser reads its hour and drops "PM".
_CLOCK12 = re.compile(r"(?:,?\s+at)?,?\s+(\d{1,2}):(\d\d)(?::(\d\d))?\s*([ap])\.?\s?m\.?"
                      r"(?:\s+([a-z]{1,3}|[+-]\d\d:?\d\d))?$", re.IGNORECASE)
# The zones RFC 2822 names; others ("ET", "BST") are ambiguous: the time is kept without one.
_ZONES = {"z": 0, "ut": 0, "utc": 0, "gmt": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5,
          "mst": -7, "mdt": -6, "pst": -8, "pdt": -7}
# A weekday before a written date ("Monday, March 11, 2024"), a dot after a month ("Mar.").
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_MONTH_DOT = re.compile(r"\b(jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.", re.IGNORECASE)


def iso_date(value: object) -> str:
    """``value`` as an ISO 8601 date or date-time, or ``""`` when it is no date kg can read.

    >>> iso_date("26-FEB-1987 15:01:01.79"), iso_date("2-MAR-1987 00:02:59.13&#5;&#5;RM")
    ('1987-02-26T15:01:01', '1987-03-02T00:02:59')
    >>> iso_date("Mon, 11 Mar 2024 06:32:00 GMT")
    '2024-03-11T06:32:00Z'
    >>> iso_date("2024-03-11"), iso_date("2024-03-11T06:32:00+01:00"), iso_date("soon")
    ('2024-03-11', '2024-03-11T06:32:00+01:00', '')
    >>> iso_date("March 11, 2024, 6:32 p.m. EST"), iso_date("Monday, Mar. 11, 2024")
    ('2024-03-11T18:32:00-05:00', '2024-03-11')
    """
    if isinstance(value, datetime):
        return _written(value)
    if not isinstance(value, str) or not value.strip():
        return ""
    text = " ".join(value.split())
    if _DATE_ONLY.match(text):
        try:
            return datetime.strptime(text, "%Y-%m-%d").date().isoformat()
        except ValueError:
            return ""
    clock = _CLOCK12.search(text)
    if clock:
        return _with_clock(iso_date(text[:clock.start()]), clock)
    parsed = _parse(text)
    if parsed is None and (_WEEKDAY.match(text) or _MONTH_DOT.search(text)):
        return iso_date(_MONTH_DOT.sub(lambda m: m[1][:3], _WEEKDAY.sub("", text)))
    lead = _DATE_LIKE.match(text)
    if parsed is None and lead is not None and lead.end() < len(text):
        parsed = _parse(lead.group().strip())
    if parsed is None or not 1 <= parsed.year <= 9999:
        return ""
    if parsed.tzinfo is None and (parsed.hour, parsed.minute, parsed.second) == (0, 0, 0) \
            and ":" not in text:
        return parsed.date().isoformat()
    return _written(parsed)


def _with_clock(day: str, clock: re.Match[str]) -> str:
    """The date-time of a ``day`` and a 12-hour ``clock``; "" unless both are sound."""
    hour, minute, second = int(clock[1]), int(clock[2]), int(clock[3] or 0)
    if len(day) != 10 or not 1 <= hour <= 12 or minute > 59 or second > 59:
        return ""
    hour = hour % 12 + (12 if clock[4].lower() == "p" else 0)
    zone, written = None, (clock[5] or "").lower()
    if written in _ZONES:
        zone = timezone(timedelta(hours=_ZONES[written]))
    elif written[:1] in "+-" and written:
        digits = written[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        zone = timezone(-offset if written[0] == "-" else offset)
    moment = datetime.fromisoformat(day).replace(hour=hour, minute=minute, second=second,
                                                 tzinfo=zone)
    return _written(moment)


def _written(moment: datetime) -> str:
    """ISO 8601 to the second; UTC as ``Z``, the way the store gives it back."""
    text = moment.isoformat(timespec="seconds")
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _parse(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None
