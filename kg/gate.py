"""The front door of ``kg serve``: an HTTP server that checks each request before passing it
to the Oxigraph server behind it (on a loopback port of its own).

A web page the user visits can send requests to a server on their machine: a form posted to
``/update`` (cross-site request forgery), or, under a host name it re-points at 127.0.0.1, a
query whose answer it reads (DNS rebinding). So a request is refused unless

- its ``Host`` names the address the server listens on (or, on a loopback address, localhost);
- its ``Origin``, when a browser sends one, is the server's own;
- it only reads, or carries the token printed at start (``Authorization: Bearer TOKEN``);
- its query or update calls no other endpoint (``SERVICE``), unless that is allowed.

Requests and answers are streamed; a request body is capped at ``MAX_BODY``; at most
``MAX_CLIENTS`` requests are served at once (the rest wait for the listener's backlog).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import http.client
import ipaddress
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Protocol
from urllib.parse import parse_qs, urlsplit

from kg.errors import KgError
from kg.sparqlguard import SERVICE_ADVICE, calls_service

MAX_BODY = 64 * 1024 * 1024  # a query, an update or a graph sent with the Graph Store Protocol
# Bodies the SPARQL protocol runs as a query or an update ("" when the client names none).
SPARQL_BODIES = ("application/sparql-query", "application/sparql-update", "")
MAX_CLIENTS = 32
_CHUNK = 64 * 1024
# headers that belong to one connection, not to the request or answer passed on
_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer",
        "upgrade", "host", "authorization", "content-length", "expect"}
_READS = {"GET", "HEAD", "OPTIONS"}


@dataclass
class Policy:
    """What the gate lets through. ``token`` empty: nothing that writes. ``on_write`` is called
    once, before the first write is passed on."""

    hosts: frozenset[str]
    token: str = ""
    allow_service: bool = False
    on_write: Callable[[], None] | None = None
    _written: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def first_write(self) -> None:
        with self._lock:
            if not self._written and self.on_write is not None:
                self.on_write()
            self._written = True


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The ``Host`` values a request to ``host:port`` may carry: the address itself, and the
    loopback names when it is a loopback or wildcard address. Without a port, the default
    port 80 is meant."""
    names = {host}
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if host.lower() == "localhost" or (address is not None and (
            address.is_loopback or address.is_unspecified)):
        names |= {"localhost", "127.0.0.1", "::1"}
    shown = {f"[{n}]" if ":" in n else n for n in names}
    hosts = {f"{n}:{port}" for n in shown}
    if port == 80:
        hosts |= shown
    return frozenset(h.lower() for h in hosts)


def _carries(authorization: str, token: str) -> bool:
    """Whether an ``Authorization`` header carries ``token``: as a bearer token, or as the
    password of HTTP Basic authentication (any user; what ``--store URL`` clients send)."""
    if not token:
        return False
    scheme, _, value = authorization.strip().partition(" ")
    if scheme.lower() == "basic":
        try:
            value = base64.b64decode(value.strip(), validate=True).decode("utf-8").partition(
                ":")[2]
        except (binascii.Error, UnicodeDecodeError):
            return False
    elif scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(value.strip().encode("utf-8"), token.encode("utf-8"))


class Upstream(Protocol):
    """The server a gate passes requests to, on a loopback port; ``begin`` and ``end`` tell it
    when a request is in its hands (to stop one that outlives the time limit)."""

    port: int
    timeout: float

    def begin(self) -> object: ...
    def end(self, ticket: object) -> None: ...


