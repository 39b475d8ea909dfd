"""The performance goals' table in one run: the service against its ceiling and pgbench.

    .venv/bin/python bench/perf.py                                   # every row, every sweep
    .venv/bin/python bench/perf.py --rows list,booking-hot --seconds 5 --sizes 1000 \\
        --connections 64                                             # a quick look (< 2 min)

Per database and catalogue size: an emptied, migrated database seeded in SQL, then
`boxoffice serve --workers 2` and the ceiling (bench/ceiling.py, also 2 granian workers).
Per connection count, one round: the ceiling first, then each row, all with wrk (or pgbench).
Prints one markdown table, also written to bench/results/perf-<UTC time>.md.
"""

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from perf_data import HOT, SPREAD, Catalogue, check, seed, write_lines
from perf_load import Figures, pgbench, wrk
from servers import HOST, Server, environment, free_port, prepare_database, running_server

HERE = Path(__file__).resolve().parent
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/boxoffice_bench_write"
# row: (database, what it is); the ceiling is measured in every round whatever is chosen.
ROWS = {  # in the order a round measures them: pgbench before the bookings it is a limit for
    "pgbench-hot-3": ("postgres", "pgbench: booking as 3 statements, one hot event"),
    "pgbench-hot-cte": ("postgres", "pgbench: booking as 1 CTE statement, one hot event"),
    "pgbench-spread-3": ("postgres", f"pgbench: 3 statements, spread over {SPREAD:,}"),
    "pgbench-spread-cte": ("postgres", f"pgbench: 1 CTE statement, spread over {SPREAD:,}"),
    "booking-hot": ("postgres", "POST /bookings, one hot event"),
    "booking-spread": ("postgres", f"POST /bookings, spread over {SPREAD:,} events"),
    "save-spread": ("postgres", f"POST /events/{{id}}/save, spread over {SPREAD:,} events"),
    "list": ("postgres", "GET /events?size=20"),
    "list-signed-in": ("postgres", "GET /events?size=20, signed in (saved flags)"),
    "detail": ("postgres", "GET /events/{id}"),
    "list-sqlite": ("sqlite", "GET /events?size=20"),
}
# The others run at the first catalogue size only.
SWEPT = {"list", "list-signed-in", "detail", "list-sqlite"}
BUYERS = 256


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", default=",".join(ROWS), help=f"any of {','.join(ROWS)}")
    parser.add_argument("--sizes", default="1000,10000,100000", help="catalogue sizes")
    parser.add_argument("--connections", default="20,64,256")
    parser.add_argument("--seconds", type=float, default=10.0, help="measured time per row")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured time per row")
    parser.add_argument(
        "--pgbench-max-clients",
        type=int,
        default=32,
        help="PostgreSQL's connection limit is shared; pgbench uses at most this",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="rounds per catalogue size, on the same servers; with more than one, a table of "
        "each row's medians follows (every ratio still taken within its own round)",
    )
    parser.add_argument("--log-level", default="INFO", help="the server's BOXOFFICE_LOG_LEVEL")
    parser.add_argument("--revision", help="serve this git revision's src/ (e.g. a 'before')")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a setting of the servers, e.g. BOXOFFICE_SALE_BATCHES=1 (repeatable)",
    )
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("BOXOFFICE_BENCH_WRITE_POSTGRES_URL", DEFAULT_POSTGRES),
    )
    args = parser.parse_args()
    chosen = {r for r in args.rows.split(",") if r}
    args.rows = [r for r in ROWS if r in chosen] + sorted(chosen - set(ROWS))
    args.sizes = [int(s) for s in args.sizes.split(",")]
    args.connections = [int(c) for c in args.connections.split(",")]
    if bad := [s for s in args.set if not s.startswith("BOXOFFICE_") or "=" not in s]:
        parser.error(f"--set takes BOXOFFICE_NAME=VALUE, not {', '.join(bad)}")
    args.set = dict(s.split("=", 1) for s in args.set)
    if unknown := set(args.rows) - set(ROWS):
        parser.error(f"unknown rows: {', '.join(sorted(unknown))}")
    if not 1 <= args.rounds <= 10:
        parser.error("--rounds must be in [1, 10]")
    if not 0 < args.seconds <= 120 or not 0 <= args.warmup <= 30:
        parser.error("--seconds must be in (0, 120] and --warmup in [0, 30]")
    if any(not 1 <= c <= 1024 for c in args.connections) or min(args.sizes) < SPREAD:
        parser.error(f"--connections in [1, 1024]; --sizes at least {SPREAD}")
    if "@127.0.0.1" not in args.postgres_url:
        parser.error("--postgres-url must point at 127.0.0.1")
    return args


