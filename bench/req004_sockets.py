"""The WebSocket clients of bench/req004.py: each holds one socket of the notification
service for the whole run and notes when each notification reached it."""

import asyncio
import json
import time
from collections import Counter, defaultdict

import websockets


class Sockets:
    """The sockets, and when each notification reached each of them."""

    def __init__(self) -> None:
        # (event id, action, title) -> (socket number, when it arrived) for each arrival
        self.arrivals: dict[tuple[str, str, str], list[tuple[int, float]]] = defaultdict(list)
        self.open = 0
        self.failed = 0  # could not connect, or broke with an error
        self.close_codes: Counter[int] = Counter()  # of the sockets the server closed
        self._tasks: list[asyncio.Task[None]] = []

    async def _hold(self, n: int, url: str, token: str, ready: asyncio.Event) -> None:
        try:
            async with websockets.connect(
                f"{url}/ws/notifications?token={token}",
                open_timeout=60,
                max_queue=None,
                ping_interval=None,  # the service's own pings tell whether the socket lives
            ) as socket:
                self.open += 1
                ready.set()
                try:
                    async for raw in socket:
                        if self._is_ping(n, raw, time.perf_counter()):
                            await socket.send('{"type": "pong"}')
                    self.failed += 1  # closed by the server with 1000 or 1001
                    self.close_codes[socket.close_code or 1000] += 1
                finally:
                    self.open -= 1
        except asyncio.CancelledError:
            raise
        except websockets.ConnectionClosed as closed:  # 4408: a ping not answered in time
            self.failed += 1
            self.close_codes[closed.rcvd.code if closed.rcvd else 1006] += 1
        except Exception:
            self.failed += 1
        finally:
            ready.set()

    def _is_ping(self, n: int, raw: str | bytes, now: float) -> bool:
        """Notes a notification's arrival; True for a ping, which wants a pong."""
        message = json.loads(raw)
        if message.get("type") == "ping":
            return True
        if message.get("type") == "notification":
            event = message["event"]
            key = (str(event["id"]), str(event["action"]), str(event["title"]))
            self.arrivals[key].append((n, now))
        return False

    async def connect(self, url: str, tokens: list[str], batch: int = 100) -> None:
        """Opens one socket per token, `batch` at a time, each batch open before the next."""
        ws_url = url.replace("http://", "ws://", 1)
        for start in range(0, len(tokens), batch):
            waits = []
            for token in tokens[start : start + batch]:
                ready = asyncio.Event()
                task = self._hold(len(self._tasks), ws_url, token, ready)
                self._tasks.append(asyncio.create_task(task))
                waits.append(ready.wait())
            await asyncio.gather(*waits)

    async def wait_for(
        self, count: int, answered: dict[tuple[str, str, str], float], seconds: float
    ) -> None:
        """Until `count` of the answered changes' notifications have arrived, at most
        `seconds`, and at least a second for stragglers."""
        await asyncio.sleep(1)
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            if sum(len(self.arrivals.get(key, [])) for key in answered) >= count:
                return
            await asyncio.sleep(0.2)

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def delays_ms(self, answered: dict[tuple[str, str, str], float]) -> tuple[list[float], int]:
        """From each API answer (perf_counter time) to each socket's first receipt of its
        notification; and how many receipts were repeats."""
        delays, repeats = [], 0
        for key, at in answered.items():
            first: dict[int, float] = {}
            for n, arrival in self.arrivals.get(key, []):
                if n in first:
                    repeats += 1
                else:
                    first[n] = arrival
            delays += [1000 * (arrival - at) for arrival in first.values()]
        return delays, repeats
