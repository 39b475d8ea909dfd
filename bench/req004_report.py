"""The markdown report of bench/req004.py."""

import math
from dataclasses import dataclass, field

from openloop import Pacing, Route, percentile
from req004_mix import CREATE


@dataclass
class Figures:
    """What the run measured, besides the routes."""

    header: str
    seconds: float  # the measured window
    rate: float  # user requests a second scheduled
    users: int
    creations_per_minute: float
    pacing: Pacing  # of the user requests, whole run
    sockets_wanted: int
    sockets_at_start: int
    sockets_at_end: int
    sockets_failed: int
    delays_ms: list[float]  # API answer to socket, each first delivery to a socket
    repeated_deliveries: int  # a notification a socket had already received
    close_codes: str  # of the sockets the server closed, e.g. "4408: 3"
    deliveries_expected: int
    checks: list[tuple[str, bool]]  # after the run, in SQL
    server_times_ms: list[float] = field(default_factory=list)  # from the server's log


def _ms(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.0f}"


def _errors(route: Route) -> str:
    errors = route.errors
    return ", ".join(f"{s or 'no answer'}: {n}" for s, n in sorted(errors.items())) or "0"


def route_table(routes: dict[str, Route], seconds: float) -> list[str]:
    lines = [
        "| route | answered | /s | right answers | p50 ms | p95 ms | p99 ms | max ms | errors |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    everything = Route(frozenset())
    for name, route in routes.items():
        everything.latencies += route.latencies
        right = ", ".join(f"{s}: {route.statuses[s]}" for s in sorted(route.expected))
        cells = [name, f"{route.answered:,}", f"{route.answered / seconds:.1f}", right]
        cells += [_ms(route.percentile_ms(p)) for p in (50, 95, 99, 100)]
        lines.append("| " + " | ".join([*cells, _errors(route)]) + " |")
        everything.statuses.update(route.statuses)
    total = [f"{everything.answered:,}", f"{everything.answered / seconds:.1f}", ""]
    total += [_ms(everything.percentile_ms(p)) for p in (50, 95, 99, 100)]
    errors = sum(r.answered - len(r.latencies) for r in routes.values())
    lines.append("| **all** | " + " | ".join([*total, str(errors)]) + " |")
    return lines


def requirement_table(routes: dict[str, Route], f: Figures) -> list[str]:
    # A wrong answer or none is not a response within 300 ms: all of them count.
    p95 = 1000 * percentile([x for r in routes.values() for x in r.every_latency], 95)
    right = sum(len(r.latencies) for name, r in routes.items() if "(admin)" not in name)
    creations = routes[CREATE]
    created = creations.statuses[201]
    delivered = len(f.delays_ms)
    worst = max(f.delays_ms, default=math.nan)
    rows = [
        ("concurrent users", f"{f.users:,}", f"{f.users:,} sessions, each its own token", True),
        (
            "request rate",
            f"{f.rate:g}/s",
            f"{right / f.seconds:.1f}/s answered rightly ({f.pacing.sent:,} of "
            f"{f.pacing.due:,} sent on schedule)",
            right / f.seconds >= 0.98 * f.rate,
        ),
        (
            "event creations",
            f"{f.creations_per_minute:g}/min",
            f"{created / f.seconds * 60:.1f}/min: {created} of {creations.answered} created (201)",
            0 < created == creations.answered,
        ),
        (
            "p95 response time",
            "< 300 ms",
            f"{p95:.0f} ms (every request of every route, errors and timeouts included)",
            p95 < 300,
        ),
        (
            "WebSocket connections",
            f"{f.sockets_wanted}",
            f"{f.sockets_at_start} open at start, {f.sockets_at_end} at end",
            f.sockets_at_start == f.sockets_at_end == f.sockets_wanted,
        ),
        (
            "delivery within 1 s",
            "< 1,000 ms",
            f"max {_ms(worst)} ms, {delivered:,} of {f.deliveries_expected:,} delivered, "
            f"{f.repeated_deliveries} twice",
            worst < 1000 and delivered == f.deliveries_expected and not f.repeated_deliveries,
        ),
    ]
    lines = ["| requirement 004 | asked | measured | |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {'pass' if ok else 'FAIL'} |" for a, b, c, ok in rows]
    return lines


def report(routes: dict[str, Route], f: Figures) -> str:
    lags = f.pacing.lags
    d = f.delays_ms
    lines = [f.header, "", *requirement_table(routes, f), "", *route_table(routes, f.seconds)]
    lines += [
        "",
        "Per route, the percentiles are of the right answers, from when each request was due; "
        "the p95 of the requirement's table is of every request.",
        "",
    ]
    lines.append(
        f"Schedule: {f.pacing.sent:,} of {f.pacing.due:,} user requests sent, late by p99 "
        f"{1000 * percentile(lags, 99):.1f} ms, max {1000 * max(lags, default=0):.1f} ms; at "
        f"most {f.pacing.most_in_flight} in flight."
    )
    lines.append(
        f"Deliveries: {len(d):,} of {f.deliveries_expected:,} expected, "
        f"{f.repeated_deliveries} repeated; from the API's answer to "
        f"the socket p50 {_ms(percentile(d, 50))}, p95 {_ms(percentile(d, 95))}, p99 "
        f"{_ms(percentile(d, 99))}, max {_ms(max(d, default=math.nan))} ms. Sockets: "
        f"{f.sockets_at_start} of {f.sockets_wanted} open at start, {f.sockets_at_end} at end, "
        f"{f.sockets_failed} failed (closed by the server with codes: {f.close_codes})."
    )
    own = f.server_times_ms
    if own:
        lines.append(
            f"The event service logged {len(own):,} answers from the load's start until it "
            f"stopped; its own time per request (from its log: the time in the application, "
            f"not the wait before it) p50 {percentile(own, 50):.0f}, p95 "
            f"{percentile(own, 95):.0f}, max {max(own):.0f} ms."
        )
    lines += ["", "Checked in SQL afterwards:", ""]
    lines += [f"- {'pass' if ok else 'FAIL'}: {text}" for text, ok in f.checks]
    return "\n".join(lines)
