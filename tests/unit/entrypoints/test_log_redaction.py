"""Whatever path text takes to a log line, secrets in it come out masked."""

import pytest

from boxoffice.entrypoints.log_redaction import MASK, Redactor, secrets_of
from boxoffice.entrypoints.settings import (
    BrokerSettings,
    DatabaseSettings,
    IdentitySettings,
    RedisSettings,
    Settings,
    StorageSettings,
    TicketmasterSettings,
)

JWT_SECRET = "kR7-vQ2pX9sLm4Tz8wYb3NcJ6hUe1Fd5"  # random-looking, as the settings demand

JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlLXBhcnQ"


@pytest.fixture
def redact() -> Redactor:
    return Redactor(["configured-secret-123"])


def test_a_configured_secret_is_masked_wherever_it_appears(redact: Redactor) -> None:
    assert redact("key:configured-secret-123;") == f"key:{MASK};"


def test_a_short_configured_value_is_not_masked_in_ordinary_words() -> None:
    assert Redactor(["admin"])("the admin logged in") == "the admin logged in"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "connect to postgresql+psycopg://app:s3cr3t@db:5432/box failed",
            f"connect to postgresql+psycopg://app:{MASK}@db:5432/box failed",
        ),
        ("redis://:hunter22@cache:6379/0", f"redis://:{MASK}@cache:6379/0"),
        ("GET /discovery?apikey=AbC123&size=5", f"GET /discovery?apikey={MASK}&size=5"),
        (
            "LoginIn(login='priya', password='p a s s')",
            f"LoginIn(login='priya', password='{MASK}')",
        ),
        ('{"login": "priya", "password": "x\\"y"}', f'{{"login": "priya", "password": "{MASK}"}}'),
        (
            "host=db user=app password=s3cr3t dbname=box",
            f"host=db user=app password={MASK} dbname=box",
        ),
        ("client_secret=abc&code=1", f"client_secret={MASK}&code=1"),
        ("Authorization: Bearer abc.def-ghi", f"Authorization: Bearer {MASK}"),
        ("sent bearer abcdefgh12345678", f"sent bearer {MASK}"),
        ("authorization=Basic dXNlcjpwYXNz", f"authorization={MASK}"),
        (f"token {JWT} refused", f"token {MASK} refused"),
        (f"cut at {JWT[:20]}", f"cut at {MASK}"),
        (
            "302 to http://minio:9000/b/k?X-Amz-Credential=AKIA1234%2F20261201%2Fus-east-1"
            "&X-Amz-Signature=0badc0ffee&X-Amz-Expires=300",
            f"302 to http://minio:9000/b/k?X-Amz-Credential={MASK}&X-Amz-Signature={MASK}"
            "&X-Amz-Expires=300",
        ),
        ("X-Amz-Security-Token=FwoGZXIvYXdz", f"X-Amz-Security-Token={MASK}"),
    ],
)
def test_text_shaped_like_a_secret_is_masked_and_the_rest_kept(
    redact: Redactor, text: str, expected: str
) -> None:
    assert redact(text) == expected


def test_text_without_secrets_is_left_as_it_is(redact: Redactor) -> None:
    text = "event created: Basic Workshop; the bearer of news; https://example.com/a@b"
    assert redact(text) == text


def test_the_secrets_of_the_settings_include_the_passwords_in_their_urls() -> None:
    settings = Settings(
        database=DatabaseSettings(url="postgresql+psycopg://app:db-password@db/box"),
        redis=RedisSettings(url="redis://:redis-password@cache:6379/0"),
        broker=BrokerSettings(url="amqp://guest:broker-password@mq:5672/"),
        identity=IdentitySettings(
            jwt_secret=JWT_SECRET,
            oidc_issuer="https://id.example.com",
            oidc_audience="boxoffice",
            oidc_client_id="boxoffice",
            oidc_client_secret="oidc-client-secret",
        ),
        ticketmaster=TicketmasterSettings(api_key="tm-api-key"),
        storage=StorageSettings(
            url="s3://boxoffice-attachments",
            s3_access_key_id="s3-access-key-id",
            s3_secret_access_key="s3-secret-access-key",
        ),
    )

    assert set(secrets_of(settings)) == {
        "db-password",
        "redis-password",
        "broker-password",
        JWT_SECRET,
        "tm-api-key",
        "oidc-client-secret",
        "s3-access-key-id",
        "s3-secret-access-key",
    }
