"""The notification service's history and read state.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "notifications",
        # The id is the order of recording and the cursor a reconnecting client resumes from.
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("message_id", sa.Uuid, nullable=False),
        sa.Column("event_id", sa.Uuid, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("for_everyone", sa.Boolean, nullable=False),
        sa.Column("creator_id", sa.Uuid, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_notifications"),
        # A re-delivered message inserts nothing: the consumer is idempotent by message id.
        sa.UniqueConstraint("message_id", name="uq_notifications_message_id"),
    )
    op.create_table(
        "notification_recipients",
        sa.Column("notification_id", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Uuid, nullable=False),
        sa.PrimaryKeyConstraint("notification_id", "user_id", name="pk_notification_recipients"),
        sa.ForeignKeyConstraint(
            ["notification_id"],
            ["notifications.id"],
            name="fk_notification_recipients_notification_id_notifications",
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_notification_recipients_user_id_notification_id",
        "notification_recipients",
        ["user_id", "notification_id"],
    )
    op.create_table(
        "notification_reads",
        sa.Column("user_id", sa.Uuid, nullable=False),
        sa.Column("notification_id", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("user_id", "notification_id", name="pk_notification_reads"),
        sa.ForeignKeyConstraint(
            ["notification_id"],
            ["notifications.id"],
            name="fk_notification_reads_notification_id_notifications",
            ondelete="CASCADE",
        ),
    )
    op.create_table(
        "notification_read_marks",
        sa.Column("user_id", sa.Uuid, nullable=False),
        sa.Column("read_up_to", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("user_id", name="pk_notification_read_marks"),
    )


def downgrade() -> None:
    op.drop_table("notification_read_marks")
    op.drop_table("notification_reads")
    op.drop_index(
        "ix_notification_recipients_user_id_notification_id", table_name="notification_recipients"
    )
    op.drop_table("notification_recipients")
    op.drop_table("notifications")