@contextmanager
def revision_source(revision: str | None) -> Iterator[dict[str, str]]:
    """PYTHONPATH for the server: that revision's package, src/ as boxoffice/ and its
    migrations/ inside (found before the editable install's)."""
    if revision is None:
        yield {}
        return
    with tempfile.TemporaryDirectory(prefix="perf-src-") as folder:
        archive = subprocess.run(
            ["git", "archive", revision, "src", "migrations"],
            cwd=HERE.parent,
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        package = Path(folder) / "boxoffice"
        (Path(folder) / "src").rename(package)
        (Path(folder) / "migrations").rename(package / "migrations")
        yield {"PYTHONPATH": folder}


@contextmanager
def ceiling_server(workdir: Path) -> Iterator[str]:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "asgi",
        "--factory",
        "--host",
        HOST,
        "--port",
        str(port),
        "--workers",
        "2",
        "--no-ws",
        "--log-level",
        "warning",
        "ceiling:create_app",
    ]
    with (workdir / "ceiling.log").open("ab") as log:
        process = subprocess.Popen(
            command, cwd=HERE, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    url = f"http://{HOST}:{port}"
    try:
        _wait(url + "/items")
        yield url
    finally:
        os.killpg(process.pid, 15)
        process.wait(15)


def _wait(url: str) -> None:
    import time

    import httpx

    for _ in range(300):
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer")


class Run:
    """One run: every round's rows, as table lines."""

    def __init__(self, args: argparse.Namespace, workdir: Path) -> None:
        self.args = args
        self.workdir = workdir
        self.lines: list[str] = []
        # (database, events, connections) and row -> each round's figures and ratios
        self.rounds: dict[tuple[str, str], list[Measured]] = {}

    def measure(self, load: Callable[..., Figures], **arguments: Any) -> Figures:
        """A warm-up run, thrown away, then the measured one."""
        if self.args.warmup:
            load(**arguments, seconds=self.args.warmup)
        return load(**arguments, seconds=self.args.seconds)

    def row(
        self,
        where: str,
        name: str,
        figures: Figures,
        ceiling: Figures | None,
        extra: str = "",
        correctness: str = "",
        place: str = "",
        to_pgbench: dict[str, float] | None = None,
    ) -> None:
        def ms(value: float | None) -> str:
            return "-" if value is None else f"{value:.1f}"

        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(figures.statuses.items()))
        if figures.socket_errors:
            statuses += f", socket errors: {figures.socket_errors}"
        ratio = f"{figures.per_second / ceiling.per_second:.3f}" if ceiling else "-"
        cpu = "-" if figures.cpu_ms is None else f"{figures.cpu_ms:.2f}"
        rss = "-" if figures.rss_mb is None else f"{figures.rss_mb:.0f}"
        line = (
            f"| {where} | {ROWS.get(name, ('', name))[1]} | {figures.per_second:,.0f} | "
            f"{ms(figures.p50_ms)} / {ms(figures.p95_ms)} / {ms(figures.p99_ms)} | "
            f"{statuses} | {cpu} | {rss} | {ratio} | {extra or '-'} | {correctness or '-'} |"
        )
        print(line, flush=True)
        self.lines.append(line)
        if place:
            measured = Measured(
                figures.per_second,
                figures.per_second / ceiling.per_second if ceiling else None,
                to_pgbench or {},
                figures.cpu_ms,
                figures.p99_ms,
            )
            self.rounds.setdefault((place, name), []).append(measured)

    def medians(self) -> list[str]:
        """One line per row: the median of its rounds' figures and ratios."""
        lines = [MEDIANS_HEADER]
        for (place, name), rounds in self.rounds.items():
            pgbench = " / ".join(
                f"{median_of([r.to_pgbench.get(n) for r in rounds], '.2f')} ({n})"
                for n in rounds[0].to_pgbench
            )
            lines.append(
                f"| {place} | {ROWS.get(name, ('', name))[1]} | {len(rounds)} | "
                f"{median_of([r.per_second for r in rounds], ',.0f')} | "
                f"{median_of([r.p99_ms for r in rounds], '.1f')} | "
                f"{median_of([r.cpu_ms for r in rounds], '.2f')} | "
                f"{median_of([r.to_ceiling for r in rounds], '.3f')} | {pgbench or '-'} |"
            )
        return lines


def median_of(values: list[float | None], form: str) -> str:
    known = [v for v in values if v is not None]
    return format(statistics.median(known), form) if known else "-"


@dataclass(frozen=True)
class Measured:
    per_second: float
    to_ceiling: float | None
    to_pgbench: dict[str, float]
    cpu_ms: float | None
    p99_ms: float | None


MEDIANS_HEADER = (
    "| database, events, connections | workload | rounds | per s | p99 ms | server CPU ms/req | "
    "ratio to ceiling | ratio to pgbench |\n|---|---|---|---|---|---|---|---|"
)


HEADER = (
    "| database, events, connections, load before | workload | per s | p50 / p95 / p99 ms | "
    "statuses | server CPU ms/req | RSS MB (largest process) | ratio to ceiling | "
    "ratio to pgbench | SQL check |\n|---|---|---|---|---|---|---|---|---|---|"
)


