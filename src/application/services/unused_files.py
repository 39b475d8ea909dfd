"""Stored files no attachment refers to any more are removed, once the change is committed."""

from collections.abc import Iterable

from loguru import logger

from boxoffice.application.errors import FileStorageUnavailable, StorageUnavailable
from boxoffice.application.ports.file_storage import FileStorage
from boxoffice.application.ports.unit_of_work import UnitOfWork


async def remove_unused_files(uow: UnitOfWork, files: FileStorage, keys: Iterable[str]) -> None:
    """Delete each of `keys` that no attachment (of any event: equal content shares a key)
    still uses. Never raises for an outage: the change it follows stands, and the file
    stays behind (it is named in the log)."""
    candidates = set(keys)
    if not candidates:
        return
    try:
        async with uow:
            unused = candidates - await uow.attachments.keys_in_use(candidates)
        for key in sorted(unused):
            await files.delete(key)
    except (StorageUnavailable, FileStorageUnavailable) as e:
        logger.warning("stored files {} may be left unused: {}", sorted(candidates), e)
