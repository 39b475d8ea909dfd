from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import Row, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from boxoffice.adapters.sqlalchemy.errors import violates
from boxoffice.adapters.sqlalchemy.paging import fetch_page
from boxoffice.adapters.sqlalchemy.tables import users
from boxoffice.application.errors import EmailTaken, IdentityTaken, UsernameTaken
from boxoffice.application.models.pagination import Page, PageRequest
from boxoffice.domain.case import fold_case
from boxoffice.domain.users import Role, User


def _user(row: Row[Any]) -> User:
    return User(
        id=row.id,
        username=row.username,
        email=row.email,
        role=Role(row.role),
        created_at=row.created_at,
        password_hash=row.password_hash,
        full_name=row.full_name,
        phone=row.phone,
        is_verified=row.is_verified,
        auth_issuer=row.auth_issuer,
        auth_subject=row.auth_subject,
    )


class SqlAlchemyUserRepository:
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def add(self, user: User) -> None:
        values = {
            "id": user.id,
            "username": user.username,
            "email": user.email,
            "password_hash": user.password_hash,
            "full_name": user.full_name,
            "phone": user.phone,
            "role": user.role.value,
            "is_verified": user.is_verified,
            "created_at": user.created_at,
            "auth_issuer": user.auth_issuer,
            "auth_subject": user.auth_subject,
        }
        try:
            await self._conn.execute(insert(users).values(values))
        except IntegrityError as e:
            _translate(e)

    async def update_profile(self, user: User) -> None:
        values = {
            "email": user.email,
            "full_name": user.full_name,
            "role": user.role.value,
            "is_verified": user.is_verified,
        }
        try:
            await self._conn.execute(update(users).where(users.c.id == user.id).values(values))
        except IntegrityError as e:
            _translate(e)

    async def get_by_identity(self, issuer: str, subject: str) -> User | None:
        query = select(users).where(users.c.auth_issuer == issuer, users.c.auth_subject == subject)
        row = (await self._conn.execute(query)).first()
        return None if row is None else _user(row)

    async def get(self, user_id: UUID) -> User | None:
        row = (await self._conn.execute(select(users).where(users.c.id == user_id))).first()
        return None if row is None else _user(row)

    async def get_by_login(self, login: str) -> User | None:
        key = fold_case(login)
        query = select(users).where(
            or_(func.lower(users.c.username) == key, func.lower(users.c.email) == key)
        )
        row = (await self._conn.execute(query)).first()
        return None if row is None else _user(row)

    async def list(self, page: PageRequest) -> Page[User]:
        query = select(users).order_by(users.c.created_at, users.c.id)
        rows, total = await fetch_page(self._conn, query, page)
        return Page([_user(r) for r in rows], page.page, page.size, total)


def _translate(error: IntegrityError) -> None:
    if violates(error, "uq_users_username_lower"):
        raise UsernameTaken from error
    if violates(error, "uq_users_email_lower"):
        raise EmailTaken from error
    if violates(
        error, "uq_users_auth_issuer_auth_subject", "users.auth_issuer, users.auth_subject"
    ):
        raise IdentityTaken from error
    raise error
