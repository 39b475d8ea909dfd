"""The outbox of messages for other services, and users' subscriptions to events.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNSENT = sa.text("sent_at IS NULL")


def upgrade() -> None:
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("message_id", sa.String(36), nullable=False),
        sa.Column("routing_key", sa.String(100), nullable=False),
        sa.Column("body", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("seq", name="pk_outbox"),
        sa.UniqueConstraint("message_id", name="uq_outbox_message_id"),
    )
    op.create_index(
        "ix_outbox_unsent_seq", "outbox", ["seq"], postgresql_where=UNSENT, sqlite_where=UNSENT
    )
    op.create_table(
        "event_subscriptions",
        sa.Column("user_id", sa.Uuid, nullable=False),
        sa.Column("event_id", sa.Uuid, nullable=False),
        sa.Column("subscribed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "event_id", name="pk_event_subscriptions"),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name="fk_event_subscriptions_user_id_users",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name="fk_event_subscriptions_event_id_events",
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_event_subscriptions_user_id_subscribed_at",
        "event_subscriptions",
        ["user_id", "subscribed_at"],
    )


def downgrade() -> None:
    op.drop_index("ix_event_subscriptions_user_id_subscribed_at", table_name="event_subscriptions")
    op.drop_table("event_subscriptions")
    op.drop_index("ix_outbox_unsent_seq", table_name="outbox")
    op.drop_table("outbox")