class Gate(ThreadingHTTPServer):
    """Listens on ``address`` and passes what ``policy`` allows to ``upstream``."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], upstream: Upstream, policy: Policy) -> None:
        import socket

        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, _Handler)
        self.upstream = upstream
        self.policy = policy
        self.slots = threading.BoundedSemaphore(MAX_CLIENTS)

    def process_request(self, request: object, client_address: object) -> None:
        self.slots.acquire()  # bounded: one thread per request, MAX_CLIENTS at most
        try:
            super().process_request(request, client_address)  # type: ignore[arg-type]
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: object, client_address: object) -> None:
        try:
            super().process_request_thread(request, client_address)  # type: ignore[arg-type]
        finally:
            self.slots.release()

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that went away mid-answer: nothing to report


class _Handler(BaseHTTPRequestHandler):
    server: Gate
    server_version = "kg-serve"
    # HTTP/1.1 answers "100 Continue" to a client that waits for it (curl, for a large body);
    # every answer ends its connection ("Connection: close"), so no length is needed
    protocol_version = "HTTP/1.1"
    timeout = 60  # seconds a client may take to send its request

    def do_GET(self) -> None:
        self._pass()

    do_HEAD = do_POST = do_PUT = do_DELETE = do_OPTIONS = do_PATCH = do_GET

    def log_message(self, *args: object) -> None:
        pass

    def _refuse(self, status: int, message: str) -> None:
        body = (message + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _pass(self) -> None:
        policy = self.server.policy
        host = (self.headers.get("Host") or "").strip().lower()
        if host not in policy.hosts and not self._reached(host):
            return self._refuse(403, "forbidden: the Host header does not name this server")
        origin = self.headers.get("Origin")
        parts = urlsplit(origin.strip().lower()) if origin is not None else None
        if parts is not None and (parts.scheme != "http" or parts.netloc not in policy.hosts):
            return self._refuse(403, "forbidden: a cross-origin request")
        if (self.headers.get("Sec-Fetch-Site") or "").lower() == "cross-site":
            return self._refuse(403, "forbidden: a cross-site request")
        path = urlsplit(self.path).path
        writes = not (self.command in _READS or (self.command == "POST" and path == "/query"))
        if writes and not _carries(self.headers.get("Authorization") or "", policy.token):
            return self._refuse(403 if policy.token else 405,
                                "forbidden: updates need the token kg serve printed at start "
                                "(header 'Authorization: Bearer TOKEN')" if policy.token else
                                "updates are not allowed: the server is read-only")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            return self._refuse(400, "bad request: Content-Length is not a number")
        if self.headers.get("Transfer-Encoding"):
            return self._refuse(411, "a request body needs a Content-Length")
        if length < 0 or length > MAX_BODY:
            return self._refuse(413, f"request body larger than {MAX_BODY // 2**20} MB")
        body = self.rfile.read(length) if length else b""
        # every path: what Oxigraph routes as a query is its business, not the gate's guess
        if not policy.allow_service and any(calls_service(t) for t in self._sparql(body)):
            return self._refuse(403, f"forbidden: {SERVICE_ADVICE} (kg serve)")
        if writes:
            try:
                policy.first_write()
            except KgError as err:
                return self._refuse(500, f"not passed on: {err}")
        self._forward(body)

    def _reached(self, host: str) -> bool:
        """On a wildcard address (0.0.0.0, ::), the address this connection reached is the
        server's own too."""
        bound = self.server.server_address[0]
        if not ipaddress.ip_address(bound).is_unspecified:
            return False
        local = self.connection.getsockname()
        return host in allowed_hosts(local[0], local[1])

    def _sparql(self, body: bytes) -> list[str]:
        """The query or update texts of the request, wherever the protocol lets them be."""
        texts = [v for vs in parse_qs(urlsplit(self.path).query).values() for v in vs]
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        decoded = body.decode("utf-8", "replace") if kind in (
            "application/x-www-form-urlencoded", *SPARQL_BODIES) else ""
        if kind == "application/x-www-form-urlencoded":
            texts += [v for vs in parse_qs(decoded).values() for v in vs]
        elif body and kind in SPARQL_BODIES:  # not a data upload of the graph store protocol
            texts.append(decoded)
        return texts

    def _forward(self, body: bytes) -> None:
        upstream = self.server.upstream
        ticket = upstream.begin()
        try:
            self._exchange(upstream, body)
        finally:
            upstream.end(ticket)

    def _exchange(self, upstream: Upstream, body: bytes) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", upstream.port,
                                                timeout=upstream.timeout + 60)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP}
            headers["Host"] = f"127.0.0.1:{upstream.port}"
            if body or self.command in ("POST", "PUT"):
                headers["Content-Length"] = str(len(body))
            connection.request(self.command, self.path, body=body, headers=headers)
            answer = connection.getresponse()
        except OSError as err:
            connection.close()
            return self._refuse(504, f"the SPARQL server gave no answer ({err}); a query is "
                                     f"stopped after {upstream.timeout:g} s")
        try:
            self.send_response(answer.status, answer.reason)
            for key, value in answer.getheaders():
                if key.lower() not in _HOP or key.lower() == "content-length":
                    self.send_header(key, value)
            self.send_header("Connection", "close")
            self.end_headers()
            while chunk := answer.read(_CHUNK):
                self.wfile.write(chunk)
        except OSError:
            pass  # the client or the server went away mid-answer
        finally:
            connection.close()
