"""Every broken business rule is a DomainError; entrypoints map the classes to their protocols."""


class DomainError(Exception):
    """A business rule was broken. The message is safe to show to the caller."""


class InvalidValue(DomainError):
    """A value does not satisfy the rules of the entity it belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class NotFound(DomainError):
    """The thing asked for does not exist (or the caller may not know it exists)."""


class SignInRequired(DomainError):
    """The rule needs a signed-in caller, and this one is anonymous."""


class Conflict(DomainError):
    """The request is valid but clashes with the current state."""


class NotEnoughSeats(Conflict):
    def __init__(self, requested: int, available: int) -> None:
        super().__init__(f"not enough seats: {requested} requested, {available} available")
        self.requested = requested
        self.available = available


class EventNotOpen(Conflict):
    """The event no longer takes bookings or registrations (cancelled, completed or started)."""


class AlreadyRegistered(Conflict):
    def __init__(self) -> None:
        super().__init__("this e-mail address is already registered for the event")


class CapacityBelowSeatsTaken(Conflict):
    def __init__(self, capacity: int, seats_taken: int) -> None:
        super().__init__(f"capacity {capacity} is below the {seats_taken} seats already taken")
        self.capacity = capacity
        self.seats_taken = seats_taken


class EventNotBookable(Conflict):
    """An imported event: tickets are sold by its seller, not here."""

    def __init__(self, seller: str, url: str) -> None:
        super().__init__(f"this event is sold by {seller}, not here: get tickets at {url}")
        self.url = url


class UnsupportedFile(DomainError):
    """A file of a kind that is not taken, or whose name or content says otherwise."""


class FileTooLarge(DomainError):
    def __init__(self, limit: int) -> None:
        super().__init__(f"the file must be at most {limit} bytes")
        self.limit = limit
