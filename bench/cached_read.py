#!/usr/bin/env python3
"""The cached by-slug Delivery read against bare Kestrel, with both processes placed alike on the scheduler.

  python3 bench/cached_read.py [--rounds 5] [--seconds 10]

Publishes the host (Release), starts it on the embedded default with the demo seed (as `delivery_perf.py` in
../shared/contract does), starts a bare Kestrel "Hello World" (the baseline), and runs wrk (2 threads, 64 connections)
against each, one after another, round after round, in three placements:

  together  both servers in this script's session, as wrk is (what bench/delivery.py does);
  apart     each server in a session of its own (setsid), wrk in this script's;
  contract  the host in its own session and bare Kestrel in wrk's, as delivery_perf.py starts them.

Linux gives every session its own scheduling group (CONFIG_SCHED_AUTOGROUP, /proc/sys/kernel/sched_autogroup_enabled):
CPU time is shared between groups first and between the threads of a group second. A server in wrk's group takes
turns with wrk thread by thread; a server in a group of its own waits for its group's turn, and on two cores shared
with wrk that wait is the p99. Prints, per placement and server, the median requests/s and p99 over the rounds, and
the host's ratio to bare Kestrel. Needs wrk (apt-get install wrk).
"""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile, urllib.parse, urllib.request
from harness import ADMIN, free_port, publish_bare_kestrel, publish_host, run, wait_ready, wrk

WORK = tempfile.mkdtemp(prefix='artsouk-bench-')
PLACEMENTS = {'together': (False, False), 'apart': (True, True), 'contract': (True, False)}  # (host apart, bare apart)
procs = []


def start(cmd, env, apart, ready):
    p = subprocess.Popen(cmd, cwd=os.path.dirname(cmd[1]), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=apart)
    procs.append(p.kill)
    wait_ready(ready, p)
    return p


def measure(url, seconds):
    """requests/s and p99 (ms) of one wrk run; a non-2xx answer ends the run, as its figures would mean nothing."""
    rps, _, p99, bad = wrk(url, seconds)
    if bad:
        sys.exit(f'{url}: {bad} non-2xx answers')
    return rps, p99


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--rounds', type=int, default=5)
    ap.add_argument('--seconds', type=int, default=10)
    ap.add_argument('--placements', default='together,apart,contract')
    a = ap.parse_args()
    if not shutil.which('wrk'):
        sys.exit('wrk is not installed: apt-get install -y wrk')
    autogroup = open('/proc/sys/kernel/sched_autogroup_enabled').read().strip() if os.path.exists('/proc/sys/kernel/sched_autogroup_enabled') else 'absent'
    print(f'sched_autogroup_enabled: {autogroup}; {os.cpu_count()} cores')

    out = publish_host(WORK)
    baseline_dll = publish_bare_kestrel(WORK)

    data = os.path.join(WORK, 'data')
    host_env = dict(os.environ, ASPNETCORE_ENVIRONMENT='Production', ArtSouk__DataPath=data, ArtSouk__Seed='true',
                    ArtSouk__Admin__Email=ADMIN[0], ArtSouk__Admin__Password=ADMIN[1])
    results = {}
    for placement in a.placements.split(','):
        host_apart, bare_apart = PLACEMENTS[placement]
        hport, bport = free_port(), free_port()
        host_url, bare_url = f'http://127.0.0.1:{hport}', f'http://127.0.0.1:{bport}/'
        # The first placement seeds the store; the others start on it, as a restart does.
        host = start(['dotnet', os.path.join(out, 'ArtSouk.Host.dll')], dict(host_env, ASPNETCORE_URLS=host_url), host_apart, host_url + '/health/ready')
        bare = start(['dotnet', baseline_dll], dict(os.environ, ASPNETCORE_URLS=bare_url.rstrip('/')), bare_apart, bare_url)
        with urllib.request.urlopen(host_url + '/api/v1/content/artist?locale=ar&limit=1', timeout=30) as r:
            slug = json.loads(r.read())['items'][0]['slug']
        read = f'{host_url}/api/v1/content/artist/{urllib.parse.quote(slug)}?locale=ar'
        measure(bare_url, a.seconds); measure(read, a.seconds)  # warm both
        rounds = []
        for i in range(a.rounds):
            b, h = measure(bare_url, a.seconds), measure(read, a.seconds)
            rounds.append((b, h))
            print(f'{placement:9s} round {i + 1}: bare Kestrel {b[0]:,.0f} req/s p99 {b[1]:.2f} ms | host {h[0]:,.0f} req/s p99 {h[1]:.2f} ms | ratio {h[0] / b[0]:.2f}', flush=True)
        results[placement] = rounds
        for p in (host, bare):
            p.terminate()
            p.wait(20)

    print(f'\nmedians over {a.rounds} rounds of {a.seconds} s (wrk -t2 -c64, loopback):')
    print('| placement | bare Kestrel req/s | bare p99 | host req/s | host p99 | ratio |')
    print('|---|---:|---:|---:|---:|---:|')
    for placement, rounds in results.items():
        med = lambda f: statistics.median(f(r) for r in rounds)
        print(f'| {placement} | {med(lambda r: r[0][0]):,.0f} | {med(lambda r: r[0][1]):.2f} ms | {med(lambda r: r[1][0]):,.0f} | '
              f'{med(lambda r: r[1][1]):.2f} ms | {med(lambda r: r[1][0] / r[0][0]):.2f} |')


if __name__ == '__main__':
    run(main, procs, WORK)
