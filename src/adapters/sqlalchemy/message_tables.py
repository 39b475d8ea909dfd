"""Tables for what other services hear about: the outbox and event subscriptions.

They live on the same MetaData as tables.py; `adapters.sqlalchemy.schema` imports both, so
anything that needs the whole schema imports that.
"""

from sqlalchemy import (
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    UniqueConstraint,
    Uuid,
    text,
)

from boxoffice.adapters.sqlalchemy.tables import metadata
from boxoffice.adapters.sqlalchemy.types import UtcDateTime

UNSENT = text("sent_at IS NULL")

# Messages written in the transaction of the change they describe; the relay publishes the
# unsent ones oldest first and stamps sent_at. `seq` orders them (SERIAL / SQLite rowid).
outbox = Table(
    "outbox",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("message_id", String(36), nullable=False),
    Column("routing_key", String(100), nullable=False),
    Column("body", LargeBinary, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("sent_at", UtcDateTime()),
    UniqueConstraint("message_id", name="uq_outbox_message_id"),
    # Only unsent rows are indexed, so "the oldest unsent" stays cheap however many were sent.
    Index("ix_outbox_unsent_seq", "seq", postgresql_where=UNSENT, sqlite_where=UNSENT),
)

event_subscriptions = Table(
    "event_subscriptions",
    metadata,
    Column("user_id", Uuid, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("event_id", Uuid, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("subscribed_at", UtcDateTime(), nullable=False),
    Index("ix_event_subscriptions_user_id_subscribed_at", "user_id", "subscribed_at"),
)
