"""Where a bucket is, apart from the client that reaches it: the settings name it whether or
not S3 is used, and boto3 (tens of MB in every process) is imported only when it is."""

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class S3Location:
    bucket: str
    endpoint_url: str | None = None  # None: AWS itself
    region: str | None = None
    access_key_id: str | None = field(default=None, repr=False)
    secret_access_key: str | None = field(default=None, repr=False)
    # Where browsers reach the store, when not where the service does (a container network)
    public_endpoint_url: str | None = None
    url_seconds: int = 300
    timeout_seconds: float = 10.0
