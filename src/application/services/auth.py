"""Who is calling, and the one place that decides what they may do."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from boxoffice.application.errors import PermissionDenied
from boxoffice.domain.events import Event
from boxoffice.domain.users import Role


@dataclass(frozen=True, slots=True)
class Principal:
    """The authenticated caller, as proven by a verified token."""

    user_id: UUID
    role: Role
    is_verified: bool = False
    username: str = ""  # who acted, as other services are told (EventChange.actor)
    expires_at: datetime | None = None  # when the token proving it expires, if it does

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN


def require_admin(principal: Principal) -> None:
    if not principal.is_admin:
        raise PermissionDenied("this needs the admin role")


def require_self_or_admin(principal: Principal, user_id: UUID) -> None:
    if principal.user_id != user_id and not principal.is_admin:
        raise PermissionDenied("only the user themself or an admin may do this")


def may_manage_event(principal: Principal, event: Event) -> bool:
    return principal.is_admin or (
        event.created_by is not None and event.created_by == principal.user_id
    )


def require_event_manager(principal: Principal, event: Event) -> None:
    if not may_manage_event(principal, event):
        raise PermissionDenied("only the event's owner or an admin may do this")
