"""Cross-origin requests: none are allowed by default; listed origins are, others are not."""

import dataclasses

import httpx
import pytest

from boxoffice.entrypoints.settings import Settings
from tests.e2e.api import assert_problem

FRONT_END = "https://app.boxoffice.test"
ELSEWHERE = "https://evil.example"


async def preflight(client: httpx.AsyncClient, origin: str, method: str = "POST") -> httpx.Response:
    return await client.options(
        "/bookings",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": "authorization, content-type, idempotency-key",
        },
    )


async def test_by_default_no_answer_carries_a_cors_header(client: httpx.AsyncClient) -> None:
    answers = [
        await preflight(client, FRONT_END),
        await client.get("/events", headers={"Origin": FRONT_END}),
        await client.get("/nowhere", headers={"Origin": FRONT_END}),
    ]

    for answer in answers:
        assert not [h for h in answer.headers if h.startswith("access-control-")], answer.headers


class TestAllowList:
    @pytest.fixture
    def settings(self, settings: Settings) -> Settings:
        return dataclasses.replace(
            settings,
            http=dataclasses.replace(
                settings.http, cors_origins=f"{FRONT_END}, http://localhost:4200"
            ),
            rate_limits=dataclasses.replace(settings.rate_limits, api=2, window_seconds=3600),
        )

    async def test_a_listed_origin_passes_the_preflight(self, client: httpx.AsyncClient) -> None:
        answer = await preflight(client, FRONT_END)

        assert answer.status_code == 204
        assert answer.headers["access-control-allow-origin"] == FRONT_END
        allowed = answer.headers["access-control-allow-headers"].lower()
        assert {"authorization", "content-type", "idempotency-key"} <= set(allowed.split(", "))
        assert "access-control-allow-credentials" not in answer.headers

    @pytest.mark.parametrize(
        "origin", [ELSEWHERE, "http://app.boxoffice.test", FRONT_END + ":8443", "null"]
    )
    async def test_any_other_origin_is_refused_at_the_preflight(
        self, client: httpx.AsyncClient, origin: str
    ) -> None:
        answer = await preflight(client, origin)

        body = assert_problem(answer, 400)
        assert "origin" in body["detail"].lower()
        assert "access-control-allow-origin" not in answer.headers

    async def test_a_method_the_api_does_not_take_is_refused_at_the_preflight(
        self, client: httpx.AsyncClient
    ) -> None:
        answer = await preflight(client, FRONT_END, method="TRACE")

        body = assert_problem(answer, 400)
        assert "method" in body["detail"].lower()

    async def test_answers_to_a_listed_origin_name_it_and_expose_the_limit_headers(
        self, client: httpx.AsyncClient
    ) -> None:
        answers = [await client.get("/events", headers={"Origin": FRONT_END}) for _ in range(3)]

        assert [a.status_code for a in answers] == [200, 200, 429]
        for answer in answers:  # a front end can read its 429 and when to retry
            assert answer.headers["access-control-allow-origin"] == FRONT_END
            assert "Origin" in answer.headers["vary"]
            assert "Retry-After" in answer.headers["access-control-expose-headers"]

    async def test_answers_to_another_origin_do_not_name_it(
        self, client: httpx.AsyncClient
    ) -> None:
        answer = await client.get("/events", headers={"Origin": ELSEWHERE})

        assert answer.status_code == 200
        assert "access-control-allow-origin" not in answer.headers
