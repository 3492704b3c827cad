#!/usr/bin/env python3
"""Seconds from process start to the first 200 from /health/ready on a seeded store, against bare Kestrel's first 200.

  python3 bench/startup.py [--restarts 5] [--environment Development]

Publishes the host (Release, as deployed) and a bare Kestrel "Hello World". On SQLite and (where the server binaries
are installed) on a throwaway PostgreSQL cluster: starts the host on an empty store with the demo seed and stops it as
soon as it is ready (as the foundation contract does), then restarts it on that store `--restarts` times. Each restart
is followed by one start of bare Kestrel, so both are measured under the same load on the machine. Prints the median
time to ready, the process's CPU seconds at that moment, and the ratio to bare Kestrel's median time to its first 200.
"""
import argparse, os, statistics, subprocess, tempfile, time
from harness import free_port, publish_bare_kestrel, publish_host, run, seeded_stores, wait_ready

WORK = tempfile.mkdtemp(prefix='artsouk-startup-')
TICKS = os.sysconf('SC_CLK_TCK')
procs = []


def cpu_seconds(pid):
    with open(f'/proc/{pid}/stat') as f:
        fields = f.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def time_to_ready(dll, path, env, log_name):
    """Starts `dll`, polls `path` every 20 ms; returns (seconds to the first 200, CPU seconds then), and stops it."""
    port = free_port()
    with open(os.path.join(WORK, log_name), 'ab') as log:
        t0 = time.time()
        proc = subprocess.Popen(['dotnet', dll], cwd=os.path.dirname(dll), stdout=log, stderr=subprocess.STDOUT,
                                env=dict(env, ASPNETCORE_URLS=f'http://127.0.0.1:{port}'))
        procs.append(proc.kill)
        wait_ready(f'http://127.0.0.1:{port}{path}', proc, timeout=300, poll=0.02)
        ready, cpu = time.time() - t0, cpu_seconds(proc.pid)
        proc.terminate()
        proc.wait(30)
    return ready, cpu


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--restarts', type=int, default=5)
    ap.add_argument('--environment', default='Development', help='ASPNETCORE_ENVIRONMENT (the foundation contract uses Development)')
    a = ap.parse_args()
    out = publish_host(WORK)
    host, bare = os.path.join(out, 'ArtSouk.Host.dll'), publish_bare_kestrel(WORK)
    print(f'{"store":<12} {"seeding start":>13} {"restart (median)":>17} {"min-max":>12} {"CPU at ready":>13} {"bare Kestrel":>13} {"ratio":>6}')
    for name, env in seeded_stores(WORK, procs, a.environment):
        first, _ = time_to_ready(host, '/health/ready', env, f'host-{name}.log')
        restarts, cpus, baselines = [], [], []
        for _ in range(a.restarts):
            ready, cpu = time_to_ready(host, '/health/ready', env, f'host-{name}.log')
            restarts.append(ready)
            cpus.append(cpu)
            baselines.append(time_to_ready(bare, '/', dict(os.environ), 'bare.log')[0])
        median, baseline = statistics.median(restarts), statistics.median(baselines)
        print(f'{name:<12} {first:>11.1f} s {median:>15.2f} s {min(restarts):>5.2f}-{max(restarts):.2f} s '
              f'{statistics.median(cpus):>11.2f} s {baseline:>11.2f} s {median / baseline:>6.1f}')


if __name__ == '__main__':
    run(main, procs, WORK)
