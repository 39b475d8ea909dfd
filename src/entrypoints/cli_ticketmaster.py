"""`boxoffice ticketmaster ...`: import events from Ticketmaster, or fake its API locally."""

import os
from pathlib import Path

import click


@click.group()
def ticketmaster() -> None:
    """Events imported from the Ticketmaster Discovery API."""


@ticketmaster.command("fake-api")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=8100, show_default=True)
@click.option(
    "--events", "count", type=click.IntRange(0, 100_000), default=400, show_default=True,
    help="How many generated events to serve (over the next 60 days, in six cities).",
)  # fmt: skip
@click.option(
    "--fixtures", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
    help="Also serve the events of the recorded responses in this folder.",
)  # fmt: skip
@click.option("--api-key", default=None, help="Accept only this key (default: any non-empty).")
def fake_api(host: str, port: int, count: int, fixtures: Path | None, api_key: str | None) -> None:
    """Serve a local fake of the Discovery API v2 (search, by id, faults on demand).

    Point BOXOFFICE_TICKETMASTER_BASE_URL at http://HOST:PORT/discovery/v2.
    """
    from granian import Granian
    from granian.constants import Interfaces

    os.environ["FAKE_TICKETMASTER_EVENTS"] = str(count)
    os.environ["FAKE_TICKETMASTER_FIXTURES"] = str(fixtures or "")
    os.environ["FAKE_TICKETMASTER_API_KEY"] = api_key or ""
    click.echo(f"fake Ticketmaster API on http://{host}:{port}/discovery/v2")
    Granian(
        "entrypoints.fake_ticketmaster.asgi:app_factory",
        address=host,
        port=port,
        interface=Interfaces.ASGI,
        factory=True,
        log_access=False,
    ).serve()
