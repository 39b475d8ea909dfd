"""What the ASGI server imports for `python -m tests.fake_ticketmaster` (options via
environment)."""

import os
from datetime import UTC, datetime
from pathlib import Path

from litestar import Litestar

from tests.fake_ticketmaster.app import create_fake_api
from tests.fake_ticketmaster.data import generated_events, recorded_events


def app_factory() -> Litestar:
    events = generated_events(
        int(os.environ.get("FAKE_TICKETMASTER_EVENTS", "400")), datetime.now(UTC)
    )
    folder = os.environ.get("FAKE_TICKETMASTER_FIXTURES", "")
    if folder:
        events = recorded_events(Path(folder)) + events
    return create_fake_api(events, os.environ.get("FAKE_TICKETMASTER_API_KEY") or None)
