"""Serve a service's metrics over HTTP (``prometheus_client``'s own server, in a thread) while its
FastStream app runs: started in the app's startup hook, stopped on shutdown."""

from prometheus_client import CollectorRegistry, start_http_server

__all__ = ["MetricsEndpoint"]


class MetricsEndpoint:
    """``GET http://<host>:<port>/metrics`` of ``registry``; port 0 or None: not served."""

    def __init__(self, registry: CollectorRegistry, host: str, port: int | None) -> None:
        self._registry = registry
        self._host = host
        self._port = port
        self._server = None

    @property
    def enabled(self) -> bool:
        return bool(self._port)

    def start(self) -> None:
        if self.enabled and self._server is None:
            self._server, _ = start_http_server(self._port, addr=self._host, registry=self._registry)

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
