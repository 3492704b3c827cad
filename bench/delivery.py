#!/usr/bin/env python3
"""Delivery API benchmark on PostgreSQL with 100,000 artworks, against bare Kestrel measured in the same run.

  python3 bench/delivery.py [--artworks 100000] [--seconds 10]

Starts a throwaway PostgreSQL cluster from the installed binaries, publishes the host (Release), generates the
catalogue, then runs wrk (2 threads, 64 connections) against:
  1. bare Kestrel "Hello World" (the baseline),
  2. GET /api/v1/content/artist/{slug}?locale=ar            (cached by the output cache),
  3. GET /api/v1/content/artwork?filter...&sort=-year&limit=25 (uncached: sent with an API key, which bypasses the cache).
Prints requests/s, p95 and p99 latency and the ratio to the baseline. Needs wrk (apt-get install wrk).
"""
import argparse, json, os, shutil, subprocess, sys, tempfile, time, urllib.parse, urllib.request
from harness import ADMIN, free_port, postgres, publish_bare_kestrel, publish_host, run, sh, wait_ready, wrk

WORK = tempfile.mkdtemp(prefix='artsouk-bench-')
procs = []


def http(method, url, body=None, token=None):
    h = {'Content-Type': 'application/json'}
    if token: h['Authorization'] = 'Bearer ' + token
    req = urllib.request.Request(url, data=json.dumps(body).encode() if body else None, method=method, headers=h)
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())


def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--artworks', type=int, default=100000); ap.add_argument('--seconds', type=int, default=10)
    a = ap.parse_args()
    if not shutil.which('wrk'): sys.exit('wrk is not installed: apt-get install -y wrk')
    conn = postgres(WORK, procs, '-c shared_buffers=256MB')
    if conn is None: sys.exit('PostgreSQL server binaries not found: apt-get install -y postgresql-15')
    conn += ';Maximum Pool Size=64'
    out = publish_host(WORK)
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT='Production', ArtSouk__DataPath=os.path.join(WORK, 'data'),
               ArtSouk__Admin__Email=ADMIN[0], ArtSouk__Admin__Password=ADMIN[1],
               Database__Provider='Postgres', Database__ConnectionString=conn)
    t0 = time.time()
    sh(['dotnet', os.path.join(out, 'ArtSouk.Host.dll'), 'generate', '--artworks', str(a.artworks)], cwd=out, env=env)
    print(f'generated {a.artworks:,} artworks in {time.time() - t0:.0f} s')

    baseline_dll = publish_bare_kestrel(WORK)
    bport, hport = free_port(), free_port()
    baseline = subprocess.Popen(['dotnet', baseline_dll], env=dict(os.environ, ASPNETCORE_URLS=f'http://127.0.0.1:{bport}'),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    procs.append(baseline.kill)
    host = subprocess.Popen(['dotnet', os.path.join(out, 'ArtSouk.Host.dll')], cwd=out, env=dict(env, ASPNETCORE_URLS=f'http://127.0.0.1:{hport}'),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    procs.append(host.kill)
    B = f'http://127.0.0.1:{hport}'
    wait_ready(B + '/health/ready', host); wait_ready(f'http://127.0.0.1:{bport}/', baseline)

    token = http('POST', B + '/api/v1/auth/token', {'email': ADMIN[0], 'password': ADMIN[1]})['access_token']
    key = http('POST', B + '/api/v1/manage/api-keys', {'name': 'bench', 'scopes': ['delivery']}, token)['key']
    slug = http('GET', B + '/api/v1/content/artist?locale=ar&limit=1')['items'][0]['slug']
    by_slug = f'{B}/api/v1/content/artist/{urllib.parse.quote(slug)}?locale=ar'
    listing = f'{B}/api/v1/content/artwork?locale=ar&filter[year][gte]=2000&filter[category]=painting&sort=-year&limit=25'
    if os.environ.get('EXPLAIN'):
        psql = ['psql', conn.replace(';', ' ').replace('Maximum Pool Size=64', '').replace('Username', 'user').replace('Database', 'dbname').replace('Host', 'host').replace('Port', 'port'), '-c']
        print(sh(psql + ["EXPLAIN ANALYZE SELECT entry_id FROM cms.delivery_items WHERE type='artwork' AND locale='ar' AND channel='live' "
                         "AND (fields->>'category') = 'painting' AND ((fields->>'year')::numeric) >= 2000 "
                         "ORDER BY ((fields->>'year')::numeric) DESC NULLS LAST, entry_id DESC LIMIT 26"]))
    auth = (f'Authorization: Bearer {key}',)
    runs = [('bare Kestrel (baseline)', f'http://127.0.0.1:{bport}/', (), 64),
            ('cached by-slug artist', by_slug, (), 64),
            ('uncached list of 25 (year>=2000, category, sort -year)', listing, auth, 64),
            ('uncached list of 25, 4 connections', listing, auth, 4),
            ('uncached list of 25, 1 connection', listing, auth, 1)]
    for _, url, headers, connections in runs:
        wrk(url, 3, headers, connections)  # warm-up
    results = [(name, connections, *wrk(url, a.seconds, headers, connections)) for name, url, headers, connections in runs]
    base_rps = results[0][2]
    print(f'\n{"endpoint":<58} {"conns":>5} {"req/s":>8} {"ratio":>6} {"p95 ms":>8} {"p99 ms":>8} {"non-2xx":>8}')
    for name, connections, rps, p95, p99, bad in results:
        print(f'{name:<58} {connections:>5} {rps:>8.0f} {rps / base_rps:>6.2f} {p95:>8.2f} {p99:>8.2f} {bad:>8}')


if __name__ == '__main__':
    run(main, procs, WORK)
