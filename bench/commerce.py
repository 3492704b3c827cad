#!/usr/bin/env python3
"""Commerce benchmark on PostgreSQL: checkouts per second on distinct artworks, and the 100-buyer race for one work,
against a baseline measured in the same run on the same host and client.

  python3 bench/commerce.py [--works 400] [--threads 16]

Starts a throwaway PostgreSQL cluster, publishes the host (Release), lists `--works` unique artworks, registers 100
collectors, then measures with `--threads` concurrent Python clients (the same client code for every figure):
  1. baseline: GET /api/v1/cart (an authenticated request with one small read),
  2. POST /api/v1/checkout (bank transfer) on distinct artworks: each is one transaction holding the work,
  3. 100 buyers released at once on one unique artwork: exactly one 201, the others 409 (time until all are answered).
Prints requests/s and the ratio to the baseline.
"""
import argparse, json, os, subprocess, sys, tempfile, threading, time, urllib.error, urllib.request
from concurrent.futures import ThreadPoolExecutor
from harness import ADMIN, free_port, postgres, publish_host, run, wait_ready

WORK = tempfile.mkdtemp(prefix='artsouk-bench-commerce-')
procs = []


def http(method, url, body=None, token=None):
    h = {'Content-Type': 'application/json'}
    if token: h['Authorization'] = 'Bearer ' + token
    req = urllib.request.Request(url, data=json.dumps(body).encode() if body is not None else None, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.loads(r.read() or b'null')
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b'null')


def rate(calls, threads):
    """Runs the calls on `threads` clients; returns (calls per second, status counts)."""
    statuses = {}
    lock = threading.Lock()
    def run(call):
        status = call()
        with lock: statuses[status] = statuses.get(status, 0) + 1
    t0 = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(run, calls))
    return len(calls) / (time.perf_counter() - t0), statuses


def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--works', type=int, default=400); ap.add_argument('--threads', type=int, default=16)
    a = ap.parse_args()
    conn = postgres(WORK, procs)
    if conn is None: sys.exit('PostgreSQL server binaries not found: apt-get install -y postgresql-15')
    conn += ';Maximum Pool Size=64'
    out = publish_host(WORK)
    port = free_port()
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT='Production', ArtSouk__DataPath=os.path.join(WORK, 'data'), ArtSouk__Seed='false',
               ArtSouk__Admin__Email=ADMIN[0], ArtSouk__Admin__Password=ADMIN[1], ASPNETCORE_URLS=f'http://127.0.0.1:{port}',
               Database__Provider='Postgres', Database__ConnectionString=conn,
               Accounts__RateLimits__Register__PermitLimit='1000', Accounts__RateLimits__SignIn__PermitLimit='1000')
    host = subprocess.Popen(['dotnet', os.path.join(out, 'ArtSouk.Host.dll')], cwd=out, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    procs.append(host.kill)
    B = f'http://127.0.0.1:{port}'
    wait_ready(B + '/health/ready', host)
    admin = http('POST', B + '/api/v1/auth/token', {'email': ADMIN[0], 'password': ADMIN[1]})[1]['access_token']
    artist = http('POST', B + '/api/v1/manage/content/artist', {'fields': {'name': {'ar': 'نوف', 'en': 'Nouf'}}, 'publish': True}, admin)[1]['id']

    def listed(n):
        work = http('POST', B + '/api/v1/manage/content/artwork',
                    {'fields': {'title': {'ar': f'عمل {n}', 'en': f'Work {n}'}, 'artist': artist}, 'publish': True}, admin)[1]['id']
        http('PUT', f'{B}/api/v1/manage/listings/{work}', {'price': {'amount': 1000 + n, 'currency': 'SAR'}, 'availability': 'available', 'stock': 1}, admin)
        return work
    with ThreadPoolExecutor(4) as pool:
        works = list(pool.map(listed, range(a.works + 1)))
    unique, works = works[0], works[1:]

    def buyer(i):
        email = f'buyer{i}@artsouk.test'
        http('POST', B + '/api/v1/auth/register', {'email': email, 'password': ADMIN[1]})
        return http('POST', B + '/api/v1/auth/token', {'email': email, 'password': ADMIN[1]})[1]['access_token']
    with ThreadPoolExecutor(4) as pool:
        buyers = list(pool.map(buyer, range(100)))

    cart = lambda i: (lambda: http('GET', B + '/api/v1/cart', None, buyers[i % 100])[0])
    rate([cart(i) for i in range(200)], a.threads)  # warm-up
    base, base_statuses = rate([cart(i) for i in range(a.works)], a.threads)
    buy = lambda i, work: (lambda: http('POST', B + '/api/v1/checkout', {'items': [{'entryId': work, 'quantity': 1}], 'paymentMethod': 'bank-transfer'}, buyers[i % 100])[0])
    checkouts, checkout_statuses = rate([buy(i, w) for i, w in enumerate(works)], a.threads)

    gate = threading.Barrier(100)
    def racer(i):
        def go():
            gate.wait()
            return buy(i, unique)()
        return go
    t0 = time.perf_counter()
    _, race_statuses = rate([racer(i) for i in range(100)], 100)
    race = time.perf_counter() - t0

    print(f'\n{"measure":<52} {"value":>10} {"ratio":>6}  statuses')
    print(f'{"GET /api/v1/cart (baseline), req/s":<52} {base:>10.0f} {1:>6.2f}  {base_statuses}')
    print(f'{"checkouts on distinct artworks, /s":<52} {checkouts:>10.0f} {checkouts / base:>6.2f}  {checkout_statuses}')
    print(f'{"100 buyers racing for one work, s until all answered":<52} {race:>10.2f} {"":>6}  {race_statuses}')
    if race_statuses.get(201) != 1 or race_statuses.get(409) != 99:
        sys.exit('the race did not end with exactly one order and 99 conflicts')


if __name__ == '__main__':
    run(main, procs, WORK)
