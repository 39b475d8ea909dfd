"""Just-in-time accounts for people who sign in through an identity provider."""

import hashlib
import re
from dataclasses import replace
from uuid import uuid4

from loguru import logger

from boxoffice.application.errors import EmailTaken, IdentityTaken, UsernameTaken
from boxoffice.application.ports.clock import Clock
from boxoffice.application.ports.security import ExternalIdentity
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.domain.case import fold_case
from boxoffice.domain.errors import InvalidValue
from boxoffice.domain.users import Role, User, email_address

_NOT_USERNAME = re.compile(r"[^A-Za-z0-9_]+")
PLACEHOLDER_DOMAIN = "users.invalid"  # a reserved top-level domain: never delivers mail


class ProvisionExternalUser:
    """The local user of an external identity: created on its first token, updated when the
    provider's claims change. Never linked to an existing account by e-mail, since an e-mail
    claim alone does not prove ownership of the local account that has it."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, identity: ExternalIdentity) -> User:
        async with self._uow as uow:
            user = await uow.users.get_by_identity(identity.issuer, identity.subject)
        if user is None:
            return await self._create(identity)
        return await self._update(user, identity)

    async def _create(self, identity: ExternalIdentity) -> User:
        tag = _tag(identity)
        username, email = _username(identity), _email(identity.email) or _placeholder(tag)
        other_usernames = iter((f"{username[:41]}_{tag[:8]}", tag))
        for _ in range(4):
            user = User(
                id=uuid4(),
                username=username,
                email=email,
                role=identity.role or Role.CUSTOMER,
                created_at=self._clock.now(),
                full_name=_name(identity.name),
                is_verified=identity.email_verified and email == _email(identity.email),
                auth_issuer=identity.issuer,
                auth_subject=identity.subject,
            )
            try:
                async with self._uow as uow:
                    await uow.users.add(user)
                    await uow.commit()
            except UsernameTaken:
                username = next(other_usernames, tag)
                continue
            except EmailTaken:
                email = _placeholder(tag)
                continue
            except IdentityTaken:  # a racing request of the same person created it first
                return await self.execute(identity)
            logger.bind(user_id=str(user.id)).info("user provisioned from {}", identity.issuer)
            return user
        raise RuntimeError("could not find a free username or e-mail for a provider user")

    async def _update(self, user: User, identity: ExternalIdentity) -> User:
        email = _email(identity.email)
        changed = replace(
            user,
            email=email if email and fold_case(email) != fold_case(user.email) else user.email,
            full_name=_name(identity.name) or user.full_name,
            role=identity.role or user.role,
            is_verified=identity.email_verified,
        )
        if changed == user:
            return user
        try:
            async with self._uow as uow:
                await uow.users.update_profile(changed)
                await uow.commit()
        except EmailTaken:  # keep the address we have rather than take someone else's
            changed = replace(changed, email=user.email)
            async with self._uow as uow:
                await uow.users.update_profile(changed)
                await uow.commit()
        logger.bind(user_id=str(user.id)).info("provider user updated from new claims")
        return changed


def _tag(identity: ExternalIdentity) -> str:
    """A stable, opaque 20-character name for the identity, for usernames and placeholders."""
    digest = hashlib.sha256(f"{identity.issuer}\n{identity.subject}".encode()).hexdigest()
    return "u" + digest[:19]


def _username(identity: ExternalIdentity) -> str:
    for hint in (identity.preferred_username, (_email(identity.email) or "").partition("@")[0]):
        cleaned = _NOT_USERNAME.sub("_", hint or "").strip("_")[:50]
        if len(cleaned) >= 3:
            return cleaned
    return _tag(identity)


def _email(claim: str | None) -> str | None:
    try:
        return email_address(claim) if claim else None
    except InvalidValue:
        return None


def _placeholder(tag: str) -> str:
    return f"{tag}@{PLACEHOLDER_DOMAIN}"


def _name(claim: str | None) -> str | None:
    return (claim or "").strip()[:100] or None
