"""Background jobs, the same whether saq's worker or the in-process scheduler runs them."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from loguru import logger

from boxoffice.application.models.markets import Market
from boxoffice.application.use_cases.sync_ticketmaster import SyncMarket, SyncReport
from boxoffice.entrypoints.container import Container


async def sync_markets(
    container: Container,
    markets: Sequence[Market],
    job_id: str,
    due: datetime | None = None,
) -> list[SyncReport]:
    """Sync every market in turn, each under its own lease; a market that fails is reported
    and the others still run. With `due` (the run's scheduled time), a market that some other
    process synced since then is left alone, so several schedulers make one sync per run."""
    log = logger.bind(job_id=job_id)
    reports = []
    for market in markets:
        now = container.infrastructure.clock().now()
        try:
            sync = container.use_cases.sync_ticketmaster()
            report = await sync.execute(SyncMarket(market.query(now), unless_synced_since=due))
        except Exception as e:  # a market's failure must not stop the others
            log.opt(exception=e).error("Ticketmaster sync of market {} failed", market.name)
            report = SyncReport(market.name, error=f"{type(e).__name__}: {e}")
        log.bind(market=market.name).info("scheduled sync: {}", outcome(report))
        reports.append(report)
    failed = sum(1 for r in reports if r.error and not r.busy)
    log.info("scheduled sync done: {} markets, {} failed", len(reports), failed)
    return reports


def outcome(report: SyncReport) -> str:
    if report.already_fresh:
        return "already synced for this run"
    if report.busy:
        return "skipped, another sync of this market is running"
    counts = (
        f"{report.fetched} fetched, {report.created} created, {report.updated} updated, "
        f"{report.unchanged} unchanged, {report.skipped} skipped, {report.requests} requests"
    )
    return f"{counts}; stopped: {report.error}" if report.error else counts


def as_result(reports: Sequence[SyncReport]) -> dict[str, Any]:
    """What a job run leaves in the queue for people to read (JSON)."""
    return {r.market: outcome(r) for r in reports}
