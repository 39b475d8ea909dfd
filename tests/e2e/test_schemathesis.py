"""Property: the OpenAPI document tells the truth. Schemathesis generates requests from
/schema/openapi.json for every operation, sends them to the real app (in-process, lifespan
and all) on each database backend, anonymous and signed in, and runs every check: no 5xx,
every status and body as documented, bad input refused.

Deselected by default (pyproject's addopts) until the server fixes it still reports have
landed; run it with `pytest -m schemathesis`. Its seed is fixed, so each run sends the same
requests; a failure prints the curl command that reproduces it."""

import asyncio
import shutil
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from litestar import Litestar
from schemathesis.python.asgi import shutdown_lifespans

from boxoffice.domain.users import Role
from boxoffice.entrypoints.http.app import create_app
from boxoffice.entrypoints.settings import (
    BrokerSettings,
    DatabaseSettings,
    IdentitySettings,
    RateLimitSettings,
    Settings,
)
from tests.conftest import BACKENDS, truncate_postgres
from tests.e2e.api import JWT_SECRET, Api, running
from tests.e2e.transport import asgi_transport

if TYPE_CHECKING:
    from schemathesis.specs.openapi.schemas import OpenApiCase

pytestmark = pytest.mark.schemathesis

SIGNED_IN = ("customer", "admin")


MAX_EXAMPLES = 6


class AppUnderTest:
    """The ASGI app schemathesis calls: the current backend's app, as whom the current caller
    signs in. Schemathesis starts its lifespan on first use in an event loop of its own, and
    it must also reach the app for the requests it derives from a case (without the bearer
    token, with another method), so the app is set here rather than passed to each call."""

    def __init__(self) -> None:
        self.app: Litestar | None = None
        self.tokens: dict[str, str] = {}
        self.token: str | None = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        assert self.app is not None, "no backend fixture active"
        await self.app(scope, receive, send)


UNDER_TEST = AppUnderTest()


def _settings(database_url: str) -> Settings:
    return Settings(
        database=DatabaseSettings(url=database_url, pool_size=2),
        identity=IdentitySettings(bcrypt_rounds=4, jwt_secret=JWT_SECRET),
        rate_limits=RateLimitSettings(login=1_000_000),
        broker=BrokerSettings(outbox_poll_seconds=3600),
    )


async def _sign_in_users(settings: Settings) -> dict[str, str]:
    """A customer and an admin made at the console and signed in, through a throwaway app:
    the app under test then runs its lifespan in schemathesis's own event loop."""
    app = create_app(settings)
    transport = asgi_transport(app)
    async with running(app), httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        api = Api(client, app)
        customer = await api.user(Role.CUSTOMER, "fuzz_customer")
        admin = await api.user(Role.ADMIN, "fuzz_admin")
        return {"customer": customer.token, "admin": admin.token}


@pytest.fixture(scope="module", params=BACKENDS)
def backend(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("schemathesis") / "boxoffice.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        url = f"sqlite+aiosqlite:///{path}"
    else:
        url = request.getfixturevalue("migrated_postgres")
        truncate_postgres()
    settings = _settings(url)
    UNDER_TEST.tokens = asyncio.run(_sign_in_users(settings))
    UNDER_TEST.app = create_app(settings)
    yield request.param
    shutdown_lifespans()
    UNDER_TEST.app = None


@pytest.fixture
def anonymous(backend: str) -> None:
    UNDER_TEST.token = None


@pytest.fixture(params=SIGNED_IN)
def signed_in(request: pytest.FixtureRequest, backend: str) -> str:
    UNDER_TEST.token = UNDER_TEST.tokens[request.param]
    return str(request.param)


def _document() -> dict[str, Any]:
    """The document as the app serves it (its routes do not depend on the database)."""
    app = create_app(_settings("sqlite+aiosqlite:///:memory:"))
    return app.openapi_schema.to_schema()


# Bounded and reproducible: the same cases on every run, so CI is no lottery.
schema = schemathesis.openapi.from_dict(
    _document(),
    config=schemathesis.Config.from_dict(
        {
            "seed": 2026,
            "checks": {
                "enabled": True,
                # 422 is a rule no schema can state (an end before its start, a weak
                # password): valid-looking input may get it. 400 may not.
                "positive_data_acceptance": {
                    "expected-statuses": ["2xx", "3xx", 401, 403, 404, 409, 422, 429, "5xx"]
                },
            },
            # The API refuses every NUL character (its description says so), which no schema
            # of ours can state cheaply.
            "generation": {"max-examples": MAX_EXAMPLES, "allow-x00": False},
            "phases": {"stateful": {"enabled": False}},
        }
    ),
)
schema.app = UNDER_TEST


@schema.auth(refresh_interval=None)
class CallerToken:
    """The current caller's bearer token; none for the anonymous caller."""

    def get(self, case: "OpenApiCase", context: schemathesis.AuthContext) -> str | None:
        return UNDER_TEST.token

    def set(self, case: "OpenApiCase", data: str | None, context: schemathesis.AuthContext) -> None:
        if data:
            case.headers["Authorization"] = f"Bearer {data}"


@schema.parametrize()
@settings(deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_every_operation_answers_an_anonymous_caller_as_documented(
    case: "OpenApiCase", anonymous: None
) -> None:
    case.call_and_validate()


# A signed-in caller differs from an anonymous one only where a token is read.
READS_A_TOKEN = schema.include(func=lambda ctx: "401" in ctx.operation.definition.raw["responses"])


@READS_A_TOKEN.parametrize()
@settings(deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_every_operation_that_reads_a_token_answers_a_signed_in_caller_as_documented(
    case: "OpenApiCase", signed_in: str
) -> None:
    case.call_and_validate()
