"""Shared fixtures. Qt (used by tests/desktop) must run offscreen on machines with no display."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import socket  # noqa: E402

import pytest  # noqa: E402


class NetworkAttempt(AssertionError):
    """Raised when tested code tries to reach the network: the tool must work offline."""


@pytest.fixture(autouse=True)
def offline(request, monkeypatch):
    """Every test runs with the network closed: a connection attempt (TCP, UDP, a DNS lookup) fails
    the test. Local IPC (Unix sockets) stays open. Only a test marked cluster (a Dask cluster, which
    the user asks for with --scheduler and which is networked by design) may use the network."""
    if request.node.get_closest_marker("cluster") is not None:
        yield []
        return
    attempts = []

    def allowed(sock, address) -> bool:
        return sock.family == getattr(socket, "AF_UNIX", None)

    def guard(name, real):
        def wrapper(sock, address, *rest):
            if not allowed(sock, address):
                attempts.append(address)
                raise NetworkAttempt(f"network {name} to {address!r} attempted by code under test")
            return real(sock, address, *rest)
        return wrapper

    for name in ("connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, name, guard(name, getattr(socket.socket, name)))
    real_sendto = socket.socket.sendto

    def sendto(sock, data, *rest):
        address = rest[-1]
        if not allowed(sock, address):
            attempts.append(address)
            raise NetworkAttempt(f"network send to {address!r} attempted by code under test")
        return real_sendto(sock, data, *rest)

    monkeypatch.setattr(socket.socket, "sendto", sendto)
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if host not in (None, ""):
            attempts.append(host)
            raise NetworkAttempt(f"name lookup of {host!r} attempted by code under test")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield attempts
    assert not attempts, f"the code under test tried to reach the network: {attempts}"


@pytest.fixture(scope="session")
def home(tmp_path_factory):
    """A private data folder for the whole session (models, registry, review store)."""
    path = tmp_path_factory.mktemp("thb-home")
    previous = os.environ.get("THB_REVIEW_HOME")
    os.environ["THB_REVIEW_HOME"] = str(path)
    yield path
    if previous is None:
        os.environ.pop("THB_REVIEW_HOME", None)
    else:
        os.environ["THB_REVIEW_HOME"] = previous


@pytest.fixture(scope="session")
def engine(home):
    """The engine with a model trained once from the bundled corpus."""
    from classifier.engine import load_engine

    return load_engine()
