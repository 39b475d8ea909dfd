"""Where each provider keeps the roles, and what a token without them means."""

import pytest

from boxoffice.adapters.oidc.claims import ClaimsMapper
from boxoffice.domain.users import Role

BASE = {"iss": "https://id.example.com/", "sub": "42"}
NAMESPACED = "https://boxoffice.example.com/roles"


@pytest.mark.parametrize(
    ("path", "claims", "role"),
    [
        ("realm_access.roles", {"realm_access": {"roles": ["admin"]}}, Role.ADMIN),
        ("realm_access.roles", {"realm_access": {"roles": ["customer"]}}, Role.CUSTOMER),
        ("realm_access.roles", {"realm_access": {}}, None),
        ("realm_access.roles", {"realm_access": "admin"}, None),
        (NAMESPACED, {NAMESPACED: ["admin"]}, Role.ADMIN),
        ("permissions", {"permissions": []}, Role.CUSTOMER),
        ("scope", {"scope": "openid admin"}, Role.ADMIN),
        ("", {"roles": ["admin"]}, None),
    ],
)
def test_the_role_is_read_at_the_configured_path(
    path: str, claims: dict[str, object], role: Role | None
) -> None:
    assert ClaimsMapper(path).identity(BASE | claims).role is role


def test_another_admin_role_name_can_be_configured() -> None:
    mapper = ClaimsMapper("roles", admin_role="boxoffice:admin")

    assert mapper.identity(BASE | {"roles": ["boxoffice:admin"]}).role is Role.ADMIN
    assert mapper.identity(BASE | {"roles": ["admin"]}).role is Role.CUSTOMER


def test_profile_claims_of_the_wrong_type_are_ignored() -> None:
    identity = ClaimsMapper().identity(
        BASE | {"email": ["a@b.c"], "name": 7, "email_verified": "true"}
    )

    assert (identity.email, identity.name, identity.email_verified) == (None, None, False)
