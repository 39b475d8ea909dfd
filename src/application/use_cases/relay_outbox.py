"""Publish the outbox: one batch of unsent messages, in order, each marked sent once the broker
holds it. A crash between publishing and the commit publishes again later (at least once):
consumers drop a message id they already handled."""

from dataclasses import dataclass

from loguru import logger

from boxoffice.application.ports.message_broker import BrokerUnavailable, MessageBroker
from boxoffice.application.ports.unit_of_work import UnitOfWork

BATCH_SIZE = 100


@dataclass(frozen=True, slots=True)
class RelayReport:
    published: int
    left: int  # taken from the outbox but not published: the broker failed
    broker_unavailable: bool = False
    full_batch: bool = False  # there may be more waiting


class RelayOutbox:
    def __init__(self, uow: UnitOfWork, broker: MessageBroker, batch_size: int = BATCH_SIZE):
        self._uow = uow
        self._broker = broker
        self._batch_size = batch_size

    async def execute(self) -> RelayReport:
        async with self._uow as uow:
            pending = await uow.outbox.pending(self._batch_size)
            sent: list[str] = []
            unavailable = False
            try:
                for message in pending:
                    await self._broker.publish(message)
                    sent.append(message.id)
            except BrokerUnavailable as e:
                unavailable = True
                logger.warning(
                    "broker unavailable, {} messages wait: {}", len(pending) - len(sent), e
                )
            await uow.outbox.mark_sent(sent)
            await uow.commit()
        if sent:
            logger.debug("outbox: {} messages published", len(sent))
        full = len(pending) == self._batch_size
        return RelayReport(len(sent), len(pending) - len(sent), unavailable, full)
