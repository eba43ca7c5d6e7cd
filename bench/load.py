"""Concurrent clients and the statistics of what they measured.

Each client is a thread with its own connection (http.client over HTTP, psycopg for a floor),
so eight clients are eight requests in flight at once. A round starts all clients together and
each makes a fixed number of requests; the latency of every request is kept.
"""

import http.client
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import psycopg


@dataclass
class Timings:
    seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    bytes: int = 0
    wall: float = 0.0  # seconds the counted rounds took, for the throughput

    @property
    def per_second(self) -> float:
        return len(self.seconds) / self.wall if self.wall else float("nan")

    @property
    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000 if self.seconds else float("nan")

    @property
    def p95_ms(self) -> float:
        return percentile(self.seconds, 95) * 1000 if self.seconds else float("nan")


def percentile(values: list[float], pct: float) -> float:
    """The nearest-rank percentile: the smallest value with at least pct % of values at or below it."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]


def run_rounds(
    make_worker: Callable[[], Callable[[int], int]],
    clients: int,
    rounds: int,
    per_client: int,
    warmup: int = 1,
) -> Timings:
    """`make_worker()` gives one client's callable, which makes request number i and returns the
    bytes it received (or raises). Warm-up requests (one per client) are not counted."""
    timings = Timings()
    lock = threading.Lock()
    workers = [make_worker() for _ in range(clients)]

    def client(worker, index: int, count: int, counted: bool, barrier: threading.Barrier):
        barrier.wait()
        for i in range(count):
            started = time.perf_counter()
            try:
                size = worker(index * 1000 + i)
            except Exception as error:  # noqa: BLE001 (every failure is reported in the table)
                with lock:
                    timings.errors.append(f"{type(error).__name__}: {error}"[:200])
                continue
            elapsed = time.perf_counter() - started
            if counted:
                with lock:
                    timings.seconds.append(elapsed)
                    timings.bytes += size

    for round_number in range(warmup + rounds):
        counted = round_number >= warmup
        count = per_client if counted else 1
        barrier = threading.Barrier(clients)
        threads = [
            threading.Thread(
                target=client, args=(worker, n + round_number * clients, count, counted, barrier)
            )
            for n, worker in enumerate(workers)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if counted:
            timings.wall += time.perf_counter() - started
    for worker in workers:
        close = getattr(worker, "close", None)
        if close:
            close()
    return timings


class HTTPClient:
    """One client's keep-alive connection (gunicorn's sync workers close it after each answer;
    http.client then opens a new one, as a browser would)."""

    def __init__(self, port: int, paths: list[str], timeout: float = 600):
        self.port = port
        self.paths = paths
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def __call__(self, i: int) -> int:
        path = self.paths[i % len(self.paths)]
        self.conn.request("GET", path, headers={"Accept-Encoding": "identity"})
        response = self.conn.getresponse()
        size = 0
        while chunk := response.read(65536):
            size += len(chunk)
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}")
        if response.will_close:
            self.conn.close()
        return size

    def close(self):
        self.conn.close()


class FloorClient:
    """One client's own database connection, running the floor query with rotating parameters."""

    def __init__(self, url: str, query: str, params: list[dict]):
        self.conn = psycopg.connect(url, autocommit=True)
        self.query = query
        self.params = params

    def __call__(self, i: int) -> int:
        row = self.conn.execute(self.query, self.params[i % len(self.params)]).fetchone()
        if row is None or row[0] is None:
            raise RuntimeError("the floor query found nothing")
        return len(row[0].encode())

    def close(self):
        self.conn.close()


def fetch(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()
