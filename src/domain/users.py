"""People who use the platform and what they may do."""

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from boxoffice.domain.errors import InvalidValue

USERNAME_PATTERN = "^[A-Za-z0-9_]{3,50}$"
_USERNAME = re.compile(USERNAME_PATTERN)
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+$")
MAX_PHONE = 20
_PHONE = re.compile(rf"^\+?[0-9 ()-]{{5,{MAX_PHONE}}}$")
_SPECIAL = re.compile(r"[^A-Za-z0-9]")
MAX_EMAIL = 254
MIN_PASSWORD = 8
MAX_PASSWORD_BYTES = 72  # bcrypt reads no further
MAX_FULL_NAME = 100
MAX_EXTERNAL_ID = 255


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
    if len(password) < MIN_PASSWORD:
        problems.append(f"at least {MIN_PASSWORD} characters")
    if len(password.encode()) > MAX_PASSWORD_BYTES:
        problems.append(f"at most {MAX_PASSWORD_BYTES} bytes")
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
        if max(len(self.auth_issuer or ""), len(self.auth_subject or "")) > MAX_EXTERNAL_ID:
            message = f"issuer and subject must be at most {MAX_EXTERNAL_ID} characters"
            raise InvalidValue("auth_subject", message)
        self.username = username(self.username)
        self.email = email_address(self.email)
        self.phone = phone_number(self.phone)
        if self.full_name is not None:
            self.full_name = self.full_name.strip() or None
            if self.full_name and len(self.full_name) > MAX_FULL_NAME:
                raise InvalidValue("full_name", f"must be at most {MAX_FULL_NAME} characters")

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN
