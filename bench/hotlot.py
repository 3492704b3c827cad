#!/usr/bin/env python3
"""Hot-lot benchmark: many bidders on one lot on PostgreSQL, against pgbench's single-row UPDATE in the same run.

  python3 bench/hotlot.py [--bidders 200] [--seconds 20]

Starts a throwaway PostgreSQL cluster (fsync off), publishes the host (Release), creates one timed lot, registers the
bidders, then each bidder (one thread and keep-alive connection each) bids the next valid amount it last heard of,
with a maximum a few increments above, for --seconds. Then pgbench runs a one-row UPDATE (the same hot-row shape as a
bid's conditional update) with as many clients for as long. Prints accepted bids/s, attempts/s, the ratio of accepted
bids/s to pgbench tps (the issue's target is >= 0.5), and the anomalies found in the stored bids: a price that did not
rise strictly from one accepted bid to the next, or a final leader whose maximum is not the highest one placed.
Not a test: numbers depend on the machine; it asserts nothing.
"""
import argparse, http.client, json, os, shutil, subprocess, sys, tempfile, threading, time, uuid
from harness import free_port, postgres, sh

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = tempfile.mkdtemp(prefix='artsouk-hotlot-')
ADMIN = ('bench@artsouk.test', 'Bench-Admin-Pass-2026!')
procs = []


def call(conn, method, path, body=None, token=None):
    h = {'Content-Type': 'application/json'}
    if token: h['Authorization'] = 'Bearer ' + token
    conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=h)
    r = conn.getresponse()
    data = r.read()
    return r.status, (json.loads(data) if data else None)


def psql_args(conn):
    parts = dict(p.split('=', 1) for p in conn.split(';') if p)
    return ['-h', parts['Host'], '-p', parts['Port'], '-U', parts['Username'], parts['Database']]


