"""How uvicorn serves the app in public: proxy headers and slow connections.

uvicorn honours ``X-Forwarded-For`` from loopback peers by default; the app decides whom it
trusts itself (:func:`api.web.ratelimit.client_key`, from the addresses the settings name), so
uvicorn's handling is switched off. uvicorn also never times out a connection that sends no
request or stops half-way through its headers (its keep-alive timer only runs between
requests), so every connection here must finish a request's headers within ``header_timeout``
seconds of opening or of starting the request, or it is closed.
"""

from __future__ import annotations

import asyncio
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


def header_timeout_protocol(seconds: float) -> type[HttpToolsProtocol]:
    """uvicorn's httptools protocol, closing connections slower than ``seconds`` to send
    their request headers."""

    class HeaderTimeoutProtocol(HttpToolsProtocol):
        _header_timer: asyncio.TimerHandle | None = None

        def _arm(self) -> None:
            if self._header_timer is None:
                self._header_timer = self.loop.call_later(seconds, self._expired)

        def _disarm(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def _expired(self) -> None:
            self._header_timer = None
            if not self.transport.is_closing():
                self.transport.close()

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def on_message_begin(self) -> None:
            super().on_message_begin()
            self._arm()

        def on_headers_complete(self) -> None:
            self._disarm()
            super().on_headers_complete()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

    return HeaderTimeoutProtocol


def uvicorn_config(app: Any, *, host: str, port: int, header_timeout: float) -> uvicorn.Config:
    """The server's uvicorn configuration (also used by the tests that serve on loopback)."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        http=header_timeout_protocol(header_timeout),
        proxy_headers=False,  # api.web.ratelimit.client_key decides, from the settings
        timeout_keep_alive=5,
    )
