"""Load for bench/perf.py: wrk against HTTP, pgbench against PostgreSQL, and what the server's
processes spent meanwhile (CPU from /proc/<pid>/stat, RSS from /proc/<pid>/status)."""

import json
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
WRK_THREADS = 2


@dataclass
class Figures:
    per_second: float
    p50_ms: float | None = None
    p95_ms: float | None = None
    p99_ms: float | None = None
    statuses: dict[str, int] = field(default_factory=dict)
    socket_errors: int = 0
    requests: int = 0
    cpu_ms: float | None = None  # the server's CPU per request
    rss_mb: float | None = None  # the largest server process's RSS

    @property
    def non_2xx(self) -> int:
        return sum(n for s, n in self.statuses.items() if not s.startswith("2"))


def group_pids(group: int) -> list[int]:
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:
            pids.append(int(stat.parent.name))
    return pids


def cpu_seconds(group: int) -> float:
    total = 0
    for pid in group_pids(group):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def largest_rss_mb(group: int) -> float:
    largest = 0
    for pid in group_pids(group):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
        largest = max(largest, int(found.group(1)) if found else 0)
    return largest / 1024


def wrk(
    url: str,
    script: str,
    connections: int,
    seconds: float,
    group: int | None,
    env: dict[str, str] | None = None,
) -> Figures:
    """`connections` keep-alive connections for `seconds`; CPU and RSS of process `group`."""
    command = [
        "wrk",
        f"-t{min(WRK_THREADS, connections)}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(HERE / "wrk" / script),
        url,
    ]
    full_env = os.environ | {"PERF_LUA_DIR": str(HERE / "wrk")} | (env or {})
    before = cpu_seconds(group) if group else 0.0
    done = subprocess.run(
        command, env=full_env, capture_output=True, text=True, timeout=seconds + 60, check=True
    )
    spent = cpu_seconds(group) - before if group else 0.0
    line = next(x for x in done.stdout.splitlines() if x.startswith("PERF "))
    raw = json.loads(line.removeprefix("PERF "))
    answered = sum(raw["statuses"].values())
    return Figures(
        per_second=raw["requests"] / (raw["duration_us"] / 1e6),
        p50_ms=raw["p50"] / 1000,
        p95_ms=raw["p95"] / 1000,
        p99_ms=raw["p99"] / 1000,
        statuses=raw["statuses"],
        socket_errors=raw["socket_errors"],
        requests=raw["requests"],
        cpu_ms=1000 * spent / answered if group and answered else None,
        rss_mb=largest_rss_mb(group) if group else None,
    )


def pgbench(
    dsn: str, script: str, clients: int, seconds: float, variables: dict[str, str]
) -> Figures:
    """pgbench of one of bench/pgbench/*.sql, prepared statements, no vacuum first."""
    command = [
        "pgbench",
        "-n",
        "-M",
        "prepared",
        f"-c{clients}",
        f"-j{min(2, clients)}",
        f"-T{max(1, round(seconds))}",
        "-f",
        str(HERE / "pgbench" / script),
    ]
    for name, value in variables.items():
        command += ["-D", f"{name}={value}"]
    done = subprocess.run(
        [*command, dsn], capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    if done.returncode != 0:  # e.g. PostgreSQL's connections are taken by someone else
        reason = done.stderr.strip().splitlines()[-2:] or ["?"]
        return Figures(per_second=0.0, statuses={"pgbench failed: " + " ".join(reason): 1})
    tps = re.search(r"tps = ([\d.]+)", done.stdout)
    latency = re.search(r"latency average = ([\d.]+) ms", done.stdout)
    failed = re.search(r"number of failed transactions: (\d+)", done.stdout)
    processed = re.search(r"number of transactions actually processed: (\d+)", done.stdout)
    return Figures(
        per_second=float(tps.group(1)) if tps else 0.0,
        p50_ms=float(latency.group(1)) if latency else None,  # pgbench gives the mean only
        statuses={"failed": int(failed.group(1))} if failed and failed.group(1) != "0" else {},
        requests=int(processed.group(1)) if processed else 0,
    )
