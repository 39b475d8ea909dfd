"""Local accounts: /auth/register, /auth/login, /auth/me, and the admin's /users."""

from datetime import UTC, datetime, timedelta
from typing import Any

import jwt

from boxoffice.domain.users import Role
from tests.e2e.api import JWT_SECRET, PASSWORD, Api, Caller, ShiftableClock, assert_problem


def signup(**overrides: Any) -> dict[str, Any]:
    return {
        "email": "meera@example.com",
        "username": "meera_s",
        "password": PASSWORD,
        "full_name": "Meera Shah",
        "phone": "+91 98765 43210",
    } | overrides


async def user_count(api: Api, admin: Caller) -> int:
    response = await api.client.get("/users", headers=admin.headers)
    assert response.status_code == 200, response.text
    return int(response.json()["total"])


async def test_signing_up_makes_an_unverified_customer(api: Api) -> None:
    response = await api.client.post("/auth/register", json=signup())

    assert response.status_code == 201, response.text
    user = response.json()
    assert (user["username"], user["email"]) == ("meera_s", "meera@example.com")
    assert (user["role"], user["is_verified"]) == ("customer", False)
    assert (user["full_name"], user["phone"]) == ("Meera Shah", "+91 98765 43210")
    assert user["created_at"].endswith("+05:30")
    assert not {"password", "password_hash"} & user.keys()


async def test_signing_up_cannot_choose_a_role(api: Api, admin: Caller) -> None:
    response = await api.client.post("/auth/register", json=signup(role="admin"))

    assert_problem(response, 400, "role")
    assert await user_count(api, admin) == 1


async def test_a_taken_username_or_email_is_409_whatever_the_case(api: Api, admin: Caller) -> None:
    await api.client.post("/auth/register", json=signup())

    same_name = await api.client.post(
        "/auth/register", json=signup(username="MEERA_S", email="other@example.com")
    )
    same_email = await api.client.post(
        "/auth/register", json=signup(username="meera2", email="Meera@Example.com")
    )

    assert "username" in assert_problem(same_name, 409)["detail"]
    assert "e-mail" in assert_problem(same_email, 409)["detail"]
    assert await user_count(api, admin) == 2


async def test_a_taken_username_or_email_names_its_field(api: Api) -> None:
    await api.client.post("/auth/register", json=signup())

    same_name = await api.client.post(
        "/auth/register", json=signup(username="Meera_S", email="other@example.com")
    )
    same_email = await api.client.post(
        "/auth/register", json=signup(username="meera2", email="MEERA@example.com")
    )

    assert assert_problem(same_name, 409)["errors"] == [
        {"field": "username", "message": "this username is taken"}
    ]
    assert assert_problem(same_email, 409)["errors"] == [
        {"field": "email", "message": "an account with this e-mail address exists"}
    ]


async def test_weak_passwords_and_bad_usernames_are_refused(api: Api, admin: Caller) -> None:
    cases = [
        (signup(password="Sh0rt!"), 400, "password"),
        (signup(password="alllowercase1!"), 422, "password"),
        (signup(password="NoDigitsHere!"), 422, "password"),
        (signup(password="NoSpecial123"), 422, "password"),
        (signup(username="ab"), 400, "username"),
        (signup(username="has space"), 400, "username"),
        (signup(username="x" * 51), 400, "username"),
        (signup(email="not-an-address"), 422, "email"),
        (signup(phone="call me"), 422, "phone"),
    ]

    for body, status, field in cases:
        assert_problem(await api.client.post("/auth/register", json=body), status, field)
    assert await user_count(api, admin) == 1


async def test_logging_in_by_username_or_email_gives_a_bearer_token(api: Api) -> None:
    await api.client.post("/auth/register", json=signup())

    for login in ("meera_s", "MEERA@example.com"):
        response = await api.client.post("/auth/login", json={"login": login, "password": PASSWORD})
        assert response.status_code == 200, response.text
        body = response.json()
        assert (body["token_type"], body["expires_in"]) == ("bearer", 1800)
        me = await api.client.get(
            "/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"}
        )
        assert me.json()["username"] == "meera_s"


async def test_a_wrong_password_and_an_unknown_login_get_the_same_401(api: Api) -> None:
    await api.client.post("/auth/register", json=signup())

    wrong = await api.client.post("/auth/login", json={"login": "meera_s", "password": "Nope#1234"})
    unknown = await api.client.post("/auth/login", json={"login": "ghost", "password": PASSWORD})

    assert assert_problem(wrong, 401)["detail"] == assert_problem(unknown, 401)["detail"]


