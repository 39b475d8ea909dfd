"""Forged, stale and misdirected tokens: each is a 401 problem and provisions nobody."""

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from typing import Any
from uuid import UUID

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from litestar import Litestar
from sqlalchemy import delete

from boxoffice.adapters.sqlalchemy.tables import users
from tests.e2e.api import Api, Caller, assert_problem
from tests.e2e.identity.conftest import AUDIENCE, bearer, token_for, user_count
from tests.signing_provider import SigningKey, SigningProvider

Forge = Callable[[SigningProvider, dict[str, SigningKey]], str]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unsigned(header: dict[str, Any], claims: dict[str, Any], signature: bytes = b"") -> str:
    head = _b64(json.dumps(header).encode()) + "." + _b64(json.dumps(claims).encode())
    return head + "." + _b64(signature)


def alg_none(p: SigningProvider, k: dict[str, SigningKey]) -> str:
    return _unsigned({"alg": "none", "typ": "JWT", "kid": "rsa-1"}, p.claims(AUDIENCE))


def hs256_signed_with_the_public_key(p: SigningProvider, k: dict[str, SigningKey]) -> str:
    """Algorithm confusion: an HMAC whose secret is the published RSA key."""
    public_pem = (
        k["rsa-1"]
        .private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    header = {"alg": "HS256", "typ": "JWT", "kid": "rsa-1"}
    unsigned = _unsigned(header, p.claims(AUDIENCE)).rstrip(".")
    return unsigned + "." + _b64(hmac.new(public_pem, unsigned.encode(), hashlib.sha256).digest())


def wrong_signature(p: SigningProvider, k: dict[str, SigningKey]) -> str:
    return p.sign(p.claims(AUDIENCE), k["intruder"], kid="rsa-1")


def expired(p: SigningProvider, k: dict[str, SigningKey]) -> str:
    now = int(time.time())
    return token_for(p, iat=now - 600, exp=now - 120)


def not_yet_valid(p: SigningProvider, k: dict[str, SigningKey]) -> str:
    return token_for(p, nbf=int(time.time()) + 300)


def issued_in_the_future(p: SigningProvider, k: dict[str, SigningKey]) -> str:
    now = int(time.time())
    return token_for(p, iat=now + 300, exp=now + 600)


def wrong_audience(p: SigningProvider, k: dict[str, SigningKey]) -> str:
    return token_for(p, aud="https://another-api.example")


def wrong_issuer(p: SigningProvider, k: dict[str, SigningKey]) -> str:
    return token_for(p, iss="https://evil.example/")


def unknown_kid(p: SigningProvider, k: dict[str, SigningKey]) -> str:
    return token_for(p, k["intruder"])


def tampered_payload(p: SigningProvider, k: dict[str, SigningKey]) -> str:
    head, _, signature = token_for(p, sub="mallory").split(".")
    swapped = _b64(json.dumps(p.claims(AUDIENCE, sub="admin")).encode())
    return f"{head}.{swapped}.{signature}"


def without_subject(p: SigningProvider, k: dict[str, SigningKey]) -> str:
    claims = p.claims(AUDIENCE)
    del claims["sub"]
    return p.sign(claims)


def ec_key_id_on_an_rsa_signature(p: SigningProvider, k: dict[str, SigningKey]) -> str:
    return p.sign(p.claims(AUDIENCE), k["rsa-1"], kid="ec-1")


FORGERIES = [
    alg_none,
    hs256_signed_with_the_public_key,
    wrong_signature,
    expired,
    not_yet_valid,
    issued_in_the_future,
    wrong_audience,
    wrong_issuer,
    unknown_kid,
    tampered_payload,
    without_subject,
    ec_key_id_on_an_rsa_signature,
]


@pytest.mark.parametrize("forge", FORGERIES, ids=lambda f: f.__name__)
async def test_a_forged_or_stale_provider_token_is_401_and_provisions_nobody(
    client: httpx.AsyncClient,
    app: Litestar,
    provider: SigningProvider,
    keys: dict[str, SigningKey],
    forge: Forge,
) -> None:
    assert (await client.get("/auth/me", headers=bearer(token_for(provider)))).status_code == 200
    before = await user_count(app)

    for path in ("/auth/me", "/my/bookings", "/users"):
        response = await client.get(path, headers=bearer(forge(provider, keys)))
        assert_problem(response, 401)
        assert response.headers["www-authenticate"] == "Bearer"

    assert await user_count(app) == before


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "Bearer",
        "Bearer ",
        "Basic cHJpeWE6cHc=",
        "bearer a.b.c",
        "Bearer ....",
        "Bearer \xff\xfe".encode("latin-1"),
    ],
)
async def test_a_missing_or_garbled_authorization_header_is_401(
    client: httpx.AsyncClient, app: Litestar, authorization: str | bytes | None
) -> None:
    headers: dict[bytes, bytes] = {}
    if authorization is not None:
        raw = authorization if isinstance(authorization, bytes) else authorization.encode()
        headers[b"Authorization"] = raw

    response = await client.get("/my/bookings", headers=headers)

    assert_problem(response, 401)
    assert await user_count(app) == 0


async def test_the_token_of_a_deleted_user_is_401(
    api: Api, customer: Caller, app: Litestar
) -> None:
    assert (await api.client.get("/my/bookings", headers=customer.headers)).status_code == 200
    async with app.state.container.infrastructure.engine().begin() as conn:
        await conn.execute(delete(users).where(users.c.id == UUID(customer.id)))

    # /events reads no user first: its page statement refuses the token, full page or empty
    for path in ("/my/bookings", "/auth/me", "/events", "/events?city=Nowhere"):
        assert_problem(await api.client.get(path, headers=customer.headers), 401)


async def test_a_local_token_with_a_made_up_user_id_is_401(api: Api, customer: Caller) -> None:
    claims = jwt.decode(customer.token, options={"verify_signature": False})
    secret = api.app.state.settings.identity.jwt_secret
    ghost = jwt.encode(claims | {"sub": "00000000-0000-4000-8000-000000000000"}, secret)

    assert_problem(await api.client.get("/my/bookings", headers=bearer(ghost)), 401)
