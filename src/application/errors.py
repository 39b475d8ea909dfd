"""Failures that belong to the application rather than to a business rule."""

from boxoffice.domain.errors import Conflict, DomainError, NotFound


class NotAuthenticated(DomainError):
    """No valid credentials: a missing, malformed, expired or forged token, or a bad password."""


class PermissionDenied(DomainError):
    """Authenticated, but this user may not do this."""


class EventNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("no such event")


class BookingNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("no such booking")


class UserNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("no such user")


class ValueTaken(Conflict):
    """A value another account already has; `field` names it as clients send it."""

    field = ""


class UsernameTaken(ValueTaken):
    field = "username"

    def __init__(self) -> None:
        super().__init__("this username is taken")


class EmailTaken(ValueTaken):
    field = "email"

    def __init__(self) -> None:
        super().__init__("an account with this e-mail address exists")


class IdempotencyKeyReused(Conflict):
    def __init__(self) -> None:
        super().__init__("this Idempotency-Key was already used for a different booking request")


class DuplicateIdempotencyKey(Conflict):
    """Raised by a repository when a racing request with the same key stored its booking first."""


class IdentityTaken(Conflict):
    """Raised by a repository when a racing request provisioned the same external identity."""

    def __init__(self) -> None:
        super().__init__("this external identity already has an account")


class ProviderUnavailable(DomainError):
    """The identity provider could not be reached or answered nonsense."""


class ProviderSignInFailed(DomainError):
    """A sign-in through the identity provider did not complete (refused, expired, forged)."""


class TooManyRequests(DomainError):
    """A limit on how often a caller may do this was reached; it may try again later."""

    def __init__(self, what: str, limit: int, window_seconds: int, retry_after: int) -> None:
        super().__init__(
            f"at most {limit} {what} per {window_seconds} s from one client; "
            f"try again in {retry_after} s"
        )
        self.retry_after = retry_after


class RateLimiterUnavailable(DomainError):
    """The shared request counter (Redis) could not be reached."""


class StorageUnavailable(DomainError):
    """The database could not be reached, or dropped the connection mid-transaction."""


class NotReady(DomainError):
    """This process cannot serve yet: a service it needs (the database) does not answer."""


class AttachmentNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("no such attachment of this event")


class FileStorageUnavailable(DomainError):
    """The file storage (a directory, or an S3-compatible service) could not be reached."""


class FileMissing(NotFound):
    def __init__(self) -> None:
        super().__init__("the attachment's file is not in the storage")
