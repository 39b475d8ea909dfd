"""People who use the platform and what they may do."""

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from boxoffice.domain.errors import InvalidValue

_USERNAME = re.compile(r"^[A-Za-z0-9_]{3,50}$")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+$")
_PHONE = re.compile(r"^\+?[0-9 ()-]{5,20}$")
_SPECIAL = re.compile(r"[^A-Za-z0-9]")
MAX_EMAIL = 254


class Role(StrEnum):
    CUSTOMER = "customer"
    ADMIN = "admin"


def email_address(value: str, field: str = "email") -> str:
    """A plausible e-mail address, trimmed; its case is kept but compared without it."""
    address = value.strip()
    if len(address) > MAX_EMAIL or not _EMAIL.match(address):
        raise InvalidValue(field, "must be a valid e-mail address")
    return address


def username(value: str) -> str:
    if not _USERNAME.fullmatch(value):
        raise InvalidValue("username", "must be 3-50 letters, digits or underscores")
    return value


def check_password_strength(password: str) -> None:
    """At least 8 characters with an upper-case letter, a digit and a special character."""
    problems = []
    if len(password) < 8:
        problems.append("at least 8 characters")
    if len(password.encode()) > 72:
        problems.append("at most 72 bytes")
    if not any(c.isupper() for c in password):
        problems.append("an upper-case letter")
    if not any(c.isdigit() for c in password):
        problems.append("a digit")
    if not _SPECIAL.search(password):
        problems.append("a special character")
    if problems:
        raise InvalidValue("password", "needs " + ", ".join(problems))


def phone_number(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if not _PHONE.match(value.strip()):
        raise InvalidValue("phone", "must be 5-20 digits, spaces, dashes or brackets")
    return value.strip()


@dataclass(slots=True)
class User:
    id: UUID
    username: str
    email: str
    role: Role
    created_at: datetime
    password_hash: str | None = None
    full_name: str | None = None
    phone: str | None = None
    is_verified: bool = False
    # Set for a user who signs in through an identity provider: its issuer and subject.
    auth_issuer: str | None = None
    auth_subject: str | None = None

    def __post_init__(self) -> None:
        if (self.auth_issuer is None) != (self.auth_subject is None):
            raise InvalidValue("auth_subject", "an external identity needs issuer and subject")
        if len(self.auth_issuer or "") > 255 or len(self.auth_subject or "") > 255:
            raise InvalidValue("auth_subject", "issuer and subject must be at most 255 characters")
        self.username = username(self.username)
        self.email = email_address(self.email)
        self.phone = phone_number(self.phone)
        if self.full_name is not None:
            self.full_name = self.full_name.strip() or None
            if self.full_name and len(self.full_name) > 100:
                raise InvalidValue("full_name", "must be at most 100 characters")

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN
