"""What the ASGI server imports in each notification worker process."""

from litestar import Litestar

from boxoffice.entrypoints.logs import configure_logging_for
from boxoffice.entrypoints.notifications.app import create_notifications_app
from boxoffice.entrypoints.process import frozen_after_startup
from boxoffice.entrypoints.settings import Settings, SettingsError


def app_factory() -> Litestar:
    settings = Settings.from_env()
    if settings.identity.jwt_secret is None:
        # Each worker would make its own, and tokens would work on one worker in N.
        raise SettingsError("BOXOFFICE_JWT_SECRET is not set (`boxoffice serve` shares one)")
    configure_logging_for(settings)
    return frozen_after_startup(create_notifications_app(settings))
