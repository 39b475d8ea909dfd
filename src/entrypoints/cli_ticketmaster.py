"""`boxoffice ticketmaster ...`: import events from Ticketmaster, or fake its API locally."""

import os
from datetime import timedelta
from pathlib import Path

import click

from boxoffice.application.ports.ticketmaster import MarketQuery
from boxoffice.application.use_cases.sync_ticketmaster import SyncReport, SyncTicketmaster
from boxoffice.entrypoints.cli_support import load_settings, run, serve_asgi
from boxoffice.entrypoints.container import Container


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
    os.environ["FAKE_TICKETMASTER_EVENTS"] = str(count)
    os.environ["FAKE_TICKETMASTER_FIXTURES"] = str(fixtures or "")
    os.environ["FAKE_TICKETMASTER_API_KEY"] = api_key or ""
    click.echo(f"fake Ticketmaster API on http://{host}:{port}/discovery/v2")
    serve_asgi("boxoffice.entrypoints.fake_ticketmaster.asgi:app_factory", host, port)


@ticketmaster.command("sync")
@click.option("--country", default=None, help="ISO 3166 code, e.g. GB, US, MX.")
@click.option("--city", default=None)
@click.option("--keyword", default=None, help="Whole words of the event name.")
@click.option("--classification", default=None, help="Segment or genre, e.g. music, rock.")
@click.option(
    "--days", type=click.IntRange(1, 365), default=None,
    help="How far ahead to import (default BOXOFFICE_TICKETMASTER_DAYS, 30).",
)  # fmt: skip
def sync(
    country: str | None, city: str | None, keyword: str | None,
    classification: str | None, days: int | None,
) -> None:  # fmt: skip
    """Import a market's events now, with a progress bar and a summary."""
    settings = load_settings()
    ahead = timedelta(days=days or settings.ticketmaster.days)

    async def work(container: Container) -> SyncReport:
        now = container.infrastructure.clock().now()
        query = MarketQuery(now, now + ahead, country, city, keyword, classification)
        with click.progressbar(length=1, label="importing", show_pos=True) as bar:

            def progress(report: SyncReport) -> None:
                bar.length = max(report.expected, report.fetched, 1)
                bar.update(report.fetched - bar.pos)

            sync: SyncTicketmaster = container.use_cases.sync_ticketmaster()
            return await sync.execute(query, progress)

    report = run(work)
    click.echo(summary(report))
    if report.error:
        raise click.ClickException(f"the sync stopped: {report.error}")


def summary(report: SyncReport) -> str:
    return (
        f"market {report.market or '(everywhere)'}: {report.fetched} fetched, "
        f"{report.created} created, {report.updated} updated, {report.unchanged} unchanged, "
        f"{report.skipped} skipped, {report.requests} requests used"
    )
