"""`boxoffice ticketmaster ...`: import events from Ticketmaster."""

from datetime import timedelta

import click

from boxoffice.application.ports.ticketmaster import MarketQuery
from boxoffice.application.use_cases.sync_ticketmaster import (
    SyncMarket,
    SyncReport,
    SyncTicketmaster,
)
from boxoffice.entrypoints.cli_support import load_settings, run
from boxoffice.entrypoints.container import Container


@click.group()
def ticketmaster() -> None:
    """Events imported from the Ticketmaster Discovery API."""


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
            return await sync.execute(SyncMarket(query, progress))

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