async def test_me_is_the_signed_in_user(api: Api, customer: Caller) -> None:
    response = await api.client.get("/auth/me", headers=customer.headers)

    assert response.status_code == 200
    assert (response.json()["id"], response.json()["role"]) == (customer.id, "customer")


def forged(user_id: str, secret: str, issued: datetime, role: str = "admin") -> dict[str, str]:
    claims = {
        "iss": "boxoffice",
        "sub": user_id,
        "role": role,
        "iat": issued,
        "nbf": issued,
        "exp": issued + timedelta(minutes=30),
    }
    return {"Authorization": f"Bearer {jwt.encode(claims, secret, algorithm='HS256')}"}


async def test_a_missing_bad_forged_or_expired_token_is_401(api: Api, customer: Caller) -> None:
    now = datetime.now(UTC)
    wrong_secret = "another-secret-that-is-long-enough-9876543210"
    for headers in (
        {},
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer garbage"},
        {"Authorization": f"Token {customer.token}"},
        {"Authorization": f"Bearer {customer.token}x"},
        forged(customer.id, wrong_secret, now),
        forged(customer.id, JWT_SECRET, now - timedelta(hours=1)),
        forged("not-a-uuid", JWT_SECRET, now),
        forged(customer.id, JWT_SECRET, now, role="superuser"),
    ):
        response = await api.client.get("/auth/me", headers=headers)
        assert_problem(response, 401)
        assert response.headers["www-authenticate"] == "Bearer"


async def test_a_token_lasts_thirty_minutes(
    api: Api, customer: Caller, clock: ShiftableClock
) -> None:
    clock.advance(timedelta(minutes=-29))
    issued_29_minutes_ago = await api.login(customer.username)
    clock.advance(timedelta(minutes=-2))
    issued_31_minutes_ago = await api.login(customer.username)
    clock.offset = timedelta()

    fresh = await api.client.get("/auth/me", headers=bearer(issued_29_minutes_ago))
    stale = await api.client.get("/my/bookings", headers=bearer(issued_31_minutes_ago))

    assert fresh.status_code == 200
    assert_problem(stale, 401)
    assert stale.headers["www-authenticate"] == "Bearer"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_an_admin_lists_users_page_by_page(api: Api, admin: Caller) -> None:
    await api.user(Role.CUSTOMER, "bea")
    await api.user(Role.CUSTOMER, "carl")

    first = (await api.client.get("/users", params={"size": 2}, headers=admin.headers)).json()
    second = (
        await api.client.get("/users", params={"size": 2, "page": 2}, headers=admin.headers)
    ).json()

    assert [u["username"] for u in first["items"]] == ["admin", "bea"]
    assert [u["username"] for u in second["items"]] == ["carl"]
    assert (first["total"], first["page"], first["size"]) == (3, 1, 2)
    assert first["items"][0]["role"] == "admin"


async def test_an_admin_creates_a_user_with_a_role(api: Api, admin: Caller) -> None:
    body = {
        "username": "ops_lead",
        "email": "ops@example.com",
        "role": "admin",
        "password": PASSWORD,
    }

    response = await api.client.post("/users", json=body, headers=admin.headers)

    assert response.status_code == 201, response.text
    assert (response.json()["role"], response.json()["is_verified"]) == ("admin", True)
    token = await api.login("ops_lead")
    listed = await api.client.get("/users", headers={"Authorization": f"Bearer {token}"})
    assert listed.json()["total"] == 2


async def test_a_user_created_without_a_password_cannot_sign_in(api: Api, admin: Caller) -> None:
    body = {"username": "no_pass", "email": "nopass@example.com"}

    created = await api.client.post("/users", json=body, headers=admin.headers)
    login = await api.client.post("/auth/login", json={"login": "no_pass", "password": PASSWORD})

    assert (created.status_code, created.json()["role"]) == (201, "customer")
    assert_problem(login, 401)


async def test_users_are_for_admins_only(api: Api, admin: Caller, customer: Caller) -> None:
    body = {
        "username": "sneaky",
        "email": "sneaky@example.com",
        "role": "admin",
        "password": PASSWORD,
    }

    assert_problem(await api.client.get("/users", headers=customer.headers), 403)
    assert_problem(await api.client.post("/users", json=body, headers=customer.headers), 403)
    assert_problem(await api.client.get("/users"), 401)
    assert_problem(await api.client.post("/users", json=body), 401)
    assert await user_count(api, admin) == 2


async def test_an_admin_cannot_create_a_taken_username(api: Api, admin: Caller) -> None:
    body = {"username": "ADMIN", "email": "second@example.com"}

    response = await api.client.post("/users", json=body, headers=admin.headers)

    assert_problem(response, 409)
    assert await user_count(api, admin) == 1
