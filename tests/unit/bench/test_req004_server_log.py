from pathlib import Path

from tests.unit.bench.bench_modules import load

setup = load("req004_setup")

BEFORE = b"2026-12-01 14:00:00.001 | INFO | request_id=a - POST /events 201 40.5ms\n"
AFTER = (
    b"2026-12-01 14:00:01.002 | INFO | request_id=b - GET /events 200 12.5ms\n"
    b"2026-12-01 14:00:01.003 | WARNING | the relay backs off for 0.5ms\n"
    b'{"text": "POST /bookings/5f1c/cancel 409 3ms", "level": "INFO"}\n'
)


def test_the_server_times_are_read_from_its_request_lines_after_the_offset(
    tmp_path: Path,
) -> None:
    log = tmp_path / "server.log"
    log.write_bytes(BEFORE + AFTER)

    assert setup.server_times_ms(log, offset=len(BEFORE)) == [12.5, 3.0]
    assert setup.server_times_ms(log, offset=0) == [40.5, 12.5, 3.0]
