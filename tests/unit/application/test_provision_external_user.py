"""Provider users get a local account on their first token, kept in step with later claims."""

import asyncio

from boxoffice.application.ports.security import ExternalIdentity
from boxoffice.application.use_cases.provision_external_user import ProvisionExternalUser
from boxoffice.domain.users import Role
from tests.builders import a_user
from tests.fakes import FixedClock, InMemoryStore, InMemoryUnitOfWork

ISSUER = "https://tenant.auth0.com/"


def provisioner(store: InMemoryStore) -> ProvisionExternalUser:
    return ProvisionExternalUser(InMemoryUnitOfWork(store), FixedClock())


def someone(subject: str = "auth0|42", **claims: object) -> ExternalIdentity:
    values: dict[str, object] = {
        "email": "priya@example.com",
        "email_verified": True,
        "name": "Priya K",
        "preferred_username": "priya.k",
    }
    return ExternalIdentity(ISSUER, subject, **(values | claims))  # type: ignore[arg-type]


async def test_the_first_token_creates_a_customer_with_the_claims() -> None:
    store = InMemoryStore()

    user = await provisioner(store).execute(someone())

    assert (user.auth_issuer, user.auth_subject) == (ISSUER, "auth0|42")
    assert (user.username, user.email, user.full_name) == (
        "priya_k",
        "priya@example.com",
        "Priya K",
    )
    assert user.role is Role.CUSTOMER
    assert user.is_verified
    assert user.password_hash is None
    assert list(store.committed.users) == [user.id]


async def test_later_tokens_find_the_same_user_and_update_changed_claims() -> None:
    store = InMemoryStore()
    first = await provisioner(store).execute(someone())

    again = await provisioner(store).execute(
        someone(email="p.k@example.com", name="Priya Kumar", role=Role.ADMIN)
    )

    assert again.id == first.id
    assert (again.email, again.full_name, again.role) == (
        "p.k@example.com",
        "Priya Kumar",
        Role.ADMIN,
    )
    assert store.committed.users[first.id] == again
    assert len(store.committed.users) == 1


async def test_without_a_roles_claim_the_stored_role_is_kept() -> None:
    store = InMemoryStore()
    await provisioner(store).execute(someone(role=Role.ADMIN))

    again = await provisioner(store).execute(someone(role=None))

    assert again.role is Role.ADMIN


async def test_an_existing_local_account_with_the_same_email_and_username_is_never_taken_over() -> (
    None
):
    store = InMemoryStore()
    local = a_user("priya_k", email="priya@example.com")
    async with InMemoryUnitOfWork(store) as uow:
        await uow.users.add(local)
        await uow.commit()

    user = await provisioner(store).execute(someone())

    assert user.id != local.id
    assert user.username.startswith("priya_k_")
    assert user.email.endswith("@users.invalid")
    assert store.committed.users[local.id] == local


async def test_claims_that_are_no_username_or_email_still_give_a_valid_account() -> None:
    store = InMemoryStore()

    user = await provisioner(store).execute(
        someone("x", email="not an address", preferred_username="ü", name=" ")
    )

    assert user.username.startswith("u")
    assert len(user.username) == 20
    assert user.email == f"{user.username}@users.invalid"
    assert user.full_name is None
    assert not user.is_verified


async def test_two_racing_first_tokens_make_one_user() -> None:
    store = InMemoryStore()

    users = await asyncio.gather(*(provisioner(store).execute(someone()) for _ in range(5)))

    assert len({u.id for u in users}) == 1
    assert len(store.committed.users) == 1
