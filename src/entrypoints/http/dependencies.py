"""The event service's handler dependencies, fed by its container (the bridge and the
bearer-token caller are shared with the notification service: entrypoints/edge)."""

from typing import Annotated, Any
from zoneinfo import ZoneInfo

from dependency_injector import providers
from litestar import Request
from litestar.di import NamedDependency, Provide
from litestar.params import QueryParameter

from boxoffice.application.models.queries import EventFilter
from boxoffice.application.services.auth import Principal
from boxoffice.application.services.authenticate import Authenticate
from boxoffice.domain.clock import zone
from boxoffice.domain.listings import EventSource
from boxoffice.entrypoints.container import Container
from boxoffice.entrypoints.edge.dependencies import (
    bearer_token,
    bridge,
    principal_provider,
    verified,
)
from boxoffice.entrypoints.http.controllers.event_filters import event_filter
from boxoffice.entrypoints.http.controllers.near_filter import events_query
from boxoffice.entrypoints.http.rate_limit import client_ip
from boxoffice.entrypoints.settings import Settings

USE_CASES = (
    "create_event", "get_event", "list_events", "update_event", "delete_event",
    "get_event_stats", "register_attendee", "list_attendees", "book_tickets", "cancel_booking",
    "get_booking", "list_user_bookings", "list_event_bookings", "register_user", "create_user",
    "list_users", "log_in", "get_current_user", "start_provider_sign_in", "finish_provider_sign_in",
    "save_event", "unsave_event", "list_saved_events",
    "subscribe_to_event", "unsubscribe_from_event", "list_subscriptions", "view_event",
    "mark_saved_events",
    "upload_attachment", "list_attachments", "download_attachment", "delete_attachment",
    "check_readiness",
)  # fmt: skip


def buyer_provider(verifier: providers.Provider[Any]) -> Provide:
    async def current_buyer(request: Request[Any, Any, Any]) -> Principal:
        """The caller proven by the bearer token, for a sale: the sale's own statement checks
        that the user exists, so no read of the user comes first."""
        token = bearer_token(request)
        authenticate: Authenticate = verifier()
        return await authenticate.verify_claims(token)

    return Provide(current_buyer)


def viewer_provider(verifier: providers.Provider[Any]) -> Provide:
    async def current_viewer(request: Request[Any, Any, Any]) -> Principal | None:
        """Who browses a public list: nobody without an Authorization header, but a 401 for
        a header that proves nobody (a wrong or expired token is worth telling the caller)."""
        if "authorization" not in request.headers:
            return None
        return await verified(request, verifier)

    return Provide(current_viewer)


def browser_provider(verifier: providers.Provider[Any]) -> Provide:
    async def current_browser(
        request: Request[Any, Any, Any], events_query: NamedDependency[EventFilter]
    ) -> Principal | None:
        """Who browses /events, as `viewer` says, but without reading a local token's user
        first: the read of the caller's saved flags refuses a user that no longer exists. A
        list from Ticketmaster may refresh the market before anything is read, so there the
        user is read first, as for `viewer`."""
        if "authorization" not in request.headers:
            return None
        if events_query.source is EventSource.TICKETMASTER:
            return await verified(request, verifier)
        authenticate: Authenticate = verifier()
        return await authenticate.verify_claims(bearer_token(request))

    return Provide(current_browser)


def display_zone_provider(settings: Settings) -> Provide:
    async def display_zone(
        tz: Annotated[
            str | None,
            QueryParameter(
                name="tz",
                max_length=64,
                description="IANA time zone for every datetime in the answer "
                f"(default {settings.default_timezone})",
            ),
        ] = None,
    ) -> ZoneInfo:
        return zone(tz or settings.default_timezone, "tz")

    return Provide(display_zone)


def client_address_provider(settings: Settings) -> Provide:
    trusted = settings.trusted_proxy_networks

    async def client_address(request: Request[Any, Any, Any]) -> str:
        """The caller's address, as the edge's rate limits see it."""
        return client_ip(request.scope, trusted)

    return Provide(client_address)


def dependencies(container: Container, settings: Settings) -> dict[str, Provide]:
    provided = {name: bridge(getattr(container, name)) for name in USE_CASES}
    provided["principal"] = principal_provider(container.token_verifier)
    provided["buyer"] = buyer_provider(container.token_verifier)
    provided["viewer"] = viewer_provider(container.token_verifier)
    provided["browser"] = browser_provider(container.token_verifier)
    provided["event_filter"] = Provide(event_filter)
    provided["events_query"] = Provide(events_query)
    provided["display_zone"] = display_zone_provider(settings)
    provided["client_address"] = client_address_provider(settings)
    provided["settings"] = Provide(lambda: settings, use_cache=True, sync_to_thread=False)
    return provided
