"""Publication dates as printed ("2016 Aug 27", "1998 Dec-1999 Jan", "2012/10/20/") to year + ISO date."""
from __future__ import annotations

import re

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
MIN_YEAR, MAX_YEAR = 1500, 2100

_DATE = re.compile(
    r"\b(1[5-9]\d\d|20\d\d)(?:[ /.-]+([A-Za-z]{3,9}|\d{1,2})\b(?:[ /.-]+(\d{1,2})\b)?)?"
)
_YEAR_CANDIDATE = re.compile(r"(?:18|19|20)\d\d")  # 1800-2099 only, so fewer page numbers pass for years
_NOT_BEFORE_YEAR = frozenset("0123456789.:/-\u2013")  # part of a number, DOI, range or time
_CITED_YEAR_FOLLOWER = re.compile(
    r"\s*[;:(]|\.?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b|\s*\.?$"
)


def month_number(month: str) -> int | None:
    """1-12 for "Aug", "August", "08" or "8"; None otherwise (seasons, ranges' ends, junk)."""
    month = month.strip().lower()
    if month.isdigit():
        value = int(month)
        return value if 1 <= value <= 12 else None
    return MONTHS.get(month)


def iso_date(year: str | int | None, month: str | None = None, day: str | None = None) -> tuple[int | None, str]:
    """(year, "YYYY[-MM[-DD]]") from parts; ``(None, "")`` when the year is not a plausible year."""
    try:
        year_value = int(str(year).strip())
    except (TypeError, ValueError):
        return None, ""
    if not MIN_YEAR <= year_value <= MAX_YEAR:
        return None, ""
    text = f"{year_value:04d}"
    month_value = month_number(month) if month else None
    if month_value:
        text += f"-{month_value:02d}"
        if day and day.strip().isdigit() and 1 <= int(day) <= 31:
            text += f"-{int(day):02d}"
    return year_value, text


def parse_date(text: str) -> tuple[int | None, str]:
    """The first date in ``text``: "2016 Aug 27" -> (2016, "2016-08-27"); (None, "") if none."""
    match = _DATE.search(text or "")
    if not match:
        return None, ""
    return iso_date(match.group(1), match.group(2), match.group(3))


def year_in_text(text: str) -> int | None:
    """The publication year of a free-text citation, or None.

    A year followed by ";", ":", "(", a month or the end ("2015;10(11)", "1982 Nov;", "2015. November 4;")
    is preferred over one inside the title ("... Survey, 2011-2012. PLoS One. 2015;...")."""
    first = None
    # A cheap scan for candidates, then context checks in Python: this runs for every
    # reference of every article, and a look-behind pattern is several times slower.
    for match in _YEAR_CANDIDATE.finditer(text):
        start, end = match.span()
        if (start and text[start - 1] in _NOT_BEFORE_YEAR) or text[end : end + 1].isdigit():
            continue
        if _CITED_YEAR_FOLLOWER.match(text, end):
            return int(match.group())
        if first is None:
            first = int(match.group())
    return first
