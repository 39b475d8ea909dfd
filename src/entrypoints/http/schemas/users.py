from datetime import datetime, tzinfo
from typing import Annotated
from uuid import UUID

import msgspec

from boxoffice.application.use_cases.register_user import NewUser
from boxoffice.domain.users import (
    MAX_EMAIL,
    MAX_FULL_NAME,
    MAX_PASSWORD_BYTES,
    MAX_PHONE,
    MIN_PASSWORD,
    USERNAME_PATTERN,
    Role,
    User,
)
from boxoffice.entrypoints.http.schemas.common import Email, Request

Username = Annotated[
    str,
    msgspec.Meta(
        pattern=USERNAME_PATTERN, examples=["priya_k"], description="3-50 letters, digits, _"
    ),
]
Password = Annotated[
    str,
    msgspec.Meta(
        min_length=MIN_PASSWORD,
        max_length=MAX_PASSWORD_BYTES,
        description=f"{MIN_PASSWORD}+ characters with an upper-case letter, a digit and a special "
        "character",
    ),
]
FullName = Annotated[str, msgspec.Meta(max_length=MAX_FULL_NAME)]
Phone = Annotated[str, msgspec.Meta(max_length=MAX_PHONE, examples=["+91 98765 43210"])]


class SignUpIn(Request):
    email: Email
    username: Username
    password: Password
    full_name: FullName | None = None
    phone: Phone | None = None

    def to_new_user(self, role: Role = Role.CUSTOMER) -> NewUser:
        return NewUser(self.username, self.email, self.password, self.full_name, self.phone, role)


class UserIn(Request):
    """An admin creates a user; without a password the account cannot sign in."""

    email: Email
    username: Username
    role: Role = Role.CUSTOMER
    password: Password | None = None
    full_name: FullName | None = None
    phone: Phone | None = None

    def to_new_user(self) -> NewUser:
        return NewUser(
            self.username, self.email, self.password, self.full_name, self.phone, self.role
        )


class LoginIn(Request):
    login: Annotated[
        str, msgspec.Meta(min_length=1, max_length=MAX_EMAIL, description="username or e-mail")
    ]
    password: Annotated[str, msgspec.Meta(min_length=1, max_length=1024)]


class TokenOut(msgspec.Struct):
    access_token: str
    expires_in: int
    token_type: str = "bearer"  # noqa: S105 - the OAuth 2 token type, not a secret


class UserOut(msgspec.Struct):
    id: UUID
    username: str
    email: str
    role: Role
    is_verified: bool
    full_name: str | None
    phone: str | None
    created_at: datetime

    @classmethod
    def from_user(cls, user: User, tz: tzinfo) -> "UserOut":
        return cls(
            id=user.id,
            username=user.username,
            email=user.email,
            role=user.role,
            is_verified=user.is_verified,
            full_name=user.full_name,
            phone=user.phone,
            created_at=user.created_at.astimezone(tz),
        )
