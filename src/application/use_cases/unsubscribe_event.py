from dataclasses import dataclass

from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.auth import Principal
from boxoffice.application.services.lookup import find_event


@dataclass(frozen=True, slots=True)
class UnsubscribeCommand:
    actor: Principal
    event_ref: str


class UnsubscribeFromEvent:
    """Unsubscribing when not subscribed (or from an unknown event) changes nothing: the
    caller's wish, not to be subscribed, holds either way."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, command: UnsubscribeCommand) -> None:
        async with self._uow as uow:
            event = await find_event(uow, command.event_ref)
            if event is None:
                return
            await uow.subscriptions.remove(command.actor.user_id, event.id)
            await uow.commit()
