import asyncio

import bcrypt


class BcryptPasswordHasher:
    """bcrypt in a worker thread (it releases the GIL), so hashing never stalls the event loop."""

    def __init__(self, rounds: int = 12) -> None:
        self._rounds = rounds
        # Checked against when the user is unknown, so that case costs the same time.
        self._dummy = bcrypt.hashpw(b"no such user", bcrypt.gensalt(rounds))

    async def hash(self, password: str) -> str:
        salt = bcrypt.gensalt(self._rounds)
        hashed = await asyncio.to_thread(bcrypt.hashpw, password.encode(), salt)
        return hashed.decode()

    async def verify(self, password: str, password_hash: str | None) -> bool:
        candidate = password.encode()[:72]
        if password_hash is None:
            await asyncio.to_thread(bcrypt.checkpw, candidate, self._dummy)
            return False
        try:
            return await asyncio.to_thread(bcrypt.checkpw, candidate, password_hash.encode())
        except ValueError:
            return False
