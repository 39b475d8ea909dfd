"""The composed containers: one token secret per process when none is configured, overrides
that reach every use case, and an embedded notification service on the event service's own."""

import asyncio
from datetime import UTC, datetime

import pytest
from dependency_injector import providers
from litestar.di import Provide

from boxoffice.application.errors import NotAuthenticated
from boxoffice.entrypoints.container import build_container, use_case_providers
from boxoffice.entrypoints.embedded_notifications import embedded_notifications
from boxoffice.entrypoints.http.answers import AnswerCache
from boxoffice.entrypoints.http.dependencies import dependencies
from boxoffice.entrypoints.settings import DatabaseSettings, IdentitySettings, Settings
from tests.builders import a_user
from tests.fakes import InMemoryStore, InMemoryUnitOfWork

SECRET = "kR7-vQ2pX9sLm4Tz8wYb3NcJ6hUe1Fd5"
DATABASE = DatabaseSettings(url="sqlite+aiosqlite:///unused.db")


async def test_without_a_secret_each_container_makes_its_own() -> None:
    first, second = (build_container(Settings(database=DATABASE)) for _ in range(2))
    user = a_user()
    token = first.identity.tokens().issue(user).token

    assert (await first.identity.tokens().verify(token)).user_id == user.id
    assert len(first.identity.secret()) >= 32
    with pytest.raises(NotAuthenticated):
        await second.identity.tokens().verify(token)


def test_a_configured_secret_is_the_one_every_container_signs_with() -> None:
    settings = Settings(database=DATABASE, identity=IdentitySettings(jwt_secret=SECRET))

    assert build_container(settings).identity.secret() == SECRET


async def test_one_token_verifier_serves_the_process_with_a_unit_of_work_per_read() -> None:
    container = build_container(Settings(database=DATABASE))
    store = InMemoryStore()
    container.infrastructure.uow.override(providers.Factory(InMemoryUnitOfWork, store))
    people = [a_user(f"buyer{n}") for n in range(3)]
    async with InMemoryUnitOfWork(store) as uow:
        for person in people:
            await uow.users.add(person)
        await uow.commit()
    tokens, verifier = container.identity.tokens(), container.identity.token_verifier()

    found = await asyncio.gather(*(verifier.verify(tokens.issue(p).token) for p in people))

    assert [principal.user_id for principal in found] == [p.id for p in people]
    assert container.identity.token_verifier() is verifier


def test_an_overridden_clock_reaches_the_use_cases() -> None:
    container = build_container(Settings(database=DATABASE))
    stopped = providers.Object(datetime(2030, 1, 1, tzinfo=UTC))
    container.infrastructure.clock.override(stopped)

    assert container.use_cases.create_event()._clock is stopped()


def test_the_http_door_offers_every_use_case_of_the_container() -> None:
    settings = Settings(database=DATABASE)
    container = build_container(settings)
    use_cases = use_case_providers(container.use_cases)

    assert {"book_tickets", "log_in", "upload_attachment"} <= set(use_cases)
    assert set(use_cases) <= set(dependencies(container, settings, AnswerCache(1.0)))
    assert "uow" not in use_cases  # what a use case stands on is not one


def test_the_embedded_notification_service_shares_the_pool_broker_and_secret() -> None:
    settings = Settings(database=DATABASE)
    container = build_container(settings)
    router, _ = embedded_notifications(settings, container)
    tokens = router.dependencies["tokens"]
    assert isinstance(tokens, Provide)
    notifications = tokens.dependency()

    assert notifications is container.identity.tokens()
