"""What the ASGI server imports in each notification worker process."""

from litestar import Litestar

from entrypoints.logs import configure_logging_for
from entrypoints.notifications.app import create_notifications_app
from entrypoints.settings import Settings


def app_factory() -> Litestar:
    settings = Settings.from_env()
    configure_logging_for(settings)
    return create_notifications_app(settings)
