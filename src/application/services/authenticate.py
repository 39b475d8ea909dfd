"""The one TokenVerifier the edge uses: local tokens and provider tokens, side by side."""

from collections.abc import Callable

from boxoffice.application.errors import NotAuthenticated
from boxoffice.application.ports.security import ExternalTokenVerifier, TokenVerifier
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.auth import Principal
from boxoffice.application.use_cases.provision_external_user import ProvisionExternalUser


class Authenticate:
    """Picks the verifier by the issuer the token names, then answers with the local user.

    A provider's token provisions (or refreshes) its local user; a local token must still
    belong to an existing user. Either way the caller costs one indexed read, and the role
    and verification come from the stored user, so a change takes effect at once.

    One serves every request of a process: the unit of work of a read and the provisioning
    of a provider's user are made for each use (`uow`, `provision`), and the rest holds no
    request's state.
    """

    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        local: TokenVerifier,
        external: ExternalTokenVerifier | None,
        provision: Callable[[], ProvisionExternalUser],
    ) -> None:
        self._uow = uow
        self._local = local
        self._external = external
        self._provision = provision

    async def verify(self, token: str) -> Principal:
        if self._external is not None and self._external.accepts(token):
            return await self._provisioned(token)
        claimed = await self._local.verify(token)
        async with self._uow() as uow:
            user = await uow.users.get(claimed.user_id)
        if user is None:
            raise NotAuthenticated("the account of this token no longer exists")
        return Principal(user.id, user.role, user.is_verified, user.username)

    async def verify_claims(self, token: str) -> Principal:
        """The caller a local token proves, without reading the user: for a use case that
        needs only who the caller is and whose own atomic step fails when that user does not
        exist (a sale, through its foreign key). Role and verification are the token's own,
        so they must not decide anything. A provider's token is provisioned as by `verify`.
        """
        if self._external is not None and self._external.accepts(token):
            return await self._provisioned(token)
        return await self._local.verify(token)

    async def _provisioned(self, token: str) -> Principal:
        assert self._external is not None
        provisioned = await self._provision().execute(await self._external.verify(token))
        return Principal(
            provisioned.id, provisioned.role, provisioned.is_verified, provisioned.username
        )
