"""Events for the fake Discovery API: the recorded fixtures, or generated ones of that shape."""

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import msgspec

MARKETS = (  # country, city, zone, currency, latitude, longitude
    ("GB", "London", "Europe/London", "GBP", 51.5072, -0.1276),
    ("GB", "Birmingham", "Europe/London", "GBP", 52.4862, -1.8904),
    ("US", "Los Angeles", "America/Los_Angeles", "USD", 34.0549, -118.2426),
    ("US", "New York", "America/New_York", "USD", 40.7128, -74.0060),
    ("US", "Honolulu", "Pacific/Honolulu", "USD", 21.3099, -157.8581),
    ("MX", "Ciudad de México", "America/Mexico_City", "MXN", 19.4326, -99.1332),
)
GENRES = (
    ("Music", "Rock"),
    ("Music", "Jazz"),
    ("Sports", "Football"),
    ("Arts & Theatre", "Comedy"),
)
STATUSES = ("onsale",) * 8 + ("offsale", "cancelled", "rescheduled", "postponed")
_ID_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def recorded_events(folder: Path) -> list[dict[str, Any]]:
    """Every event of every recorded search and detail response in `folder`, once each."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("event*.json")):
        body = msgspec.json.decode(path.read_bytes())
        events = body.get("_embedded", {}).get("events", []) if "page" in body else [body]
        for event in events:
            found.setdefault(event["id"], event)
    return list(found.values())


def generated_events(
    count: int, now: datetime, days: int = 60, seed: int = 7
) -> list[dict[str, Any]]:
    """`count` events over the next `days` days in a few markets, with the API's quirks:
    some without a zone of their own, a time, or prices; both spellings of cancelled."""
    rng = random.Random(seed)
    return [_event(rng, i, now, days) for i in range(count)]


def _event(rng: random.Random, n: int, now: datetime, days: int) -> dict[str, Any]:
    country, city, zone, currency, lat, lon = rng.choice(MARKETS)
    segment, genre = rng.choice(GENRES)
    local = (now + timedelta(days=rng.uniform(0, days))).astimezone(ZoneInfo(zone))
    hour, minute = rng.choice((13, 18, 19, 20, 21)), rng.choice((0, 30))
    local = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    event_id = "G5" + "".join(rng.choice(_ID_LETTERS) for _ in range(12)) + f"{n:04d}"
    start: dict[str, Any] = {
        "localDate": local.date().isoformat(),
        "dateTBD": False,
        "dateTBA": False,
        "timeTBA": False,
        "noSpecificTime": False,
    }
    if n % 17 == 0:
        start["noSpecificTime"] = True
    else:
        start["localTime"] = local.time().isoformat()
        start["dateTime"] = local.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    status = rng.choice(STATUSES)
    dates: dict[str, Any] = {
        "start": start,
        "status": {"code": "canceled" if n % 2 and status == "cancelled" else status},
    }
    if n % 11:
        dates["timezone"] = zone
    event: dict[str, Any] = {
        "name": f"{genre} night {n} in {city}",
        "type": "event",
        "id": event_id,
        "test": False,
        "url": f"https://www.ticketmaster.com/event/{event_id}",
        "locale": "en-us",
        "images": [
            {
                "ratio": "16_9",
                "url": f"https://s1.ticketm.net/dam/fake/{n}_16_9.jpg",
                "width": 1024,
                "height": 576,
                "fallback": False,
            }
        ],
        "sales": {"public": {"startDateTime": "1900-01-01T18:00:00Z", "startTBD": False}},
        "dates": dates,
        "classifications": [
            {
                "primary": True,
                "segment": {"id": "s", "name": segment},
                "genre": {"id": "g", "name": genre},
            }
        ],
        "_embedded": {"venues": [_venue(rng, n, city, country, zone, lat, lon)]},
    }
    if n % 5:
        low = rng.choice((0, 15, 25, 45, 60))
        event["priceRanges"] = [
            {"type": "standard", "currency": currency, "min": low, "max": low * 3}
        ]
    return event


def _venue(
    rng: random.Random, n: int, city: str, country: str, zone: str, lat: float, lon: float
) -> dict[str, Any]:
    number = n % 7
    return {
        "name": f"{city} Hall {number}",
        "type": "venue",
        "id": f"KovZfake{country}{number}{sum(map(ord, city)) % 1000:03d}",
        "timezone": zone,
        "city": {"name": city},
        "country": {"name": country, "countryCode": country},
        "address": {"line1": f"{number + 1} Main Street"},
        "location": {
            "latitude": f"{lat + rng.uniform(-0.05, 0.05):.6f}",
            "longitude": f"{lon + rng.uniform(-0.05, 0.05):.6f}",
        },
    }
