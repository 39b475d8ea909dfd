"""Attendees who registered for an event by name and e-mail (no account needed, unless the
event asks for one)."""

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from boxoffice.domain.case import fold_case
from boxoffice.domain.errors import InvalidValue
from boxoffice.domain.happenings import AttendeeRegistered, Happening
from boxoffice.domain.users import email_address

MAX_NAME = 100


@dataclass(frozen=True, slots=True)
class Registration:
    id: UUID
    event_id: UUID
    name: str
    email: str
    registered_at: datetime
    user_id: UUID | None = None  # who registered, when they were signed in
    happenings: list[Happening] = field(default_factory=list, compare=False, repr=False)

    def __post_init__(self) -> None:
        name = self.name.strip()
        if not name:
            raise InvalidValue("name", "must not be empty")
        if len(name) > MAX_NAME:
            raise InvalidValue("name", f"must be at most {MAX_NAME} characters")
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "email", email_address(self.email))

    @classmethod
    def take(
        cls,
        registration_id: UUID,
        event_id: UUID,
        name: str,
        email: str,
        now: datetime,
        user_id: UUID | None = None,
    ) -> "Registration":
        """A new registration, recorded as taken (a stored one is built with the constructor)."""
        registration = cls(registration_id, event_id, name, email, now, user_id)
        registration.happenings.append(AttendeeRegistered(registration_id, event_id))
        return registration

    @property
    def email_key(self) -> str:
        """One registration per e-mail per event, whatever the case of the letters."""
        return fold_case(self.email)
