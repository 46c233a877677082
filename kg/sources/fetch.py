"""Fetching feeds and pages over HTTP, each URL at most once per build.

A build reads its inputs twice (a scan that computes document ids, then the parse), and a page
fetched twice could differ between the two. So what one build fetches, the body or the reason
it failed, is kept in ``ReadOptions.fetch_cache``: a folder ``kg.pipeline.build`` makes for the
build and deletes after it. Nothing is kept between builds: the next build fetches again, and
a failed page is tried again.
"""

from __future__ import annotations

import hashlib
import http.client
import ipaddress
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kg import __version__
from kg.errors import InputError
from kg.sources import ReadOptions, is_url

_MAX_BYTES = 20 * 1024 * 1024  # a page larger than this is no news article


class FetchError(InputError):
    """A URL could not be fetched: the message says which and why."""


@contextmanager
def build_cache(options: ReadOptions, fetches: bool = True) -> Iterator[ReadOptions]:
    """``options`` with a fetch cache for one build (a temporary folder, deleted after), when
    it ``fetches`` anything (a feed URL, ``--fetch``)."""
    if options.fetch_cache is not None or not fetches:
        yield options
        return
    import tempfile

    with tempfile.TemporaryDirectory(prefix="kg-fetched-") as folder:
        yield replace(options, fetch_cache=Path(folder))


def fetch(url: str, options: ReadOptions) -> bytes:
    """The body of ``url``; ``FetchError`` when it cannot be had within the timeout. Only
    http(s) URLs are fetched: a feed's link to ``file:///...`` reads nothing of this machine."""
    if not is_url(url):
        raise FetchError(f"{url}: not an http(s) URL; not fetched")
    cache = options.fetch_cache
    key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]
    if cache is not None:
        if (cache / f"{key}.body").exists():
            return (cache / f"{key}.body").read_bytes()
        if (cache / f"{key}.failed").exists():
            raise FetchError(json.loads((cache / f"{key}.failed").read_text("utf-8")))
    try:
        body = _get(url, options.fetch_timeout, options.fetch_public_only)
    except FetchError as err:
        if cache is not None:
            (cache / f"{key}.failed").write_text(json.dumps(str(err)), "utf-8")
        raise
    if cache is not None:
        tmp = cache / f"{key}.tmp"
        tmp.write_bytes(body)
        tmp.replace(cache / f"{key}.body")
    return body


def _get(url: str, timeout: float, public_only: bool = False) -> bytes:
    """The body of ``url`` within ``timeout`` seconds in all (a server that sends a byte now and
    then holds no fetch longer): the request runs in a thread of its own, which stops reading
    once the time is up."""
    done: list[bytes | FetchError] = []
    deadline = time.monotonic() + timeout
    worker = threading.Thread(target=lambda: done.append(
        _attempt(url, timeout, deadline, _PUBLIC if public_only else _OPENER)), daemon=True)
    worker.start()
    worker.join(timeout)
    if not done:
        raise FetchError(f"{url}: no answer within {timeout:g} s")
    if isinstance(done[0], FetchError):
        raise done[0]
    return done[0]


class _HttpOnly(urllib.request.HTTPRedirectHandler):
    """Redirects are followed to http(s) URLs only: never to ftp:// or file://."""

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str,
                         headers: Any, newurl: str) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, f"redirected to {newurl}, which is not "
                                         "an http(s) URL; not followed", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _PublicOnly:
    """Connects only to a public address: the address it reaches is the one checked, so a
    name that resolves differently the second time gains nothing."""

    sock: Any
    host: str

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        _check_public(self.sock.getpeername()[0], self.host)


class _PublicConnection(_PublicOnly, http.client.HTTPConnection):
    pass


class _PublicHTTPS(_PublicOnly, http.client.HTTPSConnection):
    pass


def _check_public(address: str, host: str) -> None:
    ip = ipaddress.ip_address(address.split("%")[0])
    if not ip.is_global or ip.is_multicast:  # private, loopback, shared (100.64/10), ...
        raise OSError(f"{host} is at {address}, not a public address "
                      "(--fetch-public-only)")


class _PublicHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(_PublicConnection, req)


class _PublicHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(_PublicHTTPS, req, context=self._context)  # type: ignore[attr-defined]


_OPENER = urllib.request.build_opener(_HttpOnly)
_PUBLIC = urllib.request.build_opener(_HttpOnly, _PublicHandler, _PublicHTTPSHandler)


def _attempt(url: str, timeout: float, deadline: float,
             opener: urllib.request.OpenerDirector) -> bytes | FetchError:
    request = urllib.request.Request(url, headers={"User-Agent": f"kg/{__version__}"})
    try:
        with opener.open(request, timeout=timeout) as response:
            chunks: list[bytes] = []
            size = 0
            while size <= _MAX_BYTES:
                if time.monotonic() > deadline:
                    return FetchError(f"{url}: no answer within {timeout:g} s")
                chunk = response.read1(64 * 1024)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
            body = b"".join(chunks)
    except urllib.error.HTTPError as err:
        err.close()  # the answer it holds
        return FetchError(f"{url}: HTTP {err.code} {err.reason}")
    except urllib.error.URLError as err:
        reason = err.reason
        if isinstance(reason, TimeoutError):
            return FetchError(f"{url}: no answer within {timeout:g} s")
        return FetchError(f"{url}: cannot connect "
                          f"({getattr(reason, 'strerror', None) or reason})")
    except TimeoutError:
        return FetchError(f"{url}: no answer within {timeout:g} s")
    except (OSError, ValueError, http.client.HTTPException) as err:  # a reset, a bad URL
        return FetchError(f"{url}: cannot fetch ({err})")
    if len(body) > _MAX_BYTES:
        return FetchError(f"{url}: larger than {_MAX_BYTES // (1024 * 1024)} MB; not read")
    return body
