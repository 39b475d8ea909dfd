"""Service markers tell the truth: a test that asks for a service without its marker fails,
and fixtures and parameters that mean a service mark the test themselves."""

import pytest

from tests.conftest import must_be_marked


def test_a_service_asked_for_without_its_marker_fails_the_test() -> None:
    with pytest.raises(pytest.fail.Exception, match=r"uses Redis: mark it @pytest.mark.redis"):
        must_be_marked("redis", "Redis")


@pytest.mark.redis
def test_a_service_asked_for_with_its_marker_is_allowed(request: pytest.FixtureRequest) -> None:
    must_be_marked("redis", "Redis")

    assert request.node.get_closest_marker("redis") is not None


@pytest.mark.parametrize("kind", ["memory", "postgres", "rabbitmq"])
def test_a_parameter_naming_a_service_marks_the_test(
    request: pytest.FixtureRequest, kind: str
) -> None:
    marked = {m.name for m in request.node.iter_markers()} & {"postgres", "redis", "rabbitmq"}

    assert marked == ({kind} - {"memory"})
