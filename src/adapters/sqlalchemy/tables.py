"""The schema as SQLAlchemy Core tables, for queries only: migrations/ creates it.

A test compares these tables with the migrated database, so the two cannot drift.
"""

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    Uuid,
    false,
    text,
)

from boxoffice.adapters.sqlalchemy.types import Money, UtcDateTime

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)

users = Table(
    "users",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("username", String(50), nullable=False),
    Column("email", String(254), nullable=False),
    Column("password_hash", String(100)),
    Column("full_name", String(100)),
    Column("phone", String(20)),
    Column("role", String(20), nullable=False),
    Column("is_verified", Boolean, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("auth_issuer", String(255)),
    Column("auth_subject", String(255)),
    CheckConstraint("role IN ('customer', 'admin')", name="role_known"),
    Index("uq_users_username_lower", text("lower(username)"), unique=True),
    Index("uq_users_email_lower", text("lower(email)"), unique=True),
    Index("uq_users_auth_issuer_auth_subject", "auth_issuer", "auth_subject", unique=True),
)

venues = Table(
    "venues",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("source", String(20), nullable=False),
    Column("external_id", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("city", String(100), nullable=False),
    Column("state", String(100), nullable=False),
    Column("country_code", String(2), nullable=False),
    Column("address", String(300), nullable=False),
    Column("postal_code", String(20), nullable=False),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("timezone", String(64)),
    UniqueConstraint("source", "external_id", name="uq_venues_source_external_id"),
    CheckConstraint("source IN ('ticketmaster')", name="source_known"),
)

# Imported events (source <> 'local') carry their seller's listing and no capacity: they are
# listed here and sold there.
LOCAL_OR_IMPORTED = (
    "(source = 'local' AND external_id IS NULL AND capacity IS NOT NULL) OR "
    "(source <> 'local' AND external_id IS NOT NULL AND url IS NOT NULL "
    "AND capacity IS NULL AND seats_taken = 0)"
)
SALE_STATUSES = (
    "sale_status IS NULL OR "
    "sale_status IN ('onsale', 'offsale', 'cancelled', 'rescheduled', 'postponed', 'unknown')"
)

events = Table(
    "events",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("title", String(100), nullable=False),
    Column("description", Text, nullable=False),
    Column("location", String(200), nullable=False),
    Column("city", String(100), nullable=False),
    Column("start_time", UtcDateTime(), nullable=False),
    Column("end_time", UtcDateTime(), nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("capacity", Integer),
    Column("seats_taken", Integer, nullable=False),
    Column("price", Money(), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("status", String(20), nullable=False),
    Column("created_by", Uuid, ForeignKey("users.id", ondelete="SET NULL")),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("source", String(20), nullable=False, server_default="local"),
    Column("external_id", String(64)),
    Column("url", String(1000)),
    Column("content_hash", String(64)),
    Column("synced_at", UtcDateTime()),
    Column("sale_status", String(20)),
    Column("date_tba", Boolean, nullable=False, server_default=false()),
    Column("time_tba", Boolean, nullable=False, server_default=false()),
    Column("no_specific_time", Boolean, nullable=False, server_default=false()),
    Column("end_estimated", Boolean, nullable=False, server_default=false()),
    Column("local_date", Date),
    Column("local_time", Time),
    Column("segment", String(30)),
    Column("genre", String(30)),
    Column("price_min", Money()),
    Column("price_max", Money()),
    Column("image_url", String(1000)),
    Column("public_sale_start", UtcDateTime()),
    Column("public_sale_end", UtcDateTime()),
    Column("venue_id", Uuid, ForeignKey("venues.id", ondelete="SET NULL")),
    Column("registration_requires_sign_in", Boolean, nullable=False, server_default=false()),
    # Where it is (both or neither, checked by the domain: SQLite adds a CHECK only by
    # rebuilding the table, which its foreign keys forbid while they are enforced).
    Column("latitude", Float),
    Column("longitude", Float),
    # The attachment shown (no foreign key: attachments refer to events; deleting one unsets it)
    Column("attachment_id", Uuid),
    CheckConstraint("capacity > 0", name="capacity_positive"),
    CheckConstraint("seats_taken >= 0", name="seats_taken_not_negative"),
    CheckConstraint("seats_taken <= capacity", name="seats_within_capacity"),
    CheckConstraint("price >= 0", name="price_not_negative"),
    CheckConstraint("end_time > start_time", name="ends_after_start"),
    CheckConstraint("status IN ('active', 'cancelled', 'completed')", name="status_known"),
    CheckConstraint("source IN ('local', 'ticketmaster')", name="source_known"),
    CheckConstraint(LOCAL_OR_IMPORTED, name="local_or_imported"),
    CheckConstraint(SALE_STATUSES, name="sale_status_known"),
    CheckConstraint(
        "price_min IS NULL OR (price_min >= 0 AND price_max >= price_min)",
        name="price_range_ordered",
    ),
    UniqueConstraint("source", "external_id", name="uq_events_source_external_id"),
    Index("ix_events_venue_id", "venue_id"),
    Index("ix_events_status_start_time_id", "status", "start_time", "id"),
    Index("ix_events_status_end_time", "status", "end_time"),
    Index("ix_events_city_lower", text("lower(city)")),
    Index("ix_events_created_by", "created_by"),
    # The "near" filter's bounding box: a latitude range, then longitude ranges within it.
    Index("ix_events_latitude_longitude", "latitude", "longitude"),
)

event_tags = Table(
    "event_tags",
    metadata,
    Column("event_id", Uuid, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("tag", String(30), primary_key=True),
    Index("ix_event_tags_tag", "tag"),
)

event_attractions = Table(
    "event_attractions",
    metadata,
    Column("event_id", Uuid, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("name", String(200), nullable=False),
)

market_syncs = Table(
    "market_syncs",
    metadata,
    Column("market", String(300), primary_key=True),
    Column("lease_until", UtcDateTime()),
    Column("last_attempt_at", UtcDateTime()),
    Column("last_success_at", UtcDateTime()),
    Column("last_error", String(500)),
)

registrations = Table(
    "registrations",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("event_id", Uuid, ForeignKey("events.id", ondelete="RESTRICT"), nullable=False),
    Column("name", String(100), nullable=False),
    Column("email", String(254), nullable=False),
    Column("registered_at", UtcDateTime(), nullable=False),
    Column("user_id", Uuid, ForeignKey("users.id", ondelete="SET NULL")),
    Index("uq_registrations_event_id_email_lower", "event_id", text("lower(email)"), unique=True),
    Index("ix_registrations_event_id_registered_at", "event_id", "registered_at"),
)

bookings = Table(
    "bookings",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, ForeignKey("users.id", ondelete="RESTRICT"), nullable=False),
    Column("event_id", Uuid, ForeignKey("events.id", ondelete="RESTRICT"), nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("unit_price", Money(), nullable=False),
    Column("total_amount", Money(), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("status", String(20), nullable=False),
    Column("booked_at", UtcDateTime(), nullable=False),
    Column("cancelled_at", UtcDateTime()),
    Column("idempotency_key", String(200)),
    CheckConstraint("quantity > 0 AND quantity <= 10", name="quantity_in_range"),
    CheckConstraint("total_amount = unit_price * quantity", name="total_is_price_times_quantity"),
    CheckConstraint("status IN ('confirmed', 'cancelled')", name="status_known"),
    UniqueConstraint("user_id", "idempotency_key", name="uq_bookings_user_id_idempotency_key"),
    Index("ix_bookings_user_id_booked_at", "user_id", "booked_at"),
    Index("ix_bookings_event_id_booked_at", "event_id", "booked_at"),
)

tickets = Table(
    "tickets",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("booking_id", Uuid, ForeignKey("bookings.id", ondelete="CASCADE"), nullable=False),
    Column("code", String(24), nullable=False),
    Column("status", String(20), nullable=False),
    CheckConstraint("status IN ('active', 'used', 'cancelled')", name="status_known"),
    UniqueConstraint("code", name="uq_tickets_code"),
    Index("ix_tickets_booking_id", "booking_id"),
)

saved_events = Table(
    "saved_events",
    metadata,
    Column("user_id", Uuid, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("event_id", Uuid, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("saved_at", UtcDateTime(), nullable=False),
    Index("ix_saved_events_user_id_saved_at", "user_id", "saved_at"),
)

attachments = Table(
    "attachments",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("event_id", Uuid, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("content_type", String(50), nullable=False),
    Column("size", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("uploaded_by", Uuid, ForeignKey("users.id", ondelete="SET NULL")),
    Column("created_at", UtcDateTime(), nullable=False),
    CheckConstraint("size > 0", name="size_positive"),
    Index("ix_attachments_event_id_created_at", "event_id", "created_at", "id"),
    Index("ix_attachments_sha256", "sha256"),
)
