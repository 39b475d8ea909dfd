"""What the ASGI server imports in each worker process: settings from the environment."""

from litestar import Litestar

from entrypoints.http.app import create_app
from entrypoints.logs import configure_logging_for
from entrypoints.settings import Settings


def app_factory() -> Litestar:
    settings = Settings.from_env()
    configure_logging_for(settings)
    return create_app(settings)
