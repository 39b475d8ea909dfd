from tests.unit.bench.bench_modules import load

sockets_module = load("req004_sockets")

CREATED = ("e1", "created", "Load show 1")
UPDATED = ("e2", "updated", "Watched show, change 0")


def test_each_socket_counts_once_from_the_answer_and_repeats_are_counted_apart() -> None:
    sockets = sockets_module.Sockets()
    sockets.arrivals[CREATED] += [(0, 10.2), (1, 10.5), (0, 11.0)]  # socket 0 got it twice
    sockets.arrivals[UPDATED] += [(1, 19.9)]  # ahead of the HTTP answer
    sockets.arrivals[("other", "created", "x")] += [(0, 5.0)]  # not one the run made

    delays, repeats = sockets.delays_ms({CREATED: 10.0, UPDATED: 20.0})

    assert [round(d) for d in delays] == [200, 500, -100]
    assert repeats == 1


def test_a_notification_no_socket_received_has_no_delay() -> None:
    assert sockets_module.Sockets().delays_ms({CREATED: 1.0}) == ([], 0)
