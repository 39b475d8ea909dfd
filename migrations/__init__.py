"""The Alembic migrations, shipped inside the package as `boxoffice.migrations`."""
