"""The year's timeline as geometry for a server-drawn SVG: no JavaScript needed to read it."""

import calendar
import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

LABEL_WIDTH = 300
CHART_WIDTH = 640
ROW_HEIGHT = 26
HEADER_HEIGHT = 32
BAR_HEIGHT = 16
MAX_LABEL = 38
MONTHS = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


@dataclass
class TimelineRow:
    activity: object
    y: float
    x: float
    width: float
    label: str
    first: datetime.date
    last: datetime.date

    @property
    def text_y(self):
        return self.y + BAR_HEIGHT - 3


def _x(day, year):
    start = datetime.date(year, 1, 1)
    days = 366 if calendar.isleap(year) else 365
    return LABEL_WIDTH + CHART_WIDTH * (day - start).days / days


def build_timeline(activities, year, today):
    """Rows for the activities whose span meets ``year``, clipped to it, and where today falls."""
    year_start, year_end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    rows = []
    for activity in activities:
        span = activity.span
        if not span or span[1] < year_start or span[0] > year_end:
            continue
        first, last = max(span[0], year_start), min(span[1], year_end)
        x = _x(first, year)
        width = max(_x(last + datetime.timedelta(days=1), year) - x, 4)
        label = activity.title if len(activity.title) <= MAX_LABEL else activity.title[: MAX_LABEL - 1] + "…"
        y = HEADER_HEIGHT + len(rows) * ROW_HEIGHT + 4
        rows.append(TimelineRow(activity, y, round(x, 1), round(width, 1), label, *span))
    months = [
        {"x": round(_x(datetime.date(year, month, 1), year), 1), "label": MONTHS[month - 1]} for month in range(1, 13)
    ]
    height = HEADER_HEIGHT + max(len(rows), 1) * ROW_HEIGHT + 8
    today_x = round(_x(today, year), 1) if year_start <= today <= year_end else None
    return {
        "year": year,
        "rows": rows,
        "months": months,
        "width": LABEL_WIDTH + CHART_WIDTH + 10,
        "height": height,
        "chart_x": LABEL_WIDTH,
        "today": today,
        "today_x": today_x,
        "description": _(
            "%(count)s aktiviteter under %(year)s, var och en som en stapel från start till slut, "
            "färgad och märkt efter status. Samma uppgifter finns i tabellen nedan."
        )
        % {"count": len(rows), "year": year},
    }
