"""Signing up, creating users, logging in and knowing who is calling."""

from dataclasses import replace
from typing import TypedDict
from uuid import uuid4

import pytest

from boxoffice.application.errors import (
    EmailTaken,
    NotAuthenticated,
    PermissionDenied,
    UsernameTaken,
)
from boxoffice.application.models.pagination import PageRequest
from boxoffice.application.services.auth import Principal
from boxoffice.application.use_cases.create_user import CreateUser, CreateUserCommand
from boxoffice.application.use_cases.get_current_user import GetCurrentUser
from boxoffice.application.use_cases.log_in import LogIn, LogInCommand
from boxoffice.application.use_cases.register_user import NewUser, RegisterUser
from boxoffice.domain.errors import InvalidValue
from boxoffice.domain.users import Role
from tests.fakes import FakePasswordHasher, FakeTokens, FixedClock, InMemoryUnitOfWork
from tests.unit.application.conftest import People

PASSWORD = "Secret-pass1"
NEWCOMER = NewUser("kavya", "Kavya@Example.com", PASSWORD, "Kavya R", "+91 90000 00000")


class Clash(TypedDict, total=False):
    username: str
    email: str


@pytest.fixture
def sign_up(uow: InMemoryUnitOfWork, clock: FixedClock, hasher: FakePasswordHasher) -> RegisterUser:
    return RegisterUser(uow, clock, hasher)


@pytest.fixture
def create_user(
    uow: InMemoryUnitOfWork, clock: FixedClock, hasher: FakePasswordHasher
) -> CreateUser:
    return CreateUser(uow, clock, hasher)


@pytest.fixture
def log_in(uow: InMemoryUnitOfWork, hasher: FakePasswordHasher, tokens: FakeTokens) -> LogIn:
    return LogIn(uow, hasher, tokens)


async def test_signing_up_makes_an_unverified_customer_with_a_hashed_password(
    sign_up: RegisterUser, uow: InMemoryUnitOfWork, clock: FixedClock
) -> None:
    user = await sign_up.execute(replace(NEWCOMER, role=Role.ADMIN))

    assert (user.role, user.is_verified, user.created_at) == (Role.CUSTOMER, False, clock.now())
    assert user.password_hash not in (None, PASSWORD)
    async with uow:
        assert await uow.users.get(user.id) == user


@pytest.mark.parametrize(
    ("clash", "error"),
    [
        ({"username": "KAVYA"}, UsernameTaken),
        ({"username": "kavya2", "email": "kavya@EXAMPLE.com"}, EmailTaken),
    ],
)
async def test_usernames_and_addresses_are_taken_whatever_their_case(
    sign_up: RegisterUser, uow: InMemoryUnitOfWork, clash: Clash, error: type[Exception]
) -> None:
    await sign_up.execute(NEWCOMER)

    with pytest.raises(error):
        await sign_up.execute(replace(NEWCOMER, **clash))

    async with uow:
        assert (await uow.users.list(PageRequest(1, 100))).total == 1


async def test_a_weak_password_is_refused_before_anything_is_hashed_or_stored(
    sign_up: RegisterUser, uow: InMemoryUnitOfWork
) -> None:
    with pytest.raises(InvalidValue, match="password"):
        await sign_up.execute(replace(NEWCOMER, password="weak"))
    assert uow.store.committed.users == {}


async def test_an_admin_creates_verified_users_of_any_role(
    create_user: CreateUser, people: People
) -> None:
    admin = await create_user.execute(
        CreateUserCommand(people.admin, replace(NEWCOMER, role=Role.ADMIN))
    )

    assert (admin.role, admin.is_verified) == (Role.ADMIN, True)


async def test_a_customer_may_not_create_users(
    create_user: CreateUser, uow: InMemoryUnitOfWork, people: People
) -> None:
    with pytest.raises(PermissionDenied):
        await create_user.execute(CreateUserCommand(people.customer, NEWCOMER))
    async with uow:
        assert await uow.users.get_by_login("kavya") is None


async def test_the_operator_creates_users_without_a_principal_and_maybe_without_password(
    create_user: CreateUser, log_in: LogIn
) -> None:
    user = await create_user.execute(CreateUserCommand(None, replace(NEWCOMER, password=None)))

    assert user.password_hash is None
    with pytest.raises(NotAuthenticated):
        await log_in.execute(LogInCommand("kavya", ""))


@pytest.mark.parametrize("login", ["kavya", "KAVYA", "kavya@example.com", " Kavya@EXAMPLE.com "])
async def test_logging_in_by_username_or_address_in_any_case_gives_a_token(
    sign_up: RegisterUser, log_in: LogIn, tokens: FakeTokens, login: str
) -> None:
    user = await sign_up.execute(NEWCOMER)

    token = await log_in.execute(LogInCommand(login, PASSWORD))

    assert token.expires_in == 1800
    assert await tokens.verify(token.token) == Principal(
        user.id, Role.CUSTOMER, False, user.username
    )


async def test_an_unknown_login_and_a_wrong_password_get_the_same_answer_after_the_same_work(
    sign_up: RegisterUser, log_in: LogIn, hasher: FakePasswordHasher
) -> None:
    await sign_up.execute(NEWCOMER)

    with pytest.raises(NotAuthenticated) as wrong_password:
        await log_in.execute(LogInCommand("kavya", "Wrong-pass1"))
    with pytest.raises(NotAuthenticated) as unknown_user:
        await log_in.execute(LogInCommand("nobody", PASSWORD))

    assert str(wrong_password.value) == str(unknown_user.value) == "invalid login or password"
    assert len(hasher.checked) == 2
    assert hasher.checked[1] is None  # the unknown user was still checked against a hash


async def test_the_current_user_is_the_one_the_token_names(
    uow: InMemoryUnitOfWork, people: People
) -> None:
    user = await GetCurrentUser(uow).execute(people.customer)

    assert (user.id, user.username) == (people.customer.user_id, "priya")


async def test_a_token_for_an_account_that_no_longer_exists_authenticates_nobody(
    uow: InMemoryUnitOfWork,
) -> None:
    with pytest.raises(NotAuthenticated):
        await GetCurrentUser(uow).execute(Principal(uuid4(), Role.ADMIN))
