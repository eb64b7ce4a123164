"""When a text says it was written: the date that bounds what it can know.

A paper abstract copied into a list dated "August 2024" was right in August 2024; a
note under "Updated: 2023-05" describes May 2023. The claims rules (QA401, QA402) judge
such text as of its own date, not as of today. Dates come only from what the file says
of itself, most specific first:

* a table row with a cell that is only a date (``| 28th August 2024 | ... |``);
* the nearest heading above that is a date or ends in one (``## August 2024``,
  ``## Papers (2023-05)``): it dates its section;
* for the whole file: front matter (``date:``, ``updated:``, ``lastmod:``), a line such
  as ``Updated: 2023-05`` or ``Last updated on June 3, 2024``, an archive banner in the
  first lines (``Archived (2024 edition)``), else the file's path
  (``2024_papers/august_list.md``, ``2023-05-notes.md``, ``course_2024/week3.md``).

A date is a period (a day, a month or a year); rules use its first or last day.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Sequence

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

_DATE_FORMS = (
    re.compile(_YEAR + r"[-/.](?P<m>0?[1-9]|1[0-2])(?:[-/.](?P<d>[0-3]?\d))?(?![\d])"),  # 2024-08-17, 2023-05
    re.compile(r"(?:" + _DAY + r"\s+(?:of\s+)?)?" + _MONTH + r",?\s+" + _YEAR, re.I),  # 28th August 2024, Aug 2024
    re.compile(_MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR, re.I),  # June 3, 2024
    re.compile(_YEAR),
)
_MONTH_WORD = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"
_DATE_TEXT = (
    r"(?:(?:19|20)\d\d[-/.](?:0?[1-9]|1[0-2])(?:[-/.][0-3]?\d)?"
    r"|(?:[0-3]?\d(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?i:" + _MONTH_WORD + r")\.?,?\s+(?:19|20)\d\d"
    r"|(?i:" + _MONTH_WORD + r")\.?\s+[0-3]?\d(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"
    r"|(?:19|20)\d\d)"
)
_WHOLE_DATE = re.compile(r"^[\s*_`~>\-–—:|()\[\]]*(" + _DATE_TEXT + r")[\s*_`~.:)\]]*$")
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_HEADING_TAIL = re.compile(r"(?:[:\-–—|(]\s*)(" + _DATE_TEXT + r")\s*\)?[\s*_.]*$")
_HEADING_HEAD = re.compile(r"^[\s*_]*(" + _DATE_TEXT + r")\s*(?:[:\-–—|]|$)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LABELLED = re.compile(
    r"^[\s>*_#-]*(?:last[ \t]+)?(?:updated|modified|revised|written|published|date)[*_]*"
    r"(?:[ \t]*[:\-–—][ \t*_]*|[ \t]+on[ \t]+)(" + _DATE_TEXT + r")[\s*_.)]*$",
    re.I,
)
_FRONT_KEY = re.compile(r"^(?:date|updated|last_?updated|last_?modified|lastmod|modified|published)\s*:\s*[\"']?(.+?)[\"']?\s*$", re.I)
_BANNER = re.compile(r"\b(?:archived?|snapshot)\b", re.I)
_BANNER_YEAR = re.compile(r"(?<![\d])((?:19|20)\d\d)(?![\d])")
_PATH_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_BANNER_LINES = 12


@dataclass(frozen=True)
class TextDate:
    """A period the text dates itself to, and where that was read."""

    first: dt.date
    last: dt.date
    label: str
    """The date as written ("August 2024", "2023-05")."""
    source: str
    """Where it was read ("heading at line 12", "the file's path")."""

    def describe(self) -> str:
        return f"{self.label}, from {self.source}"


def parse_date(text: str, *, year_only: bool = True) -> TextDate | None:
    """The first date in ``text`` as a period (source left empty); ``year_only`` allows a
    bare year."""
    for form in _DATE_FORMS if year_only else _DATE_FORMS[:3]:
        m = form.search(text)
        if not m:
            continue
        groups = m.groupdict()
        year = int(groups["year"])
        month_text = groups.get("m") or groups.get("month")
        if month_text is None:
            return TextDate(dt.date(year, 1, 1), dt.date(year, 12, 31), m.group(0), "")
        month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower().rstrip("."))
        if not month:
            continue
        day_text = groups.get("d") or groups.get("day")
        last_day = calendar.monthrange(year, month)[1]
        if day_text and 1 <= int(day_text) <= last_day:
            day = dt.date(year, month, int(day_text))
            return TextDate(day, day, m.group(0), "")
        return TextDate(dt.date(year, month, 1), dt.date(year, month, last_day), m.group(0), "")
    return None


def _heading_date(title: str) -> TextDate | None:
    """A heading that is a date, or a title with a date at its start or end."""
    for pattern in (_WHOLE_DATE, _HEADING_TAIL, _HEADING_HEAD):
        m = pattern.search(title)
        if m:
            found = parse_date(m.group(1))
            if found:
                return found
    return None


def _row_date(line: str) -> TextDate | None:
    """A table row one of whose cells is only a date (a dated list of papers, releases)."""
    stripped = line.strip()
    if not (stripped.startswith("|") and stripped.count("|") >= 3):
        return None
    for cell in stripped.strip("|").split("|")[:3]:
        if _WHOLE_DATE.match(cell) and any(c.isalpha() for c in cell) or re.fullmatch(r"\s*\d{4}-\d\d(?:-\d\d)?\s*", cell):
            found = parse_date(cell, year_only=False)
            if found:
                return found
    return None


def _front_matter(lines: Sequence[str]) -> TextDate | None:
    if not lines or lines[0].strip() != "---":
        return None
    for number, line in enumerate(lines[1:200], start=2):
        if line.strip() in ("---", "..."):
            return None
        m = _FRONT_KEY.match(line.strip())
        if m:
            found = parse_date(m.group(1))
            if found:
                return _sourced(found, f"the front matter (line {number})")
    return None


def path_date(rel_path: str) -> TextDate | None:
    """A year (and month, day) named by the file's folders or name: ``2024_papers/
    august_list.md``, ``2023-05-notes.md``, ``notes/2022/03/log.md``. The year must be
    its own token; a month is a full month name or the number right after the year."""
    parts = [p for p in rel_path.replace("\\", "/").split("/") if p]
    if parts:
        parts[-1] = parts[-1].rsplit(".", 1)[0]
    tokens = [t for part in parts for t in _PATH_TOKEN.findall(part)]
    year = month = day = None
    for i, token in enumerate(tokens):
        if token.isdigit() and len(token) == 4 and 1990 <= int(token) <= 2099:
            year, month, day = int(token), None, None  # the deepest year wins
            if i + 1 < len(tokens) and tokens[i + 1].isdigit() and 1 <= int(tokens[i + 1]) <= 12 and len(tokens[i + 1]) <= 2:
                month = int(tokens[i + 1])
                if i + 2 < len(tokens) and tokens[i + 2].isdigit() and len(tokens[i + 2]) <= 2:
                    day = int(tokens[i + 2])
        elif year is not None and month is None and token.lower() in _MONTHS and len(token) > 3:
            month = _MONTHS[token.lower()]
    if year is None:
        return None
    label = f"{year}" + (f"-{month:02d}" if month else "")
    if month is None:
        return TextDate(dt.date(year, 1, 1), dt.date(year, 12, 31), label, "the file's path")
    last_day = calendar.monthrange(year, month)[1]
    if day is not None and 1 <= day <= last_day:
        d = dt.date(year, month, day)
        return TextDate(d, d, f"{label}-{day:02d}", "the file's path")
    return TextDate(dt.date(year, month, 1), dt.date(year, month, last_day), label, "the file's path")


def _sourced(found: TextDate, source: str) -> TextDate:
    return TextDate(found.first, found.last, " ".join(found.label.split()), source)


class TextDates:
    """The date that applies at each line of one file (1-based lines), or None."""

    def __init__(self, text: str, rel_path: str = "") -> None:
        lines = text.splitlines()
        self.document = self._document_date(lines, rel_path)
        self._rows: dict[int, TextDate] = {}
        self._starts: list[int] = []
        self._sections: list[TextDate | None] = []
        stack: list[tuple[int, TextDate | None]] = []
        fence: str | None = None
        for number, line in enumerate(lines, start=1):
            m = _FENCE.match(line)
            if m:
                mark = m.group(1)
                if fence is None:
                    fence = mark
                elif mark[0] == fence[0] and len(mark) >= len(fence):
                    fence = None
                continue
            if fence is not None:
                continue
            h = _HEADING.match(line)
            if h:
                level = len(h.group(1))
                while stack and stack[-1][0] >= level:
                    stack.pop()
                found = _heading_date(h.group(2))
                stack.append((level, _sourced(found, f"the heading at line {number}") if found else None))
                self._starts.append(number)
                self._sections.append(next((d for _lvl, d in reversed(stack) if d is not None), None))
                continue
            row = _row_date(line) if "|" in line else None
            if row is not None:
                self._rows[number] = _sourced(row, f"the table row's date (line {number})")

    @staticmethod
    def _document_date(lines: Sequence[str], rel_path: str) -> TextDate | None:
        found = _front_matter(lines)
        if found:
            return found
        for number, line in enumerate(lines, start=1):
            m = _LABELLED.match(line)
            if m:
                date = parse_date(m.group(1))
                if date:
                    return _sourced(date, f"line {number}")
        for number, line in enumerate(lines[:_BANNER_LINES], start=1):
            if _BANNER.search(line):
                m = _BANNER_YEAR.search(line)
                if m:
                    year = int(m.group(1))
                    return TextDate(dt.date(year, 1, 1), dt.date(year, 12, 31), m.group(1), f"the banner at line {number}")
        return path_date(rel_path)

    def at(self, line: int) -> TextDate | None:
        """The most specific date for ``line``: its table row, its section, the file."""
        row = self._rows.get(line)
        if row is not None:
            return row
        i = bisect.bisect_right(self._starts, line) - 1
        if i >= 0 and self._sections[i] is not None:
            return self._sections[i]
        return self.document
