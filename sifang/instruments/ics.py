"""A hand-written iCalendar (RFC 5545) feed of an instrument's bookings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from .models import Booking


def escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after CRLF and a space."""
    out, current = [], b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(current) + len(b) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += b
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(
    *, name: str, uid_domain: str, events: Iterable[tuple[Booking, str]], now: dt.datetime | None = None
) -> str:
    """``events``: (booking, summary) pairs; the summary is already masked for the viewer."""
    stamp = utc(now or timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//sifang//instruments//ZH",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for booking, summary in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:booking-{booking.pk}@{uid_domain}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{utc(booking.start)}",
            f"DTEND:{utc(booking.end)}",
            f"SUMMARY:{escape(summary)}",
            f"STATUS:{'TENTATIVE' if booking.status == Booking.Status.REQUESTED else 'CONFIRMED'}",
            "TRANSP:OPAQUE",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
