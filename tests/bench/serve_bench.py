#!/usr/bin/env python3
"""serve_bench.py BUILD_DIR [FILE] [--requests 200] [--clients 4] [--jobs N]

Benchmark of `amcread serve` against `amcread read` on the same file
(default samples/sample-000.png), measured in interleaved rounds of 20
requests (a shared machine's load then weighs on both alike), printing:
  - the CLI's reading time: median of runs one at a time, and median per run
    when CLIENTS runs go at once (the same load as the HTTP clients);
  - REQUESTS reads over HTTP from CLIENTS concurrent clients: how many were
    answered correctly (200 and the same AMC number as the CLI), the median
    and 90th percentile latency, and the ratios to the CLI times;
  - one client alone: median latency (service time without queueing);
  - the service's resident memory (VmRSS) after 20 requests and after all,
    both taken at rest (every answer received).
The service and the CLI runs are local processes; every request goes to
127.0.0.1. Ends with a PASS/FAIL line per target of issue 6.
"""
import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def cli_once(binary, path):
    t = time.monotonic()
    out = subprocess.run([binary, "read", "--compact", path], capture_output=True)
    dt = time.monotonic() - t
    number = json.loads(out.stdout)["amc"]["number"] if out.returncode in (0, 4) else None
    return dt, number


def cli_concurrent(binary, path, clients, runs_each):
    times, lock = [], threading.Lock()

    def loop():
        for _ in range(runs_each):
            dt, _ = cli_once(binary, path)
            with lock:
                times.append(dt)
    ts = [threading.Thread(target=loop) for _ in range(clients)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return times


def post(port, token, body):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    t = time.monotonic()
    c.request("POST", "/v1/read", body=body,
              headers={"Authorization": "Bearer " + token, "Content-Type": "application/octet-stream"})
    r = c.getresponse()
    data = r.read()
    dt = time.monotonic() - t
    c.close()
    number = None
    if r.status == 200:
        number = json.loads(data)["amc"]["number"]
    return dt, r.status, number


def at_rest(port, token):
    """Waits until no read is queued or running (each worker trims its memory
    before it counts as idle), so that RSS is compared in the same state."""
    for _ in range(600):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        c.request("GET", "/v1/health", headers={"Authorization": "Bearer " + token})
        h = json.loads(c.getresponse().read())
        c.close()
        if h["busy"] == 0 and h["queued"] == 0:
            return
        time.sleep(0.05)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("file", nargs="?")
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    a = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    path = a.file or os.path.join(here, "..", "..", "samples", "sample-000.png")
    binary = os.path.join(a.build, "amcread")
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    body = open(path, "rb").read()
    rounds = max(1, a.requests // 20)
    print("file: %s (%d bytes); %d requests, %d clients, %d workers; %d CPUs; %d rounds"
          % (os.path.basename(path), len(body), a.requests, a.clients, a.jobs, os.cpu_count(), rounds))
    _, expected = cli_once(binary, path)  # also warms the page cache

    tmp = tempfile.mkdtemp(prefix="amcread_bench.")
    token = os.urandom(16).hex()
    tf = os.path.join(tmp, "token")
    fd = os.open(tf, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.write(fd, (token + "\n").encode())
    os.close(fd)
    log = open(os.path.join(tmp, "log"), "w+")
    srv = subprocess.Popen([binary, "serve", "--port", "0", "--token-file", tf, "--jobs",
                            str(a.jobs), "--quiet"], stderr=log)
    try:
        port = None
        for _ in range(300):
            log.seek(0)
            for line in log:
                if "listening on http://127.0.0.1:" in line:
                    port = int(line.split("127.0.0.1:")[1].split("/")[0])
            if port or srv.poll() is not None:
                break
            time.sleep(0.1)
        if not port:
            print("FAIL: amcread serve did not start")
            return 1
        # the program re-executes itself once (OMP_THREAD_LIMIT): same pid
        pid = srv.pid
        results, lock = [], threading.Lock()

        def run(n):
            """n requests from CLIENTS concurrent clients; returns when all are answered."""
            left = [n]

            def client():
                while True:
                    with lock:
                        if left[0] == 0:
                            return
                        left[0] -= 1
                    r = post(port, token, body)
                    with lock:
                        results.append(r)
            ts = [threading.Thread(target=client) for _ in range(a.clients)]
            for t in ts:
                t.start()
            for t in ts:
                t.join()

        # The machine may be shared: the CLI and HTTP measures are interleaved
        # round by round, so that a load from elsewhere weighs on both alike.
        cli_alone, cli_loaded, single = [], [], []
        rss20 = rss_end = None
        t0 = time.monotonic()
        for r in range(rounds):
            n = a.requests - 20 * (rounds - 1) if r == rounds - 1 else 20
            run(n)
            at_rest(port, token)
            if r == 0:
                rss20 = rss_kb(pid)
            cli_loaded += cli_concurrent(binary, path, a.clients, 1)
            cli_alone.append(cli_once(binary, path)[0])
            single.append(post(port, token, body)[0])
        wall = time.monotonic() - t0
        at_rest(port, token)
        rss_end = rss_kb(pid)

        ca, cl, one = (statistics.median(x) for x in (cli_alone, cli_loaded, single))
        print("CLI `amcread read`: median %.3f s alone, %.3f s per run with %d at once (AMC number %s)"
              % (ca, cl, a.clients, expected))
        print("HTTP, 1 client: median %.3f s (%.2fx the CLI alone)" % (one, one / ca))
        good = sum(1 for dt, st, num in results if st == 200 and num == expected)
        lat = sorted(dt for dt, _, _ in results)
        med = statistics.median(lat)
        p90 = lat[int(len(lat) * 0.9) - 1]
        print("HTTP, %d clients: %d/%d answered correctly; latency median %.3f s, p90 %.3f s "
              "(%.1f s in all, CLI runs included)" % (a.clients, good, len(results), med, p90, wall))
        print("  median latency / CLI alone: %.2f; / CLI with %d at once: %.2f"
              % (med / ca, a.clients, med / cl))
        print("RSS of the service at rest: %.1f MB after 20 requests, %.1f MB after %d (%+.1f%%)"
              % (rss20 / 1024, rss_end / 1024, len(results) + len(single), 100.0 * (rss_end - rss20) / rss20))
        ok_all = good == a.requests
        ok_lat = med <= 1.1 * cl
        ok_one = one <= 1.1 * ca
        ok_rss = abs(rss_end - rss20) <= 0.10 * rss20
        print("%s - all %d requests answered correctly" % ("PASS" if ok_all else "FAIL", a.requests))
        print("%s - one client: latency <= 1.1x the CLI alone" % ("PASS" if ok_one else "FAIL"))
        print("%s - %d clients: median latency <= 1.1x the CLI's time under the same load (%d at once)"
              % ("PASS" if ok_lat else "FAIL", a.clients, a.clients))
        print("%s - RSS after %d within 10%% of after 20" % ("PASS" if ok_rss else "FAIL", a.requests))
        return 0 if ok_all and ok_lat and ok_one and ok_rss else 1
    finally:
        srv.terminate()
        srv.wait(timeout=60)
        log.close()
        for f in os.listdir(tmp):
            os.unlink(os.path.join(tmp, f))
        os.rmdir(tmp)


if __name__ == "__main__":
    sys.exit(main())