def round_of(
    run: Run,
    server: Server,
    ceiling: str,
    database: str,
    size: int,
    first: bool,
    catalogue: Catalogue,
    url: str,
) -> None:
    args, workdir = run.args, run.workdir
    group = server.group
    base = server.url
    tokens = write_lines(workdir / "tokens.txt", catalogue.tokens)
    hot = write_lines(workdir / "hot.txt", [str(HOT)])
    spread = write_lines(workdir / "spread.txt", [str(i) for i in catalogue.event_ids[:SPREAD]])
    details = write_lines(
        workdir / "details.txt", [f"/events/{i}" for i in catalogue.event_ids[:SPREAD]]
    )
    dsn = url.replace("postgresql+psycopg://", "postgresql://", 1)
    for conns in args.connections:
        load = os.getloadavg()[0]
        place = f"{database}, {size:,}, {conns}"
        where = f"{place}, {load:.1f}"
        ceil = run.measure(
            wrk, url=ceiling + "/items", script="get.lua", connections=conns, group=None
        )
        run.row(where, "ceiling: 20 items, Litestar + granian", ceil, None, place=place)
        limits: dict[str, Figures] = {}
        for name in args.rows:
            if ROWS[name][0] != database or (name not in SWEPT and not first):
                continue
            if name.startswith("pgbench"):
                clients = min(conns, args.pgbench_max_clients)
                mode = {"spread": str(SPREAD)} if "spread" in name else {"spread": "1"}
                variables = {"event": str(HOT), "user": str(catalogue.buyer)} | mode
                script = "one_statement.sql" if name.endswith("cte") else "three_statements.sql"
                got = run.measure(
                    pgbench, dsn=dsn, script=script, clients=clients, variables=variables
                )
                limits[name] = got
                run.row(
                    where.replace(f", {conns},", f", {clients},"),
                    name,
                    got,
                    None,
                    correctness=check(url),
                    place=f"{database}, {size:,}, {clients}",
                )
                continue
            env = {}
            if name.startswith("booking"):
                env = {
                    "PERF_TOKENS": str(tokens),
                    "PERF_EVENTS": str(hot if "hot" in name else spread),
                }
                target, script = base + "/bookings", "book.lua"
            elif name == "save-spread":
                env = {"PERF_TOKENS": str(tokens), "PERF_EVENTS": str(spread)}
                target, script = base + "/", "save.lua"
            elif name == "detail":
                env, target, script = {"PERF_PATHS": str(details)}, base + "/", "get.lua"
            elif name == "list-signed-in":
                env, target = {"PERF_TOKENS": str(tokens)}, base + "/events?size=20"
                script = "get.lua"
            else:
                target, script = base + "/events?size=20", "get.lua"
            got = run.measure(
                wrk, url=target, script=script, connections=conns, group=group, env=env
            )
            extra, correctness, to_pgbench = "", "", {}
            if name.startswith("booking"):
                kind = "hot" if "hot" in name else "spread"
                to_pgbench = {
                    n.split("-")[-1]: got.per_second / f.per_second
                    for n, f in limits.items()
                    if kind in n and f.per_second
                }
                extra = " / ".join(f"{r:.2f} ({n})" for n, r in to_pgbench.items())
                correctness = check(url)
            run.row(where, name, got, ceil, extra, correctness, place, to_pgbench)


def main() -> None:
    args = parse_args()
    started = datetime.now(UTC)
    print(
        f"# perf.py, {started:%Y-%m-%d %H:%M} UTC, {platform.node()}, {os.cpu_count()} cores, "
        f"load {os.getloadavg()}, rows {','.join(args.rows)}, {args.seconds:g} s per row"
        + (f", revision {args.revision}" if args.revision else "")
        + "".join(f", {name}={value}" for name, value in args.set.items()),
        flush=True,
    )
    print(HEADER, flush=True)
    databases = [d for d in ("postgres", "sqlite") if any(ROWS[r][0] == d for r in args.rows)]
    with (
        tempfile.TemporaryDirectory(prefix="perf-") as tmp,
        revision_source(args.revision) as pythonpath,
    ):
        workdir = Path(tmp)
        run = Run(args, workdir)
        with ceiling_server(workdir) as ceiling:
            for database in databases:
                swept = any(r in SWEPT and ROWS[r][0] == database for r in args.rows)
                for index, size in enumerate(args.sizes if swept else args.sizes[:1]):
                    url = (
                        args.postgres_url
                        if database == "postgres"
                        else f"sqlite+aiosqlite:///{workdir / 'bench.db'}"
                    )
                    if database == "sqlite":
                        (workdir / "bench.db").unlink(missing_ok=True)
                    env = environment(url, args.log_level) | pythonpath | args.set
                    prepare_database(env, workdir)
                    catalogue = seed(url, size, BUYERS, env["BOXOFFICE_JWT_SECRET"])
                    with running_server(env, workdir, 2) as server:
                        for _ in range(args.rounds):
                            round_of(
                                run, server, ceiling, database, size, index == 0, catalogue, url
                            )
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    out = results / f"perf-{started:%Y%m%dT%H%M%S}.md"
    report = [HEADER, *run.lines]
    if args.rounds > 1:
        medians = run.medians()
        print("\nMedians of the rounds:\n" + "\n".join(medians), flush=True)
        report += ["", "Medians of the rounds:", "", *medians]
    out.write_text("\n".join(report) + "\n")
    print(f"\nwritten to {out.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
