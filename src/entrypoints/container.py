"""The composition root: which adapter plays which port, read like a wiring diagram, in
containers of their own (infrastructure, identity, messaging, the upstream API, use cases)
that the notification service reuses in part."""

from typing import Any

from dependency_injector import containers, providers

from boxoffice.entrypoints.container_identity import Identity
from boxoffice.entrypoints.container_infrastructure import Infrastructure, Messaging, Ticketmaster
from boxoffice.entrypoints.container_use_cases import UseCases
from boxoffice.entrypoints.settings import Settings


class Container(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)

    infrastructure = providers.Container(Infrastructure, settings=settings)
    identity = providers.Container(Identity, settings=settings, infrastructure=infrastructure)
    messaging = providers.Container(Messaging, settings=settings, infrastructure=infrastructure)
    ticketmaster = providers.Container(Ticketmaster, settings=settings)
    use_cases = providers.Container(
        UseCases,
        settings=settings,
        infrastructure=infrastructure,
        identity=identity,
        ticketmaster=ticketmaster,
    )


def build_container(settings: Settings) -> Container:
    return Container(settings=settings)


def use_case_providers(container: Any) -> dict[str, providers.Factory[Any]]:
    """The use cases of a container (its factories), by name: what a door offers."""
    return {
        name: provider
        for name, provider in container.providers.items()
        if isinstance(provider, providers.Factory)
    }
