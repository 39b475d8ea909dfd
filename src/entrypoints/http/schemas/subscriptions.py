from datetime import datetime, tzinfo

import msgspec

from boxoffice.application.ports.subscriptions import Subscription
from boxoffice.entrypoints.http.schemas.events import EventOut


class SubscriptionOut(msgspec.Struct):
    subscribed_at: datetime
    event: EventOut

    @classmethod
    def from_subscription(cls, subscription: Subscription, tz: tzinfo) -> "SubscriptionOut":
        return cls(
            subscribed_at=subscription.subscribed_at.astimezone(tz),
            event=EventOut.from_event(subscription.event, tz),
        )
