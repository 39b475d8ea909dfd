"""Import one market's events from Ticketmaster: an idempotent upsert, page by page.

Each page is committed on its own, so a fault (quota, outage, timeout) loses nothing already
stored; the report says how far the sync got. A lease per market keeps two syncs of the same
market from running at once, in any process.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from uuid import UUID

from loguru import logger

from boxoffice.application.models.imports import ImportOutcome
from boxoffice.application.ports.clock import Clock
from boxoffice.application.ports.ticketmaster import MarketQuery, TicketmasterGateway, UpstreamError
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.announce import IMPORT_ACTOR
from boxoffice.domain.events import Event
from boxoffice.domain.listings import EventSource

LEASE = timedelta(minutes=15)
INTERRUPTED = "interrupted (cancelled, or an unexpected error)"


@dataclass(frozen=True, slots=True)
class SyncReport:
    market: str
    fetched: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    requests: int = 0
    expected: int = 0
    changed: tuple[UUID, ...] = field(default=(), repr=False)  # for the event.updated messages
    error: str | None = None
    busy: bool = False  # another sync of the market held the lease: nothing was done
    already_fresh: bool = False  # synced successfully since the caller's cut-off: nothing done

    @property
    def writes(self) -> int:
        return self.created + self.updated


@dataclass(frozen=True, slots=True)
class SyncMarket:
    query: MarketQuery
    progress: Callable[[SyncReport], None] | None = None  # told after each stored page
    # Skip the sync when one succeeded since then: any number of schedulers may fire for a run.
    unless_synced_since: datetime | None = None


class SyncTicketmaster:
    def __init__(self, uow: UnitOfWork, gateway: TicketmasterGateway, clock: Clock) -> None:
        self._uow = uow
        self._gateway = gateway
        self._clock = clock

    async def execute(self, command: SyncMarket) -> SyncReport:
        """Sync the market, unless another sync holds it or one succeeded since
        `unless_synced_since`."""
        query, progress = command.query, command.progress
        report = SyncReport(query.market)
        refusal = await self._lease(report, command.unless_synced_since)
        if refusal is not None:
            return refusal
        now = self._clock.now()
        requests_before = self._gateway.requests_used
        seen: set[str] = set()
        error: str | None = INTERRUPTED  # until the last page is stored: not a success
        try:
            async for page in self._gateway.search(query, now):
                report = await self._store(report, page.events, seen)
                report = replace(report, skipped=report.skipped + len(page.skipped))
                report = replace(report, expected=page.expected_total)
                report = replace(report, requests=self._gateway.requests_used - requests_before)
                if progress:
                    progress(report)
            error = None
        except UpstreamError as e:
            error = str(e)
        finally:
            used = self._gateway.requests_used - requests_before
            report = replace(report, requests=used, error=error)
            async with self._uow as uow:
                await uow.market_syncs.release(query.market, self._clock.now(), error)
                await uow.commit()
        _log(report)
        return report

    async def _lease(self, report: SyncReport, since: datetime | None) -> SyncReport | None:
        now = self._clock.now()
        async with self._uow as uow:
            if not await uow.market_syncs.acquire(report.market, now, now + LEASE):
                return replace(report, busy=True, error="a sync of this market is already running")
            last = await uow.market_syncs.last_success(report.market) if since else None
            if since is not None and last is not None and last >= since:
                return replace(report, already_fresh=True)  # no commit: the lease stays free
            await uow.commit()
        return None

    async def _store(self, report: SyncReport, events: list[Event], seen: set[str]) -> SyncReport:
        fresh = [e for e in events if e.listing and e.listing.external_id not in seen]
        seen.update(e.listing.external_id for e in fresh if e.listing)
        counts = dict.fromkeys(ImportOutcome, 0)
        changed: list[UUID] = []
        async with self._uow as uow:
            now = self._clock.now()  # one time for the page's writes and its messages
            uow.act_as(IMPORT_ACTOR, now)
            stored = await uow.events.content_hashes(
                EventSource.TICKETMASTER, [e.listing.external_id for e in fresh if e.listing]
            )
            for event in fresh:
                assert event.listing is not None
                if stored.get(event.listing.external_id) == event.content_hash():
                    counts[ImportOutcome.UNCHANGED] += 1
                    continue
                outcome = await uow.events.upsert_imported(event, now)
                counts[outcome] += 1
                if outcome is ImportOutcome.UPDATED:
                    # New imports are not announced: nobody of ours published them.
                    event.changed_at_source()
                    changed.append(event.id)
            await uow.commit()
        return replace(
            report,
            fetched=report.fetched + len(events),
            created=report.created + counts[ImportOutcome.CREATED],
            updated=report.updated + counts[ImportOutcome.UPDATED],
            unchanged=report.unchanged + counts[ImportOutcome.UNCHANGED],
            changed=report.changed + tuple(changed),
        )


def _log(report: SyncReport) -> None:
    log = logger.bind(market=report.market)
    log.info(
        "Ticketmaster sync: {} fetched, {} created, {} updated, {} unchanged, {} skipped, "
        "{} requests{}",
        report.fetched, report.created, report.updated, report.unchanged, report.skipped,
        report.requests, f"; stopped: {report.error}" if report.error else "",
    )  # fmt: skip