def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--bidders', type=int, default=200); ap.add_argument('--seconds', type=int, default=20)
    a = ap.parse_args()
    conn = postgres(WORK, procs, '-c max_connections=400 -c shared_buffers=256MB')
    if conn is None: sys.exit('PostgreSQL server binaries not found')
    out = os.path.join(WORK, 'host')
    sh(['dotnet', 'publish', os.path.join(ROOT, 'src/ArtSouk.Host'), '-c', 'Release', '-o', out, '--nologo'])
    port = free_port()
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT='Production', ASPNETCORE_URLS=f'http://127.0.0.1:{port}', ArtSouk__DataPath=os.path.join(WORK, 'data'),
               ArtSouk__Seed='false', ArtSouk__Admin__Email=ADMIN[0], ArtSouk__Admin__Password=ADMIN[1],
               Database__Provider='Postgres', Database__ConnectionString=conn + ';Maximum Pool Size=200',
               Accounts__RateLimits__Register__PermitLimit='1000000', Accounts__RateLimits__SignIn__PermitLimit='1000000')
    host = subprocess.Popen(['dotnet', os.path.join(out, 'ArtSouk.Host.dll')], cwd=out, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    procs.append(host.kill)
    c = http.client.HTTPConnection('127.0.0.1', port, timeout=60)
    for _ in range(600):
        try:
            if call(c, 'GET', '/health/ready')[0] == 200: break
        except Exception:
            c = http.client.HTTPConnection('127.0.0.1', port, timeout=60)
        time.sleep(0.5)
    admin = call(c, 'POST', '/api/v1/auth/token', {'email': ADMIN[0], 'password': ADMIN[1]})[1]['access_token']
    artist = call(c, 'POST', '/api/v1/manage/content/artist', {'fields': {'name': {'ar': 'فنانة', 'en': 'Artist'}}, 'publish': True}, admin)[1]['id']
    work = call(c, 'POST', '/api/v1/manage/content/artwork', {'fields': {'title': {'ar': 'عمل', 'en': 'Work'}, 'artist': artist}, 'publish': True}, admin)[1]['id']
    now = time.time()
    iso = lambda t: time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(t))
    sale = call(c, 'POST', '/api/v1/manage/auctions', {'title': {'ar': 'مزاد', 'en': 'Sale'}, 'type': 'timed', 'startsAt': iso(now - 60),
                                                       'endsAt': iso(now + 3600), 'biddersNeedApproval': False, 'softCloseMinutes': 0}, admin)[1]['id']
    lot = call(c, 'POST', f'/api/v1/manage/auctions/{sale}/lots', {'entryId': work, 'startingBid': 1000, 'closesAt': iso(now + 3600)}, admin)[1]['id']
    tokens = []
    for i in range(a.bidders):
        email = f'bidder{i}-{uuid.uuid4().hex[:6]}@artsouk.test'
        call(c, 'POST', '/api/v1/auth/register', {'email': email, 'password': 'Bidder-Pass-2026!'})
        tokens.append(call(c, 'POST', '/api/v1/auth/token', {'email': email, 'password': 'Bidder-Pass-2026!'})[1]['access_token'])
    print(f'{a.bidders} bidders registered; storm of {a.seconds} s on one lot', flush=True)

    counts = {'accepted': 0, 'refused': 0, 'errors': 0}
    lock = threading.Lock()
    start = threading.Barrier(a.bidders + 1)
    stop_at = [0.0]

    def bidder(i):
        hc = http.client.HTTPConnection('127.0.0.1', port, timeout=60)
        nxt = 1000.0
        start.wait()
        while time.time() < stop_at[0]:
            try:
                st, body = call(hc, 'POST', f'/api/v1/lots/{lot}/bids', {'amount': nxt, 'maxAmount': nxt + 100 * (i % 5), 'clientBidId': uuid.uuid4().hex}, tokens[i])
            except Exception:
                with lock: counts['errors'] += 1
                hc = http.client.HTTPConnection('127.0.0.1', port, timeout=60)
                continue
            key = 'accepted' if st == 201 else 'refused' if st in (409, 422) else 'errors'
            with lock: counts[key] += 1
            if body and body.get('nextValidAmount') is not None:
                nxt = float(body['nextValidAmount'])

    threads = [threading.Thread(target=bidder, args=(i,), daemon=True) for i in range(a.bidders)]
    for t in threads: t.start()
    stop_at[0] = time.time() + a.seconds
    t0 = time.time(); start.wait()
    for t in threads: t.join()
    elapsed = time.time() - t0

    psql = ['psql', '-X', '-At'] + psql_args(conn)
    rises = sh(psql + ['-c', "select count(*) from (select price_after_minor - lag(price_after_minor) over (order by id) d from auctions.bids "
                              f"where lot_id = '{lot}' and kind = 'bid') x where d <= 0"]).strip()
    lost = sh(psql + ['-c', f"select count(*) from auctions.lots l where l.id = '{lot}' and l.leader_max_minor <> "
                             f"(select max(max_minor) from auctions.bids where lot_id = '{lot}' and kind = 'bid')"]).strip()
    stored = sh(psql + ['-c', f"select bid_count from auctions.lots where id = '{lot}'"]).strip()

    # The host's pool holds up to 200 connections; stop it so pgbench gets the server to itself.
    host.kill(); host.wait()
    pg = psql_args(conn)
    sh(['pgbench', '-i', '-s', '1', '-h', pg[1], '-p', pg[3], '-U', pg[5], pg[6]])
    script = os.path.join(WORK, 'hot.sql'); open(script, 'w').write('UPDATE pgbench_accounts SET abalance = abalance + 1 WHERE aid = 1;\n')
    clients = min(a.bidders, 200)
    bench = sh(['pgbench', '-n', '-f', script, '-c', str(clients), '-j', '2', '-T', str(a.seconds), '-h', pg[1], '-p', pg[3], '-U', pg[5], pg[6]])
    tps = float([l for l in bench.splitlines() if l.startswith('tps')][0].split('=')[1].split()[0])

    accepted = counts['accepted'] / elapsed
    print(f'\nbidders {a.bidders}, {elapsed:.1f} s, host and PostgreSQL on this machine ({os.cpu_count()} cores)')
    print(f'accepted bids/s          {accepted:10.0f}   ({counts["accepted"]} accepted, {stored} stored on the lot)')
    print(f'attempts/s               {(counts["accepted"] + counts["refused"]) / elapsed:10.0f}   ({counts["refused"]} refused 409/422, {counts["errors"]} errors)')
    print(f'pgbench hot-row UPDATE   {tps:10.0f} tps ({clients} clients)')
    print(f'ratio accepted/pgbench   {accepted / tps:10.2f}')
    print(f'anomalies                {int(rises) + int(lost):10d}   (non-rising prices {rises}, lost proxy {lost})')


try:
    main()
finally:
    for stop in reversed(procs):
        try: stop()
        except Exception: pass
    shutil.rmtree(WORK, ignore_errors=True)
