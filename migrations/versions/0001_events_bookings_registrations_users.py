"""Users, events with tags, registrations, bookings and tickets.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = sa.DateTime(timezone=True)
MONEY = sa.Numeric(12, 2)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("username", sa.String(50), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("password_hash", sa.String(100)),
        sa.Column("full_name", sa.String(100)),
        sa.Column("phone", sa.String(20)),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("is_verified", sa.Boolean, nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.CheckConstraint("role IN ('customer', 'admin')", name="ck_users_role_known"),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
    )
    op.create_index("uq_users_username_lower", "users", [sa.text("lower(username)")], unique=True)
    op.create_index("uq_users_email_lower", "users", [sa.text("lower(email)")], unique=True)

    op.create_table(
        "events",
        sa.Column("id", sa.Uuid),
        sa.Column("title", sa.String(100), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("location", sa.String(200), nullable=False),
        sa.Column("city", sa.String(100), nullable=False),
        sa.Column("start_time", UTC_TIME, nullable=False),
        sa.Column("end_time", UTC_TIME, nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("capacity", sa.Integer, nullable=False),
        sa.Column("seats_taken", sa.Integer, nullable=False),
        sa.Column("price", MONEY, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created_by", sa.Uuid),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name="fk_events_created_by_users", ondelete="SET NULL"
        ),
        sa.CheckConstraint("capacity > 0", name="ck_events_capacity_positive"),
        sa.CheckConstraint("seats_taken >= 0", name="ck_events_seats_taken_not_negative"),
        sa.CheckConstraint("seats_taken <= capacity", name="ck_events_seats_within_capacity"),
        sa.CheckConstraint("price >= 0", name="ck_events_price_not_negative"),
        sa.CheckConstraint("end_time > start_time", name="ck_events_ends_after_start"),
        sa.CheckConstraint(
            "status IN ('active', 'cancelled', 'completed')", name="ck_events_status_known"
        ),
    )
    op.create_index("ix_events_status_start_time", "events", ["status", "start_time"])
    op.create_index("ix_events_status_end_time", "events", ["status", "end_time"])
    op.create_index("ix_events_city_lower", "events", [sa.text("lower(city)")])
    op.create_index("ix_events_created_by", "events", ["created_by"])

    op.create_table(
        "event_tags",
        sa.Column("event_id", sa.Uuid, nullable=False),
        sa.Column("tag", sa.String(30), nullable=False),
        sa.PrimaryKeyConstraint("event_id", "tag", name="pk_event_tags"),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name="fk_event_tags_event_id_events", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_event_tags_tag", "event_tags", ["tag"])

    op.create_table(
        "registrations",
        sa.Column("id", sa.Uuid),
        sa.Column("event_id", sa.Uuid, nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("registered_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_registrations"),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name="fk_registrations_event_id_events",
            ondelete="RESTRICT",
        ),
    )
    op.create_index(
        "uq_registrations_event_id_email_lower",
        "registrations",
        ["event_id", sa.text("lower(email)")],
        unique=True,
    )
    op.create_index(
        "ix_registrations_event_id_registered_at", "registrations", ["event_id", "registered_at"]
    )

    op.create_table(
        "bookings",
        sa.Column("id", sa.Uuid),
        sa.Column("user_id", sa.Uuid, nullable=False),
        sa.Column("event_id", sa.Uuid, nullable=False),
        sa.Column("quantity", sa.Integer, nullable=False),
        sa.Column("unit_price", MONEY, nullable=False),
        sa.Column("total_amount", MONEY, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("booked_at", UTC_TIME, nullable=False),
        sa.Column("cancelled_at", UTC_TIME),
        sa.Column("idempotency_key", sa.String(200)),
        sa.PrimaryKeyConstraint("id", name="pk_bookings"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_bookings_user_id_users", ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name="fk_bookings_event_id_events", ondelete="RESTRICT"
        ),
        sa.CheckConstraint("quantity > 0 AND quantity <= 10", name="ck_bookings_quantity_in_range"),
        sa.CheckConstraint(
            "total_amount = unit_price * quantity", name="ck_bookings_total_is_price_times_quantity"
        ),
        sa.CheckConstraint("status IN ('confirmed', 'cancelled')", name="ck_bookings_status_known"),
        sa.UniqueConstraint(
            "user_id", "idempotency_key", name="uq_bookings_user_id_idempotency_key"
        ),
    )
    op.create_index("ix_bookings_user_id_booked_at", "bookings", ["user_id", "booked_at"])
    op.create_index("ix_bookings_event_id_booked_at", "bookings", ["event_id", "booked_at"])

    op.create_table(
        "tickets",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column("booking_id", sa.Uuid, nullable=False),
        sa.Column("code", sa.String(24), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_tickets"),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["bookings.id"],
            name="fk_tickets_booking_id_bookings",
            ondelete="CASCADE",
        ),
        sa.CheckConstraint(
            "status IN ('active', 'used', 'cancelled')", name="ck_tickets_status_known"
        ),
        sa.UniqueConstraint("code", name="uq_tickets_code"),
    )
    op.create_index("ix_tickets_booking_id", "tickets", ["booking_id"])


def downgrade() -> None:
    for table in ("tickets", "bookings", "registrations", "event_tags", "events", "users"):
        op.drop_table(table)
