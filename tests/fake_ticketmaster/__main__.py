"""`python -m tests.fake_ticketmaster`: a local fake of the Discovery API v2 (search, by id,
faults on demand), for the tests and for demos without a Ticketmaster key.

Point BOXOFFICE_TICKETMASTER_BASE_URL at http://HOST:PORT/discovery/v2.
"""

import argparse
import os
from collections.abc import Callable
from pathlib import Path

from boxoffice.entrypoints.cli_support import serve_asgi


def bounded(low: int, high: int) -> Callable[[str], int]:
    def number(text: str) -> int:
        value = int(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is not in {low}..{high}")
        return value

    return number


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tests.fake_ticketmaster", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=bounded(1, 65535), default=8100)
    parser.add_argument(
        "--events", type=bounded(0, 100_000), default=400,
        help="How many generated events to serve (over the next 60 days, in six cities).",
    )  # fmt: skip
    parser.add_argument(
        "--fixtures", type=Path, default=None,
        help="Also serve the events of the recorded responses in this folder.",
    )  # fmt: skip
    parser.add_argument("--api-key", default=None, help="Accept only this key (default: any).")
    args = parser.parse_args()
    if args.fixtures is not None and not args.fixtures.is_dir():
        parser.error(f"--fixtures: {args.fixtures} is not a folder")
    return args


def main() -> None:
    args = parse_args()
    # The server's worker builds the app from these (tests.fake_ticketmaster.asgi).
    os.environ["FAKE_TICKETMASTER_EVENTS"] = str(args.events)
    os.environ["FAKE_TICKETMASTER_FIXTURES"] = str(args.fixtures or "")
    os.environ["FAKE_TICKETMASTER_API_KEY"] = args.api_key or ""
    print(f"fake Ticketmaster API on http://{args.host}:{args.port}/discovery/v2", flush=True)
    serve_asgi("tests.fake_ticketmaster.asgi:app_factory", args.host, args.port)


if __name__ == "__main__":
    main()
