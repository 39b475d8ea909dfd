"""The notification service's answers carry the same security headers as the event service's."""

import pytest

from tests.e2e.notifications.service import Service


@pytest.mark.parametrize(
    ("path", "status"),
    [("/health", 200), ("/notifications", 401), ("/nowhere", 404), ("/schema/swagger", 200)],
)
def test_every_answer_carries_the_security_headers(
    service: Service, path: str, status: int
) -> None:
    answer = service.client.get(path)

    assert answer.status_code == status
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["referrer-policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]


def test_no_cors_header_by_default(service: Service) -> None:
    answer = service.client.get("/health", headers={"Origin": "https://app.boxoffice.test"})

    assert "access-control-allow-origin" not in answer.headers
