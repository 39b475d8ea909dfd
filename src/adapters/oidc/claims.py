"""From a provider's claims to an ExternalIdentity: where the roles live differs per provider."""

from typing import Any

from boxoffice.application.ports.security import ExternalIdentity
from boxoffice.domain.users import Role


class ClaimsMapper:
    """Reads the roles at a dotted path (`realm_access.roles` for Keycloak, `permissions` or a
    namespaced claim such as `https://boxoffice.example.com/roles` for Auth0).

    A claim whose whole name is the path wins over walking it, since namespaced claims are
    URLs full of dots. Without a path, or without the claim in a token, the token says nothing
    about the role (None: a new user is a customer, a known one keeps their role)."""

    def __init__(self, roles_claim: str = "", admin_role: str = "admin") -> None:
        self._path = roles_claim.strip()
        self._admin_role = admin_role

    def identity(self, claims: dict[str, Any]) -> ExternalIdentity:
        return ExternalIdentity(
            issuer=str(claims["iss"]),
            subject=str(claims["sub"]),
            email=_text(claims.get("email")),
            email_verified=claims.get("email_verified") is True,
            name=_text(claims.get("name")),
            preferred_username=_text(claims.get("preferred_username") or claims.get("nickname")),
            role=self._role(claims),
        )

    def _role(self, claims: dict[str, Any]) -> Role | None:
        if not self._path:
            return None
        roles = _at(claims, self._path)
        if roles is None:  # this token does not say (an id_token without roles, say)
            return None
        if isinstance(roles, str):
            roles = roles.split()
        if isinstance(roles, list) and self._admin_role in roles:
            return Role.ADMIN
        return Role.CUSTOMER


def _at(claims: dict[str, Any], path: str) -> Any:
    if path in claims:
        return claims[path]
    node: Any = claims
    for part in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
