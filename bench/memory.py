#!/usr/bin/env python3
"""Resident memory after a first start that seeds the demo store, against a second start on the same store.

  python3 bench/memory.py [--settle 5]

Publishes the host (Release) and, on SQLite and (where the server binaries are installed) on a throwaway PostgreSQL
cluster: starts it on an empty store with the demo seed, waits until /health/ready answers, lets it settle, reads
VmRSS; stops it; starts it again on the same store and reads VmRSS the same way. Prints both and their ratio (the
foundation-hardening issue asks for <= 1.5). Also counts fail/crit lines in the first start's log.
"""
import argparse, os, re, subprocess, sys, tempfile, time, urllib.request
from harness import free_port, publish_host, run, seeded_stores

WORK = tempfile.mkdtemp(prefix='artsouk-memory-')
procs = []


def rss_mib(pid):
    with open(f'/proc/{pid}/status') as f:
        return int(re.search(r'VmRSS:\s+(\d+)', f.read()).group(1)) / 1024


def start(out, env, settle):
    port = free_port()
    log = open(os.path.join(WORK, f'host-{port}.log'), 'w')
    proc = subprocess.Popen(['dotnet', os.path.join(out, 'ArtSouk.Host.dll')], cwd=out, stdout=log, stderr=subprocess.STDOUT,
                            env=dict(env, ASPNETCORE_URLS=f'http://127.0.0.1:{port}'))
    procs.append(proc.kill)
    t0 = time.time()
    while True:
        if proc.poll() is not None: sys.exit(f'host exited with {proc.returncode}; see {log.name}')
        try:
            urllib.request.urlopen(f'http://127.0.0.1:{port}/health/ready', timeout=2); break
        except Exception:
            if time.time() - t0 > 300: sys.exit('host not ready after 300 s')
            time.sleep(0.2)
    ready = time.time() - t0
    time.sleep(settle)
    rss = rss_mib(proc.pid)
    proc.terminate(); proc.wait(30); log.close()
    fails = [l for l in open(log.name, encoding='utf-8', errors='replace') if re.match(r'\s*(fail|crit)\b', l)]
    return rss, ready, len(fails)


def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--settle', type=float, default=5)
    a = ap.parse_args()
    out = publish_host(WORK)
    print(f'{"store":<12} {"first start (seeds)":>20} {"second start":>14} {"ratio":>6} {"fail lines":>11}')
    for name, env in seeded_stores(WORK, procs, 'Production'):
        first, _, fails = start(out, env, a.settle)
        second, _, _ = start(out, env, a.settle)
        print(f'{name:<12} {first:>16.0f} MiB {second:>10.0f} MiB {first / second:>6.2f} {fails:>11}')


if __name__ == '__main__':
    run(main, procs, WORK)
