"""Users who sign in through an identity provider: the issuer and subject that name them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("users", sa.Column("auth_issuer", sa.String(255)))
    op.add_column("users", sa.Column("auth_subject", sa.String(255)))
    # NULLs are distinct, so local accounts (no issuer, no subject) never collide.
    op.create_index(
        "uq_users_auth_issuer_auth_subject", "users", ["auth_issuer", "auth_subject"], unique=True
    )


def downgrade() -> None:
    op.drop_index("uq_users_auth_issuer_auth_subject", table_name="users")
    op.drop_column("users", "auth_subject")
    op.drop_column("users", "auth_issuer")
