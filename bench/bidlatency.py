#!/usr/bin/env python3
"""Bid-to-screen latency to many SignalR watchers on loopback.

  python3 bench/bidlatency.py [--watchers 1000] [--bids 50]

Publishes the host (Release, Production, embedded SQLite in a throwaway folder), starts it on loopback, and runs
bench/BidLatency (a .NET console with Microsoft.AspNetCore.SignalR.Client): the watchers join one lot over WebSockets,
bids are placed one at a time, and it prints the latency percentiles from acceptance to each watcher's screen, using the
server-time offset each watcher measured. Not a test: the numbers depend on the machine; it asserts nothing.
"""
import argparse, http.client, os, shutil, subprocess, sys, tempfile, time
from harness import ADMIN, free_port, publish_host, sh

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = tempfile.mkdtemp(prefix='artsouk-bidlatency-')


def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--watchers', type=int, default=1000); ap.add_argument('--bids', type=int, default=50)
    a = ap.parse_args()
    out = publish_host(WORK)
    client = os.path.join(WORK, 'client')
    sh(['dotnet', 'publish', os.path.join(ROOT, 'bench/BidLatency'), '-c', 'Release', '-o', client, '--nologo'])
    port = free_port()
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT='Production', ASPNETCORE_URLS=f'http://127.0.0.1:{port}', ArtSouk__DataPath=os.path.join(WORK, 'data'),
               ArtSouk__Seed='false', ArtSouk__Admin__Email=ADMIN[0], ArtSouk__Admin__Password=ADMIN[1],
               Accounts__RateLimits__Register__PermitLimit='1000000', Accounts__RateLimits__SignIn__PermitLimit='1000000')
    host = subprocess.Popen(['dotnet', os.path.join(out, 'ArtSouk.Host.dll')], cwd=out, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            try:
                c = http.client.HTTPConnection('127.0.0.1', port, timeout=5); c.request('GET', '/health/ready')
                if c.getresponse().status == 200: break
            except OSError:
                pass
            time.sleep(0.5)
        print(f'host on loopback ({os.cpu_count()} cores, shared with the watchers)', flush=True)
        r = subprocess.run(['dotnet', os.path.join(client, 'BidLatency.dll'), f'http://127.0.0.1:{port}', ADMIN[0], ADMIN[1], str(a.watchers), str(a.bids)])
        sys.exit(r.returncode)
    finally:
        host.kill(); host.wait()
        shutil.rmtree(WORK, ignore_errors=True)


main()
