"""`make bench N=100000`: generate N agreements into the benchmark's own database, serve the portal
with gunicorn (2 workers, production settings) and measure every request of issue 6 over real
HTTP with concurrent clients, each next to its SQL floor. Writes bench/out/results.md.

    .venv/bin/python bench/run.py --agreements 100000 [--reuse] [--clients 8] [--rounds 3]

See bench/README.md for what each row measures.
"""

import argparse
import contextlib
import datetime
import json
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import database, report, scenarios  # noqa: E402
from bench.load import FloorClient, HTTPClient, fetch, run_rounds  # noqa: E402
from bench.server import Redis, Server, portal_environment  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def log(message: str) -> None:
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", flush=True)


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--agreements", type=int, default=100_000, help="how many agreements to generate")
    parser.add_argument("--reuse", action="store_true", help="keep portal_bench if it holds N agreements")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--rounds", type=int, default=3, help="measured rounds per request")
    parser.add_argument("--per-client", type=int, default=5, help="requests per client and round")
    parser.add_argument("--only", default="", help="comma-separated scenario keys to run (default: all)")
    parser.add_argument("--skip-streaming", action="store_true", help="leave out the export memory check")
    parser.add_argument("--drop", action="store_true", help="drop portal_bench when done")
    parser.add_argument(
        "--no-redis",
        action="store_true",
        help="cache and throttles in the database even if redis-server is installed",
    )
    parser.add_argument(
        "--no-page-cache",
        action="store_true",
        help="render every page (PAGE_CACHE_SECONDS=0): each request's own cost, not a kept page's",
    )
    return parser.parse_args()


def main():
    args = parse_args()
    OUT.mkdir(exist_ok=True)
    server_url = database.server_url()
    url = database.with_database(server_url, database.NAME)
    with contextlib.ExitStack() as stack:
        redis = None if args.no_redis else stack.enter_context(Redis())
        env = portal_environment(url, redis.url if redis else None)
        if args.no_page_cache:
            env["PAGE_CACHE_SECONDS"] = "0"
        cache = "Redis" if redis else "the database"
        cache += "; anonymous pages rendered every time" if args.no_page_cache else "; anonymous pages kept"
        measure(args, server_url, url, env, cache=cache)


def measure(args, server_url, url, env, cache):
    generated = None
    if args.reuse and database.exists(server_url) and database.agreement_count(url) == args.agreements:
        log(f"Reusing {database.NAME} with {args.agreements:,} agreements.")
        database.manage(env, "migrate", "--no-input", "-v", "0")  # the code may have moved on
    else:
        log(f"Creating {database.NAME} and generating {args.agreements:,} agreements.")
        database.recreate(server_url)
        generated = database.prepare(env, url, args.agreements)
    database.manage(env, "collectstatic", "--no-input", "-v", "0")

    params = scenarios.read_parameters(url)
    only = set(args.only.split(",")) - {""}
    chosen = [s for s in scenarios.build(params, args.clients) if not only or s.key in only]
    started_load = load_average()
    measured = []
    with Server(env) as server:
        log(f"gunicorn on port {server.port}, workers {server.worker_pids()}")
        for scenario in chosen:
            status, body = fetch(server.port, scenario.paths[0])
            if status != 200:
                raise SystemExit(f"{scenario.paths[0]} answered {status}: {body[:300]!r}")
            load_before = load_average()
            # Alone first: one client, so the latency is the time the request takes to serve.
            alone = run_rounds(
                lambda s=scenario: HTTPClient(server.port, s.paths),
                1,
                1,
                2 if scenario.kind == "export" else 10,
            )
            endpoint = run_rounds(
                lambda s=scenario: HTTPClient(server.port, s.paths),
                args.clients, scenario.rounds if scenario.kind == "export" else args.rounds,
                scenario.per_client if scenario.kind == "export" else args.per_client,
            )  # fmt: skip
            floor = run_rounds(
                lambda s=scenario: FloorClient(url, s.floor_sql, s.floor_params),
                args.clients, scenario.rounds if scenario.kind == "export" else args.rounds,
                scenario.per_client if scenario.kind == "export" else args.per_client,
            )  # fmt: skip
            row = report.Measured(scenario, endpoint, floor, alone)
            measured.append(row)
            errors = endpoint.errors[:2] + floor.errors[:2]
            log(
                f"{scenario.key:18} alone {report.ms(alone.median_ms):>6}"
                f" median {report.ms(endpoint.median_ms):>7}"
                f" p95 {report.ms(endpoint.p95_ms):>7}"
                f"  floor {report.ms(floor.median_ms):>6} / {report.ms(floor.p95_ms):>6}"
                f"  ×{row.ratio_median:.1f}  load {load_before} → {load_average()}"
                + (f"  ERRORS {errors}" if errors else "")
            )
        peak_memory = server.memory()

    stages = []
    if not args.skip_streaming:
        stages = streaming_check(env, params)

    ended_load = load_average()
    write_report(args, params, measured, peak_memory, stages, url, generated, started_load, ended_load, cache)
    if args.drop:
        database.drop(server_url)


