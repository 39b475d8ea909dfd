"""The event service's handler dependencies, fed by its container (the bridge and the
bearer-token caller are shared with the notification service: entrypoints/edge)."""

from dataclasses import dataclass
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from dependency_injector import providers
from litestar import Request
from litestar.di import NamedDependency, Provide
from litestar.params import QueryParameter

from boxoffice.application.models.queries import EventFilter
from boxoffice.application.services.auth import Principal
from boxoffice.application.services.authenticate import Authenticate
from boxoffice.application.use_cases.book_tickets import BookTickets
from boxoffice.application.use_cases.get_event import GetEvent
from boxoffice.application.use_cases.list_events import ListEvents, ListEventsQuery
from boxoffice.application.use_cases.mark_saved_events import MarkSavedEvents
from boxoffice.application.use_cases.view_event import ViewEvent
from boxoffice.domain.clock import zone
from boxoffice.domain.listings import EventSource
from boxoffice.entrypoints.container import Container, use_case_providers
from boxoffice.entrypoints.edge.dependencies import (
    bearer_token,
    bridge,
    principal_provider,
    verified,
)
from boxoffice.entrypoints.http.answers import AnswerCache
from boxoffice.entrypoints.http.controllers.event_filters import event_filter
from boxoffice.entrypoints.http.controllers.near_filter import events_query
from boxoffice.entrypoints.http.rate_limit import client_ip
from boxoffice.entrypoints.settings import Settings


@dataclass(frozen=True, slots=True)
class Sale:
    """What `POST /bookings` needs of its request, as the route's one dependency.

    Litestar resolves the dependencies that do not depend on each other as concurrent tasks
    (a task group, a task each), which cost more CPU than the rest of a sale's Python; a
    chain of single dependencies is awaited in line.
    """

    buyer: Principal
    book_tickets: BookTickets
    display_zone: ZoneInfo


def sale_provider(
    verifier: providers.Provider[Any], book_tickets: providers.Provider[Any]
) -> Provide:
    async def sale(
        request: Request[Any, Any, Any], display_zone: NamedDependency[ZoneInfo]
    ) -> Sale:
        """The buyer proven by the bearer token, without reading the user first (the sale's
        own statement checks that the user exists), with the use case and the answer's zone."""
        token = bearer_token(request)
        authenticate: Authenticate = verifier()
        buyer = await authenticate.verify_claims(token)
        return Sale(buyer, book_tickets(), display_zone)

    return Provide(sale)


async def viewer_of(
    request: Request[Any, Any, Any], verifier: providers.Provider[Any]
) -> Principal | None:
    """Who browses a public page: nobody without an Authorization header, but a 401 for a
    header that proves nobody (a wrong or expired token is worth telling the caller)."""
    if "authorization" not in request.headers:
        return None
    return await verified(request, verifier)


def viewer_provider(verifier: providers.Provider[Any]) -> Provide:
    async def current_viewer(request: Request[Any, Any, Any]) -> Principal | None:
        return await viewer_of(request, verifier)

    return Provide(current_viewer)


@dataclass(frozen=True, slots=True)
class Browsing:
    """What `GET /events` needs beside its filter and zone, as the route's one dependency
    (see Sale)."""

    query: ListEventsQuery
    display_zone: ZoneInfo
    list_events: ListEvents
    mark_saved_events: MarkSavedEvents
    answers: AnswerCache


def browsing_provider(container: Container, settings: Settings, answers: AnswerCache) -> Provide:
    verifier = container.identity.token_verifier
    list_events, mark_saved_events = (
        container.use_cases.list_events,
        container.use_cases.mark_saved_events,
    )
    trusted = settings.http.trusted_proxy_networks

    async def browsing(
        request: Request[Any, Any, Any],
        events_query: NamedDependency[EventFilter],
        display_zone: NamedDependency[ZoneInfo],
    ) -> Browsing:
        """The list's query: its filter, the caller (as `viewer` says, but without reading a
        local token's user first: the read of the caller's saved flags refuses a user that
        no longer exists; a list from Ticketmaster may refresh the market before anything is
        read, so there the user is read first) and the caller's address."""
        browser: Principal | None = None
        if "authorization" in request.headers:
            if events_query.source is EventSource.TICKETMASTER:
                browser = await verified(request, verifier)
            else:
                authenticate: Authenticate = verifier()
                browser = await authenticate.verify_claims(bearer_token(request))
        query = ListEventsQuery(events_query, browser, client_ip(request.scope, trusted))
        return Browsing(query, display_zone, list_events(), mark_saved_events(), answers)

    return Provide(browsing)


@dataclass(frozen=True, slots=True)
class Viewing:
    """What `GET /events/{id}` needs beside its zone, as the route's one dependency (see
    Browsing)."""

    viewer: Principal | None
    display_zone: ZoneInfo
    get_event: GetEvent
    view_event: ViewEvent
    answers: AnswerCache


def viewing_provider(container: Container, answers: AnswerCache) -> Provide:
    verifier = container.identity.token_verifier
    get_event, view_event = container.use_cases.get_event, container.use_cases.view_event

    async def viewing(
        request: Request[Any, Any, Any], display_zone: NamedDependency[ZoneInfo]
    ) -> Viewing:
        """The caller as `viewer` says, with the use cases and the answer's zone."""
        viewer = await viewer_of(request, verifier)
        return Viewing(viewer, display_zone, get_event(), view_event(), answers)

    return Provide(viewing)


def display_zone_provider(settings: Settings) -> Provide:
    async def display_zone(
        tz: Annotated[
            str | None,
            QueryParameter(
                name="tz",
                max_length=64,
                description="IANA time zone for every datetime in the answer "
                f"(default {settings.events.default_timezone})",
            ),
        ] = None,
    ) -> ZoneInfo:
        return zone(tz or settings.events.default_timezone, "tz")

    return Provide(display_zone)


def client_address_provider(settings: Settings) -> Provide:
    trusted = settings.http.trusted_proxy_networks

    async def client_address(request: Request[Any, Any, Any]) -> str:
        """The caller's address, as the edge's rate limits see it."""
        return client_ip(request.scope, trusted)

    return Provide(client_address)


def dependencies(
    container: Container, settings: Settings, answers: AnswerCache
) -> dict[str, Provide]:
    # Every use case, by its name in the container
    use_cases = use_case_providers(container.use_cases)
    provided = {name: bridge(provider) for name, provider in use_cases.items()}
    verifier = container.identity.token_verifier
    provided["principal"] = principal_provider(verifier)
    provided["sale"] = sale_provider(verifier, use_cases["book_tickets"])
    provided["viewer"] = viewer_provider(verifier)
    provided["browsing"] = browsing_provider(container, settings, answers)
    provided["viewing"] = viewing_provider(container, answers)
    provided["event_filter"] = Provide(event_filter)
    provided["events_query"] = Provide(events_query)
    provided["display_zone"] = display_zone_provider(settings)
    provided["client_address"] = client_address_provider(settings)
    provided["settings"] = Provide(lambda: settings, use_cache=True, sync_to_thread=False)
    return provided
