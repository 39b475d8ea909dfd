"""Local tokens: a token verified once is remembered, its times are not: it still expires,
and a token changed by one character is still checked (and refused) on its own."""

from datetime import timedelta

import pytest

from boxoffice.adapters.security import jwt_tokens
from boxoffice.adapters.security.jwt_tokens import JwtTokenService
from boxoffice.application.errors import NotAuthenticated
from tests.builders import a_user
from tests.fakes import FixedClock

SECRET = "integration-tests-secret-that-is-long-enough-0123456789"


async def test_a_remembered_token_still_expires() -> None:
    clock = FixedClock()
    tokens = JwtTokenService(SECRET, "boxoffice", clock, ttl_seconds=60)
    user = a_user()
    token = tokens.issue(user).token

    first = await tokens.verify(token)
    again = await tokens.verify(token)
    clock.advance(timedelta(seconds=60 + jwt_tokens.LEEWAY_SECONDS))

    assert first == again
    assert first.user_id == user.id
    with pytest.raises(NotAuthenticated):
        await tokens.verify(token)


async def test_a_token_changed_after_the_genuine_one_was_verified_is_refused() -> None:
    tokens = JwtTokenService(SECRET, "boxoffice", FixedClock())
    token = tokens.issue(a_user()).token
    await tokens.verify(token)
    header, claims, signature = token.split(".")
    forged = f"{header}.{claims}.{signature[:-2]}{'AA' if signature[-2:] != 'AA' else 'BB'}"

    with pytest.raises(NotAuthenticated):
        await tokens.verify(forged)
    other = JwtTokenService(
        "another-secret-that-is-long-enough-0123456789abcdef", "boxoffice", FixedClock()
    )
    with pytest.raises(NotAuthenticated):
        await other.verify(token)


async def test_a_flood_of_tokens_cannot_grow_what_is_remembered_past_its_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(jwt_tokens, "MAX_VERIFIED", 3)
    tokens = JwtTokenService(SECRET, "boxoffice", FixedClock())
    for n in range(10):
        await tokens.verify(tokens.issue(a_user(f"user{n}")).token)

    assert len(tokens._verified) <= 3
