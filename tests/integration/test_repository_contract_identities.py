"""The repository contract, part 5: users who sign in through an identity provider."""

import dataclasses

import pytest

from boxoffice.application.errors import EmailTaken, IdentityTaken
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.domain.users import Role
from tests.builders import a_user
from tests.integration.contract import given

ISSUER = "https://id.example.com/realms/boxoffice"


async def test_a_provider_user_is_found_by_issuer_and_subject_exactly(uow: UnitOfWork) -> None:
    user = a_user("priya", auth_issuer=ISSUER, auth_subject="AbC-123")
    await given(uow, users=(user, a_user("local")))

    async with uow:
        assert await uow.users.get_by_identity(ISSUER, "AbC-123") == user
        assert await uow.users.get_by_identity(ISSUER, "abc-123") is None
        assert await uow.users.get_by_identity(ISSUER + "/", "AbC-123") is None


async def test_local_users_have_no_identity_and_never_collide(uow: UnitOfWork) -> None:
    await given(uow, users=(a_user("one"), a_user("two")))

    async with uow:
        local = await uow.users.get_by_login("one")
    assert local is not None
    assert local.auth_issuer is None


async def test_one_identity_has_one_user(uow: UnitOfWork) -> None:
    await given(uow, users=(a_user("first", auth_issuer=ISSUER, auth_subject="s1"),))

    with pytest.raises(IdentityTaken):
        await given(uow, users=(a_user("second", auth_issuer=ISSUER, auth_subject="s1"),))
    await given(uow, users=(a_user("third", auth_issuer=ISSUER + "/other", auth_subject="s1"),))


async def test_a_profile_update_stores_email_name_role_and_verification(uow: UnitOfWork) -> None:
    user = a_user("priya", auth_issuer=ISSUER, auth_subject="s1")
    await given(uow, users=(user,))
    changed = dataclasses.replace(
        user, email="new@example.com", full_name="Priya K", role=Role.ADMIN, is_verified=True
    )

    async with uow:
        await uow.users.update_profile(changed)
        await uow.commit()

    async with uow:
        assert await uow.users.get(user.id) == changed


async def test_a_profile_update_to_a_taken_email_is_refused(uow: UnitOfWork) -> None:
    user = a_user("priya")
    await given(uow, users=(user, a_user("rahul")))

    with pytest.raises(EmailTaken):
        async with uow:
            await uow.users.update_profile(dataclasses.replace(user, email="RAHUL@example.com"))
    async with uow:
        assert await uow.users.get(user.id) == user
