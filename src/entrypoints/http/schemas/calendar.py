"""One event as an iCalendar file (RFC 5545), for "add to calendar"."""

import unicodedata
from datetime import UTC, datetime

from boxoffice.domain.events import Event, EventStatus

PRODID = "-//boxoffice//events//EN"
LINE_OCTETS = 75  # RFC 5545 3.1: longer content lines are folded
CRLF = "\r\n"


def event_calendar(event: Event, stamp: datetime, page_url: str) -> str:
    """A VCALENDAR with one VEVENT; `page_url` is where the event's page is."""
    d = event.details
    location = ", ".join(part for part in (d.location, d.city) if part)
    status = "CANCELLED" if event.status is EventStatus.CANCELLED else "CONFIRMED"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{event.id}@boxoffice",
        f"DTSTAMP:{utc(stamp)}",
        f"DTSTART:{utc(d.slot.start)}",
        f"DTEND:{utc(d.slot.end)}",
        f"SUMMARY:{text(d.title)}",
        f"LOCATION:{text(location)}",
        f"DESCRIPTION:{text(d.description)}",
        f"URL:{uri(page_url)}",
        f"STATUS:{status}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + CRLF for line in lines)


def utc(moment: datetime) -> str:
    """A DATE-TIME in UTC ("form #2"): 20261203T043000Z."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def text(value: str) -> str:
    """A TEXT value: backslash, semicolon and comma escaped, every line break as `\\n`, and no
    other control character (so no value can start a property of its own)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    escaped = []
    for char in value:
        if char in "\\;,":
            escaped.append("\\" + char)
        elif char == "\n":
            escaped.append("\\n")
        elif char == "\t" or unicodedata.category(char) not in ("Cc", "Zl", "Zp"):
            escaped.append(char)
        else:
            escaped.append(" ")
    return "".join(escaped)


def uri(value: str) -> str:
    """A URI value: anything that is not printable ASCII is left out."""
    return "".join(c for c in value if "!" <= c <= "~")


def fold(line: str) -> str:
    """Lines of at most 75 octets, each continuation starting with a space; a UTF-8 character
    is never split."""
    parts: list[str] = []
    current, size, limit = "", 0, LINE_OCTETS
    for char in line:
        octets = len(char.encode())
        if size + octets > limit:
            parts.append(current)
            current, size, limit = "", 0, LINE_OCTETS - 1  # the leading space counts
        current += char
        size += octets
    parts.append(current)
    return (CRLF + " ").join(parts)
