import asyncio
import itertools
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.bench.bench_modules import load

openloop = load("openloop")


def test_requests_are_due_evenly_from_the_start_and_none_at_the_end() -> None:
    due = openloop.due_times(rate=4, seconds=2, start=10.0)

    assert due == [10.0, 10.25, 10.5, 10.75, 11.0, 11.25, 11.5, 11.75]


@settings(deadline=None)  # timings are noisy on a shared machine
@given(
    rate=st.floats(min_value=0.1, max_value=500, allow_nan=False),
    seconds=st.floats(min_value=0.1, max_value=120, allow_nan=False),
)
def test_a_schedule_holds_rate_times_seconds_requests_inside_its_window(
    rate: float, seconds: float
) -> None:
    due = openloop.due_times(rate, seconds, start=5.0)

    assert len(due) == math.ceil(rate * seconds - 1e-9)
    assert due[0] == 5.0
    assert all(5.0 <= at < 5.0 + seconds + 1e-9 for at in due)
    assert all(math.isclose(b - a, 1 / rate) for a, b in itertools.pairwise(due))


def test_nothing_is_due_at_no_rate_or_for_no_time() -> None:
    assert openloop.due_times(0, 10) == []
    assert openloop.due_times(10, 0) == []


def test_the_nearest_rank_percentile_of_one_to_a_hundred_is_the_rank_itself() -> None:
    values = list(range(100, 0, -1))  # order does not matter

    assert [openloop.percentile(values, p) for p in (1, 50, 95, 99, 100)] == [1, 50, 95, 99, 100]
    assert openloop.percentile([1, 2, 3, 4], 50) == 2
    assert openloop.percentile([7.5], 99) == 7.5
    assert math.isnan(openloop.percentile([], 95))


@settings(deadline=None)
@given(
    values=st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=200),
    p=st.floats(min_value=0.01, max_value=100),
)
def test_a_percentile_is_the_smallest_value_with_p_percent_at_or_below_it(
    values: list[int], p: float
) -> None:
    result = openloop.percentile(values, p)

    assert result in values
    assert sum(v <= result for v in values) >= p / 100 * len(values)
    assert sum(v < result for v in values) < p / 100 * len(values)


def test_a_route_counts_every_status_and_times_only_the_right_answers() -> None:
    route = openloop.Route(frozenset({201, 409}))
    for status, latency in [(201, 0.1), (409, 0.2), (500, 9.0), (openloop.NO_ANSWER, 10.0)]:
        route.record(status, latency)

    assert route.answered == 4
    assert route.latencies == [0.1, 0.2]
    assert dict(route.errors) == {500: 1, openloop.NO_ANSWER: 1}
    assert route.percentile_ms(100) == 200.0


async def test_each_request_is_sent_on_schedule_without_waiting_for_earlier_answers() -> None:
    """Every request blocks until all ten have been sent: a closed loop would never get there."""
    all_sent = asyncio.Event()
    started: list[tuple[int, float]] = []

    async def fire(k: int, due: float) -> None:
        started.append((k, due))
        if len(started) == 10:
            all_sent.set()
        await all_sent.wait()

    loop_clock = asyncio.get_running_loop().time
    due = openloop.due_times(rate=1000, seconds=0.01, start=loop_clock())
    pacing = openloop.Pacing()

    await asyncio.wait_for(openloop.run_schedule(due, fire, pacing, clock=loop_clock), 30)

    assert started == list(enumerate(due))  # each gets its own due time, in order
    assert (pacing.due, pacing.sent, pacing.most_in_flight, pacing.in_flight) == (10, 10, 10, 0)
    assert len(pacing.lags) == 10
    assert all(lag >= 0 for lag in pacing.lags)
