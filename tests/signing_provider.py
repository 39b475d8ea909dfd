"""A tiny OpenID provider for resource-server tests: the tests sign JWTs with their own RSA and
EC keys, and a real HTTP server on 127.0.0.1 publishes the discovery document and the JWKS."""

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import ec, rsa

ALGORITHM_KEYS = {"RS256": "rsa", "PS256": "rsa", "ES256": "ec"}


@dataclass
class SigningKey:
    kid: str
    private: Any
    algorithm: str = "RS256"

    @classmethod
    def new(cls, kid: str, algorithm: str = "RS256") -> "SigningKey":
        if ALGORITHM_KEYS[algorithm] == "ec":
            return cls(kid, ec.generate_private_key(ec.SECP256R1()), algorithm)
        return cls(kid, rsa.generate_private_key(public_exponent=65537, key_size=2048), algorithm)

    def public_jwk(self) -> dict[str, Any]:
        jwk: dict[str, Any] = json.loads(
            jwt.get_algorithm_by_name(self.algorithm).to_jwk(self.private.public_key())
        )
        return jwk | {"kid": self.kid, "use": "sig", "alg": self.algorithm}


@dataclass
class SigningProvider:
    """The keys it publishes can change while it runs (rotation); it counts JWKS fetches."""

    issuer: str = ""
    published: list[SigningKey] = field(default_factory=list)
    jwks_fetches: int = 0

    def sign(self, claims: dict[str, Any], key: SigningKey | None = None, **header: Any) -> str:
        key = key or self.published[0]
        return jwt.encode(
            claims, key.private, algorithm=key.algorithm, headers={"kid": key.kid} | header
        )

    def claims(self, audience: str, **overrides: Any) -> dict[str, Any]:
        now = int(time.time())
        values = {
            "iss": self.issuer,
            "aud": audience,
            "sub": "user-1",
            "iat": now,
            "exp": now + 300,
        }
        return values | overrides

    def documents(self) -> dict[str, dict[str, Any]]:
        return {
            "/.well-known/openid-configuration": {
                "issuer": self.issuer,
                "jwks_uri": f"{self.issuer}/jwks",
                "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token",
            },
            "/jwks": {"keys": [k.public_jwk() for k in self.published]},
        }


@contextmanager
def serving(provider: SigningProvider) -> Iterator[SigningProvider]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            document = provider.documents().get(self.path)
            if self.path == "/jwks":
                provider.jwks_fetches += 1
            body = json.dumps(document).encode()
            self.send_response(200 if document else 404)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    provider.issuer = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
