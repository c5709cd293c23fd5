"""Time arithmetic of booking rules: opening windows, the slot grid, free intervals.

Plain functions over an instrument and aware datetimes; the selectors and services use them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from zoneinfo import ZoneInfo

from .models import Instrument

Interval = tuple[dt.datetime, dt.datetime]


def zone(instrument: Instrument) -> ZoneInfo:
    return ZoneInfo(instrument.timezone or "Asia/Shanghai")


def local_windows(instrument: Instrument, day: dt.date) -> list[Interval]:
    """The opening windows of a local day as aware datetimes in the instrument's zone."""
    tz = zone(instrument)
    out = []
    for opens, closes in instrument.windows_for(day):
        start = dt.datetime.combine(day, opens, tzinfo=tz)
        end = dt.datetime.combine(day, closes, tzinfo=tz)
        if closes == dt.time(23, 59, 59, 999999):
            end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0, 0), tzinfo=tz)
        out.append((start, end))
    return out


def window_containing(instrument: Instrument, start: dt.datetime, end: dt.datetime) -> Interval | None:
    """The opening window that holds all of [start, end), if any."""
    local_start = start.astimezone(zone(instrument))
    for w_start, w_end in local_windows(instrument, local_start.date()):
        if w_start <= start and end <= w_end:
            return w_start, w_end
    return None


def on_grid(instrument: Instrument, moment: dt.datetime) -> bool:
    local = moment.astimezone(zone(instrument))
    minutes = local.hour * 60 + local.minute
    return local.second == 0 and local.microsecond == 0 and minutes % instrument.slot_step_minutes == 0


def ceil_to_grid(instrument: Instrument, moment: dt.datetime) -> dt.datetime:
    tz = zone(instrument)
    local = moment.astimezone(tz)
    midnight = dt.datetime.combine(local.date(), dt.time(0, 0), tzinfo=tz)
    step = instrument.slot_step_minutes * 60
    elapsed = (local - midnight).total_seconds()
    steps = -(-elapsed // step)  # ceiling division
    return midnight + dt.timedelta(seconds=steps * step)


def days_between(start: dt.datetime, end: dt.datetime, tz: ZoneInfo) -> Iterator[dt.date]:
    day = start.astimezone(tz).date()
    last = end.astimezone(tz).date()
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def subtract(windows: Iterable[Interval], busy: Iterable[Interval]) -> list[Interval]:
    """``windows`` minus the ``busy`` intervals (both half-open)."""
    busy_sorted = sorted(busy)
    out: list[Interval] = []
    for w_start, w_end in windows:
        cursor = w_start
        for b_start, b_end in busy_sorted:
            if b_end <= cursor or b_start >= w_end:
                continue
            if b_start > cursor:
                out.append((cursor, b_start))
            cursor = max(cursor, b_end)
            if cursor >= w_end:
                break
        if cursor < w_end:
            out.append((cursor, w_end))
    return out


def open_intervals(instrument: Instrument, start: dt.datetime, end: dt.datetime) -> list[Interval]:
    """Opening windows clipped to [start, end)."""
    out = []
    for day in days_between(start, end, zone(instrument)):
        for w_start, w_end in local_windows(instrument, day):
            s, e = max(w_start, start), min(w_end, end)
            if s < e:
                out.append((s, e))
    return out
