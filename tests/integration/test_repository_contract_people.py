"""The repository contract, part 4: users and attendee registrations."""

from datetime import timedelta
from typing import TypedDict
from uuid import uuid4

import pytest

from boxoffice.application.errors import EmailTaken, EventNotFound, UsernameTaken
from boxoffice.application.models.pagination import PageRequest
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.domain.errors import AlreadyRegistered
from boxoffice.domain.registrations import Registration
from boxoffice.domain.users import Role
from tests.builders import NOW, a_registration, a_user, an_event
from tests.integration.contract import ALL, given


class Clash(TypedDict):
    username: str
    email: str


async def test_a_user_comes_back_exactly_as_added(uow: UnitOfWork) -> None:
    user = a_user(
        "Priya_K",
        Role.ADMIN,
        email="Priya.K@Example.com",
        password_hash="$2b$12$" + "x" * 53,
        full_name="Priya K",
        phone="+91 98765 43210",
        is_verified=True,
    )
    await given(uow, users=(user, a_user("bare")))

    async with uow:
        assert await uow.users.get(user.id) == user
        assert await uow.users.get(uuid4()) is None


@pytest.mark.parametrize(
    "login", ["Priya_K", "priya_k", "PRIYA_K", "Priya.K@Example.com", "priya.k@example.COM"]
)
async def test_a_user_is_found_by_username_or_email_in_any_case(
    uow: UnitOfWork, login: str
) -> None:
    user = a_user("Priya_K", email="Priya.K@Example.com")
    await given(uow, users=(user, a_user("rahul")))

    async with uow:
        found = await uow.users.get_by_login(login)

    assert found == user


async def test_an_unknown_login_finds_nobody(uow: UnitOfWork) -> None:
    await given(uow, users=(a_user("priya"),))

    async with uow:
        assert await uow.users.get_by_login("priy") is None
        assert await uow.users.get_by_login("priya@example") is None


@pytest.mark.parametrize(
    ("second", "error"),
    [
        ({"username": "PRIYA", "email": "other@example.com"}, UsernameTaken),
        ({"username": "other", "email": "PRIYA@Example.COM"}, EmailTaken),
    ],
)
async def test_usernames_and_emails_are_unique_whatever_their_case(
    uow: UnitOfWork, second: Clash, error: type[Exception]
) -> None:
    await given(uow, users=(a_user("priya"),))
    clash = a_user(**second)

    async with uow:
        with pytest.raises(error):
            await uow.users.add(clash)

    async with uow:
        assert await uow.users.get(clash.id) is None


async def test_emails_that_differ_only_in_the_case_of_non_ascii_letters_are_one_address(
    uow: UnitOfWork,
) -> None:
    user = a_user("erika", email="Ärger.Øre@Example.com")
    await given(uow, users=(user,))

    async with uow:
        with pytest.raises(EmailTaken):
            await uow.users.add(a_user("other", email="ärger.øre@example.com"))
    async with uow:
        assert await uow.users.get_by_login("ÄRGER.ØRE@EXAMPLE.COM") == user


async def test_users_are_listed_oldest_first_and_paged(uow: UnitOfWork) -> None:
    users = [a_user(f"user{i}", created_at=NOW + timedelta(minutes=i)) for i in range(5)]
    await given(uow, users=tuple(reversed(users)))

    async with uow:
        page = await uow.users.list(PageRequest(2, 2))

    assert [u.id for u in page.items] == [users[2].id, users[3].id]
    assert (page.total, page.page, page.size) == (5, 2, 2)


async def test_a_registration_is_stored_and_listed_in_order_of_registration(
    uow: UnitOfWork,
) -> None:
    event = an_event(NOW)
    late = a_registration(event.id, "Late@Example.com", NOW + timedelta(minutes=5), "Late")
    early = a_registration(event.id, "early@example.com", NOW, "Early")
    await given(uow, events=(event,), registrations=(late, early))

    async with uow:
        page = await uow.registrations.list_for_event(event.id, ALL)

    assert page.items == [early, late]
    assert page.total == 2
    assert page.items[1].registered_at.utcoffset() == timedelta(0)


async def test_a_registration_remembers_the_signed_in_user_who_made_it(uow: UnitOfWork) -> None:
    user, event = a_user("meera"), an_event(NOW)
    registration = Registration(uuid4(), event.id, "Meera", "meera@example.com", NOW, user.id)
    await given(uow, users=(user,), events=(event,), registrations=(registration,))

    async with uow:
        page = await uow.registrations.list_for_event(event.id, ALL)

    assert page.items == [registration]
    assert page.items[0].user_id == user.id


async def test_registrations_are_paged(uow: UnitOfWork) -> None:
    event = an_event(NOW)
    registrations = [
        a_registration(event.id, f"g{i}@example.com", NOW + timedelta(seconds=i)) for i in range(5)
    ]
    await given(uow, events=(event,), registrations=tuple(registrations))

    async with uow:
        page = await uow.registrations.list_for_event(event.id, PageRequest(3, 2))

    assert page.items == [registrations[4]]
    assert (page.total, page.page) == (5, 3)


async def test_an_email_registers_once_per_event_whatever_its_case(uow: UnitOfWork) -> None:
    event, other = an_event(NOW), an_event(NOW)
    await given(
        uow, events=(event, other), registrations=(a_registration(event.id, "meera@example.com"),)
    )

    async with uow:
        with pytest.raises(AlreadyRegistered):
            await uow.registrations.add(a_registration(event.id, "MEERA@example.com"))

    await given(uow, registrations=(a_registration(other.id, "Meera@Example.com"),))
    async with uow:
        assert (await uow.registrations.list_for_event(event.id, ALL)).total == 1
        assert (await uow.registrations.list_for_event(other.id, ALL)).total == 1


async def test_an_email_registers_once_per_event_whatever_the_case_of_its_non_ascii_letters(
    uow: UnitOfWork,
) -> None:
    event = an_event(NOW)
    await given(
        uow, events=(event,), registrations=(a_registration(event.id, "Ärger@example.com"),)
    )

    async with uow:
        with pytest.raises(AlreadyRegistered):
            await uow.registrations.add(a_registration(event.id, "äRGER@EXAMPLE.com"))


async def test_registering_for_an_event_that_is_gone_is_event_not_found(uow: UnitOfWork) -> None:
    async with uow:
        with pytest.raises(EventNotFound):
            await uow.registrations.add(a_registration(uuid4(), "meera@example.com"))


async def test_any_for_event_tells_whether_anyone_registered(uow: UnitOfWork) -> None:
    event, empty = an_event(NOW), an_event(NOW)
    await given(
        uow, events=(event, empty), registrations=(a_registration(event.id, "m@example.com"),)
    )

    async with uow:
        assert await uow.registrations.any_for_event(event.id) is True
        assert await uow.registrations.any_for_event(empty.id) is False
