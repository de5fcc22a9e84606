"""A push service on this machine for the tests: it records what it is sent, answers with the
status a test sets per path, and checks what a real one checks (the VAPID signature); a fake
browser subscription decrypts the message, as the browser would."""

import base64
import json
import os
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def from_b64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Received:
    path: str
    headers: dict[str, str]  # names in lower case
    body: bytes


@dataclass
class PushService:
    answers: dict[str, int] = field(default_factory=dict)  # path: status (201 otherwise)
    received: list[Received] = field(default_factory=list)
    delay: float = 0.0  # seconds before each answer

    def start(self):
        service = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):  # noqa: N802 - the http.server name
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                headers = {name.lower(): value for name, value in self.headers.items()}
                service.received.append(Received(self.path, headers, body))
                time.sleep(service.delay)
                status = service.answers.get(self.path, 201)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@dataclass
class Browser:
    """A browser's side of a push subscription: its key pair and auth secret."""

    endpoint: str
    key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    secret: bytes = field(default_factory=lambda: os.urandom(16))

    def subscription(self) -> dict:
        public = self.key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return {
            "endpoint": self.endpoint,
            "keys": {"p256dh": b64url(public), "auth": b64url(self.secret)},
        }

    def read(self, body: bytes) -> dict:
        plain = http_ece.decrypt(
            body, private_key=self.key, auth_secret=self.secret, version="aes128gcm"
        )
        return json.loads(plain)


def subscribed(user, endpoint) -> Browser:
    """A browser that turned push on for `user`, its subscription saved as the page saves it."""
    from recovery.models import PushSubscription

    browser = Browser(endpoint)
    keys = browser.subscription()["keys"]
    PushSubscription.objects.create(
        user=user, endpoint=endpoint, p256dh=keys["p256dh"], auth=keys["auth"]
    )
    return browser


def vapid_claims(authorization: str, public_key: str, audience: str) -> dict:
    """The claims of a 'vapid t=<jwt>,k=<key>' header, once its ES256 signature is checked
    against the app's public key; AssertionError for anything a push service would refuse."""
    scheme, _, params = authorization.partition(" ")
    assert scheme == "vapid"
    parts = dict(part.strip().split("=", 1) for part in params.split(","))
    assert from_b64url(parts["k"]) == from_b64url(public_key)
    header, claims, signature = parts["t"].split(".")
    assert json.loads(from_b64url(header))["alg"] == "ES256"
    raw = from_b64url(signature)
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    point = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), from_b64url(parts["k"]))
    point.verify(der, f"{header}.{claims}".encode(), ec.ECDSA(hashes.SHA256()))  # or raises
    found = json.loads(from_b64url(claims))
    assert found["aud"] == audience
    assert time.time() < found["exp"] <= time.time() + 24 * 3600 + 60
    assert found["sub"].startswith(("mailto:", "https:"))
    return found
