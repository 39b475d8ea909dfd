"""Who callers are: the service's own tokens and accounts, and an OpenID provider."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from boxoffice.entrypoints.settings_bounds import (
    AT_LEAST_1,
    OFF_OR_MORE,
    Bound,
    Section,
    check_secret,
    setting,
)
from boxoffice.entrypoints.settings_env import PREFIX, SettingsError


@dataclass(frozen=True, slots=True)
class IdentitySettings(Section):
    # None: not given. The token service then makes one for its process, which only
    # `boxoffice serve` on SQLite may rely on (it shares one made per start with its workers).
    jwt_secret: str | None = setting(None, secret=True)
    jwt_issuer: str = setting("boxoffice")
    access_token_ttl_seconds: int = setting(1800, bound=AT_LEAST_1)
    # bcrypt's own limits are 4 and 31; 16 already takes ~5 s
    bcrypt_rounds: int = setting(12, bound=Bound(4, 16))
    # Local accounts (register, password login, local tokens) and an OpenID provider
    local_accounts: bool = setting(True)
    oidc_issuer: str = setting("")
    oidc_audience: str = setting("")
    oidc_roles_claim: str = setting("")
    oidc_admin_role: str = setting("admin")
    oidc_client_id: str = setting("")
    oidc_client_secret: str = setting("", secret=True)
    oidc_scopes: str = setting("openid profile email")
    oidc_frontend_url: str = setting("")
    oidc_provider_name: str = setting("")  # shown on the sign-in button; empty: the issuer's host
    # 0: an unknown key id refetches every time
    oidc_jwks_refresh_seconds: int = setting(30, bound=OFF_OR_MORE)
    oidc_discovery_url: str = setting("")

    def __post_init__(self) -> None:
        if self.jwt_secret == "":  # an empty variable gives no secret
            object.__setattr__(self, "jwt_secret", None)
        if self.jwt_secret is not None:
            check_secret(self.jwt_secret)
        self.check_bounds()
        if self.oidc_issuer and not self.oidc_issuer.startswith(("https://", "http://")):
            raise SettingsError(f"{PREFIX}OIDC_ISSUER must be an http(s) URL")
        if self.oidc_issuer and not self.oidc_audience:
            raise SettingsError(f"{PREFIX}OIDC_AUDIENCE is needed with {PREFIX}OIDC_ISSUER")
        if self.oidc_client_id and not self.oidc_issuer:
            raise SettingsError(f"{PREFIX}OIDC_CLIENT_ID needs {PREFIX}OIDC_ISSUER")
        if not self.local_accounts and not self.oidc_issuer:
            raise SettingsError(
                f"with {PREFIX}LOCAL_ACCOUNTS=false, set {PREFIX}OIDC_ISSUER, or nobody can sign in"
            )

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_issuer)

    @property
    def oidc_sign_in_enabled(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id)

    @property
    def oidc_display_name(self) -> str:
        return self.oidc_provider_name or urlsplit(self.oidc_issuer).hostname or "the provider"
