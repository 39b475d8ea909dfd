"""The notification service's tables, on the same metadata as tables.py (migration 0006).

One row per message in `notifications`; a message for everyone writes no recipient rows.
Read state is a watermark per user ("read all" up to an id) plus single reads above it.
"""

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    Uuid,
)

from boxoffice.adapters.sqlalchemy.tables import metadata
from boxoffice.adapters.sqlalchemy.types import UtcDateTime

notifications = Table(
    "notifications",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("message_id", Uuid, nullable=False, unique=True),
    Column("event_id", Uuid, nullable=False),
    Column("action", String(16), nullable=False),
    Column("title", Text, nullable=False),
    Column("actor", String(100), nullable=False),
    Column("occurred_at", UtcDateTime, nullable=False),
    Column("for_everyone", Boolean, nullable=False),
    Column("creator_id", Uuid, nullable=True),
)

notification_recipients = Table(
    "notification_recipients",
    metadata,
    Column(
        "notification_id",
        Integer,
        ForeignKey("notifications.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("user_id", Uuid, nullable=False),
    PrimaryKeyConstraint("notification_id", "user_id"),
    Index(None, "user_id", "notification_id"),
)

notification_reads = Table(
    "notification_reads",
    metadata,
    Column("user_id", Uuid, nullable=False),
    Column(
        "notification_id",
        Integer,
        ForeignKey("notifications.id", ondelete="CASCADE"),
        nullable=False,
    ),
    PrimaryKeyConstraint("user_id", "notification_id"),
)

notification_read_marks = Table(
    "notification_read_marks",
    metadata,
    Column("user_id", Uuid, primary_key=True),
    Column("read_up_to", Integer, nullable=False),
)