def streaming_check(env: dict, params) -> list:
    """A fresh server: peak memory after small pages, then after 10,000-row and 50,000-row
    exports (two at once, so that each worker makes one of each)."""
    log(f"Streaming check: exports of {params.export_rows:,} and {params.big_export_rows:,} rows.")
    stages = []
    with Server(env) as server:
        run_rounds(lambda: HTTPClient(server.port, ["/ky/agreements/"]), 2, 1, 2, warmup=0)
        stages.append(("pages only", server.memory()))
        for label, after in (
            (f"{params.export_rows:,}-row exports", params.export_after),
            (f"{params.big_export_rows:,}-row exports", params.big_export_after),
        ):
            path = scenarios.export_path(after)
            timings = run_rounds(lambda p=path: HTTPClient(server.port, [p]), 2, 2, 1, warmup=0)
            if timings.errors:
                raise SystemExit(f"export failed: {timings.errors[:2]}")
            stages.append((label, server.memory()))
            log(f"  {label}: {report.ms(timings.median_ms)} ms median")
    return stages


def write_report(
    args, params, measured, peak_memory, stages, url, generated, started_load, ended_load, cache
):
    settings = database.server_settings(url)
    lines = [
        f"# Benchmark: {args.agreements:,} agreements",
        "",
        f"Run {datetime.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, PostgreSQL {settings['server_version']} (shared_buffers "
        f"{settings['shared_buffers']}, work_mem {settings['work_mem']}, random_page_cost "
        f"{settings['random_page_cost']}, jit {settings['jit']}; the portal's own connections run "
        f"with jit off, the floors with the server's setting).",
        f"gunicorn 2 sync workers, DEBUG off, cache and API throttles in {cache}. "
        f"Alone: one client, 10 requests. Then {args.clients} concurrent clients, {args.rounds} rounds "
        f"of {args.per_client} requests per client (the export: 2 rounds of 1), after one warm-up request "
        f"per client. Load average (1, 5, 15 min) at the start {started_load}, at the end {ended_load}.",
        "",
    ]
    if generated is not None:
        lines += [f"generate_data made the {args.agreements:,} agreements in {generated:.0f} s.", ""]
    lines += [report.table(measured), ""]
    errors = [(row.scenario.label, row.endpoint.errors + row.floor.errors) for row in measured]
    for label, errs in errors:
        if errs:
            lines.append(f"- errors in {label}: {errs[:3]}")
    lines += [
        "",
        "## Peak memory per worker (after all of the above)",
        "",
        report.memory_table(peak_memory),
        "",
    ]
    if stages:
        verdict = "streams: no worker's peak grew" if report.streams(stages) else "**grows with the rows**"
        lines += [
            "## Does the CSV export stream?",
            "",
            f"A fresh server; two exports at once of {params.export_rows:,} rows (signed on or after "
            f"{params.export_after}), twice, then of {params.big_export_rows:,} rows (on or after "
            f"{params.big_export_after}). Verdict: {verdict} (tolerance 16 MB).",
            "",
            report.streaming_table(stages),
            "",
        ]
    (OUT / "results.md").write_text("\n".join(lines))
    (OUT / "results.json").write_text(
        json.dumps(
            {
                "agreements": args.agreements,
                "load": [started_load, ended_load],
                "rows": [
                    {
                        "key": row.scenario.key,
                        "label": row.scenario.label,
                        "n": len(row.endpoint.seconds),
                        "alone_median_ms": row.alone.median_ms,
                        "median_ms": row.endpoint.median_ms,
                        "p95_ms": row.endpoint.p95_ms,
                        "per_second": row.endpoint.per_second,
                        "floor_median_ms": row.floor.median_ms,
                        "floor_p95_ms": row.floor.p95_ms,
                        "errors": row.endpoint.errors + row.floor.errors,
                    }
                    for row in measured
                ],
                "memory": peak_memory,
                "streaming": stages,
            },
            indent=1,
            default=str,
        )
    )
    print("\n".join(lines))
    log(f"Wrote {OUT / 'results.md'}")


if __name__ == "__main__":
    started = time.monotonic()
    main()
    log(f"Done in {time.monotonic() - started:.0f} s.")
