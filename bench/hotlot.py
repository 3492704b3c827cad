#!/usr/bin/env python3
"""Hot-lot benchmark: many bidders on one lot on PostgreSQL, against pgbench's single-row UPDATE in the same run.

  python3 bench/hotlot.py [--model sequence|phone] [--bidders 200] [--seconds 20] [--ladder fine|default]

Starts a throwaway PostgreSQL cluster (fsync off), publishes the host (Release), creates one timed lot, registers the
bidders, then for --seconds each bidder (one asyncio task and keep-alive connection each, all in one thread, so the
client spends little CPU) bids on the lot and, once its bid leads, waits until its screen shows another paddle leading
(a person does not bid against themselves). Every bidder's screen gets accepted bids pushed (simulated: each 201 the
client receives updates every screen PUSH_DELAY later, the p50 bench/bidlatency.py measures, never to an older price).
What a bidder not leading bids is the model:

- --model sequence (the default; the issue's figure): a load generator's storm, as pgbench's is for PostgreSQL. The
  amounts come from one rising sequence the bidders share, two rungs of the sale's ladder above the last amount sent
  (or the next valid amount the bidder last saw or was told in a 409, if higher), and one bidder in five gives a
  maximum three rungs above its amount, so proxies answer in the storm. Each bid is valid when it is sent; it is refused
  only when bids sent later overtake it on the way (200 connections, the host's scheduling), so accepted bids/s against
  pgbench's one-row UPDATE tps compares what accepting a bid costs with what updating one row costs.
- --model phone: a person on a phone bids the next valid amount on its screen (or the one its last 409 named) with a
  maximum some way above it (bidder i reaching (i mod 5) x 50 SAR on the fine ladder, (i mod 5) rungs on the house one)
  and retries at once on a 409. ~200 bids are always in flight on stale screens, so most are refused: this shows how
  the server copes with contention, and bench/hotlot_model.py why acceptance stays at a few per cent.

The sale's ladder is --ladder fine (the default: a flat 1 SAR step) or --ladder default (the house ladder, ~6-10%
steps). Then pgbench runs a one-row UPDATE (the same hot-row shape as a bid's conditional update) with as many clients
for as long. Prints accepted bids/s, attempts/s, the ratio of accepted bids/s to pgbench tps (the issue's target is
>= 0.5), and the anomalies found by replaying the stored bids, in the server's order, through a reference model of the
ladder and proxy rule (the closed form the FsCheck properties use): a bid from a bidder not leading that did not raise
the price strictly, a stored price after a bid that differs from the model's, or a lot whose final price, leader or
maxima differ from the model's (a lost proxy). HOTLOT_PGSTAT=1 also prints the statements (nested ones too) that took
PostgreSQL's time (pg_stat_statements).
Not a test: numbers depend on the machine; it asserts nothing.
"""
import argparse, asyncio, http.client, json, os, subprocess, sys, tempfile, time, uuid
from harness import ADMIN, free_port, house_ladder_above, postgres, publish_host, run, sh

WORK = tempfile.mkdtemp(prefix='artsouk-hotlot-')
procs = []
PUSH_DELAY = 0.011  # seconds from a bid's 201 to the pushed price on the other bidders' screens (bidlatency p50)


def call(conn, method, path, body=None, token=None):
    h = {'Content-Type': 'application/json'}
    if token: h['Authorization'] = 'Bearer ' + token
    conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=h)
    r = conn.getresponse()
    data = r.read()
    return r.status, (json.loads(data) if data else None)


async def acall(rw, method, path, body, token):
    """One request on a kept-alive HTTP/1.1 connection (asyncio streams: all bidders in one thread, little CPU per request)."""
    reader, writer = rw
    data = json.dumps(body).encode() if body is not None else b''
    writer.write(f'{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n'
                 f'Content-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n'.encode() + data)
    status = int((await reader.readline()).split()[1])
    length, chunked = 0, False
    while (line := await reader.readline()) not in (b'\r\n', b''):
        k, _, v = line.decode('latin-1').partition(':')
        if k.lower() == 'content-length': length = int(v)
        elif k.lower() == 'transfer-encoding' and 'chunked' in v.lower(): chunked = True
    if chunked:
        parts = []
        while (size := int((await reader.readline()).split(b';')[0], 16)):
            parts.append(await reader.readexactly(size)); await reader.readexactly(2)
        await reader.readline()
        payload = b''.join(parts)
    else:
        payload = await reader.readexactly(length) if length else b''
    return status, (json.loads(payload) if payload else None)


def psql_args(conn):
    parts = dict(p.split('=', 1) for p in conn.split(';') if p)
    return ['-h', parts['Host'], '-p', parts['Port'], '-U', parts['Username'], parts['Database']]


FINE_STEP = 100  # halalas: --ladder fine is one rung from 0 climbing by 1 SAR
LADDER = ['fine']


def ladder_above(p):
    """The sale's ladder's next point strictly above p (halalas): Ladder.Above in src/ArtSouk.Auctions/Rules/Ladder.cs."""
    return p - p % FINE_STEP + FINE_STEP if LADDER[0] == 'fine' else house_ladder_above(p)


def rungs_above(amount, n):
    """The point n rungs of the sale's ladder above amount (SAR)."""
    p = round(amount * 100)
    for _ in range(n): p = ladder_above(p)
    return p / 100


class Reference:
    """The book after the bids added so far (bidder, shown amount, max) in the server's order: the leader is the highest
    maximum (the earlier on a tie), the price max(every shown amount, min(leader's max, one increment above the
    runner-up's max)). Kept bid by bid (each bidder's highest maximum and when it was given), so a replay of n bids
    costs n x bidders, not n squared (35,000 bids in a storm)."""

    def __init__(self):
        self.best, self.shown, self.count = {}, 0, 0

    def add(self, bidder, amount, mx):
        if bidder not in self.best or mx > self.best[bidder][0]: self.best[bidder] = (mx, self.count)
        self.shown = max(self.shown, amount)
        self.count += 1

    def state(self):
        """(price, leader, leader's max, runner-up's max)."""
        best = self.best
        leader = min(best, key=lambda b: (-best[b][0], best[b][1]))
        runner = max((best[b][0] for b in best if b != leader), default=None)
        price = self.shown if runner is None else max(self.shown, min(best[leader][0], ladder_above(runner)))
        return price, leader, best[leader][0], runner or 0


def replay(rows, lot_row):
    """Anomalies in the accepted bids (id order) against the reference model, and in the lot's final state."""
    book, non_rising, wrong_price, own_raises = Reference(), 0, 0, 0
    price, model = 0, (0, None, 0, 0)
    for bidder, amount, mx, after in rows:
        leading_before = model[1] == bidder
        book.add(bidder, amount, mx)
        model = book.state()
        if model[0] != after: wrong_price += 1
        if leading_before: own_raises += 1
        elif after <= price: non_rising += 1
        price = after
    lost = 0 if tuple(lot_row) == model else 1
    return non_rising, wrong_price, lost, own_raises, model


def cpu_of(pid):
    """CPU seconds (user + system) used so far by process pid, from /proc."""
    with open(f'/proc/{pid}/stat') as f: fields = f.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')


def postgres_cpu():
    """CPU seconds used so far by the throwaway cluster's postmaster and its live backends (children)."""
    with open(os.path.join(WORK, 'pg', 'postmaster.pid')) as f: master = int(f.readline())
    total = 0.0
    for entry in os.listdir('/proc'):
        if not entry.isdigit(): continue
        try:
            with open(f'/proc/{entry}/stat') as f: fields = f.read().rsplit(')', 1)[1].split()
        except OSError:
            continue
        if int(entry) == master or int(fields[1]) == master:
            total += (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')
    return total


def machine_cpu():
    """(busy, total) CPU seconds of the whole machine so far, from /proc/stat."""
    with open('/proc/stat') as f: v = [int(x) for x in f.readline().split()[1:]]
    return (sum(v) - v[3] - v[4]) / os.sysconf('SC_CLK_TCK'), sum(v) / os.sysconf('SC_CLK_TCK')


def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--bidders', type=int, default=200); ap.add_argument('--seconds', type=int, default=20)
    ap.add_argument('--ladder', choices=['fine', 'default'], default='fine')
    ap.add_argument('--model', choices=['sequence', 'phone'], default='sequence')
    a = ap.parse_args()
    LADDER[0] = a.ladder
    pgstat = os.environ.get('HOTLOT_PGSTAT')
    conn = postgres(WORK, procs, '-c max_connections=400 -c shared_buffers=256MB' +
                    (' -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all' if pgstat else ''))
    if conn is None: sys.exit('PostgreSQL server binaries not found')
    out = publish_host(WORK)
    port = free_port()
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT='Production', ASPNETCORE_URLS=f'http://127.0.0.1:{port}', ArtSouk__DataPath=os.path.join(WORK, 'data'),
               ArtSouk__Seed='false', ArtSouk__Admin__Email=ADMIN[0], ArtSouk__Admin__Password=ADMIN[1],
               Database__Provider='Postgres', Database__ConnectionString=conn + ';Maximum Pool Size=200',
               Accounts__RateLimits__Register__PermitLimit='1000000', Accounts__RateLimits__SignIn__PermitLimit='1000000')
    if os.environ.get('HOTLOT_PERF'): env.update(DOTNET_PerfMapEnabled='1', DOTNET_EnableWriteXorExecute='0')
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
                                                       'endsAt': iso(now + 3600), 'biddersNeedApproval': False, 'softCloseMinutes': 0,
                                                       **({'increments': [{'from': 0, 'steps': [FINE_STEP / 100]}]} if a.ladder == 'fine' else {})}, admin)[1]['id']
    lot = call(c, 'POST', f'/api/v1/manage/auctions/{sale}/lots', {'entryId': work, 'startingBid': 1000, 'closesAt': iso(now + 3600)}, admin)[1]['id']
    tokens = []
    for i in range(a.bidders):
        email = f'bidder{i}-{uuid.uuid4().hex[:6]}@artsouk.test'
        call(c, 'POST', '/api/v1/auth/register', {'email': email, 'password': 'Bidder-Pass-2026!'})
        tokens.append(call(c, 'POST', '/api/v1/auth/token', {'email': email, 'password': 'Bidder-Pass-2026!'})[1]['access_token'])
    print(f'{a.bidders} bidders registered; storm of {a.seconds} s on one lot', flush=True)

    counts = {'accepted': 0, 'refused': 0, 'errors': 0}
    stop_at = [0.0]

    # What every bidder's screen shows: the lot page gets each accepted bid pushed (SignalR, `bid` event: amount,
    # paddle, next valid amount), measured at p50 11 ms after the bidder's 201 (bench/bidlatency.py). Here the push is
    # simulated: each 201 the client receives updates every screen PUSH_DELAY later, never to an older price.
    screen = {'next': 1000.0, 'paddle': None, 'price': 0.0}
    sequence = [1000.0]  # --model sequence: the next amount of the bidders' shared rising sequence
    loop_ref = []

    def push(price, nxt, paddle):
        # paddle None: the bid was accepted without taking the lead (the leader's maximum answered), so the leader stays.
        if price >= screen['price']:
            screen.update(price=price, next=nxt, paddle=screen['paddle'] if paddle is None else paddle)

    async def bidder(i):
        rw = await asyncio.open_connection('127.0.0.1', port)
        # --model phone: how far above the amount on screen this bidder lets its maximum go (0: no maximum): i mod 5 rungs
        # of the house ladder, or (i mod 5) x 50 SAR on the fine one. --model sequence: bidders with i mod 5 = 1 give a maximum.
        reach = i % 5
        nxt, paddle, leading = 1000.0, None, False
        while time.time() < stop_at[0]:
            if leading:
                # Leading: a person does not bid against themselves; they watch the pushed price until another paddle leads.
                await asyncio.sleep(0.01)
                leading = screen['paddle'] == paddle
                continue
            amount = max(nxt, screen['next'])
            if a.model == 'sequence':
                amount = max(amount, sequence[0])
                sequence[0] = rungs_above(amount, 2)
                mx = rungs_above(amount, 3) if reach == 1 else None
            else:
                mx = (amount + 50 * reach if a.ladder == 'fine' else rungs_above(amount, reach)) if reach else None
            body_out = {'amount': amount, 'clientBidId': uuid.uuid4().hex}
            if mx is not None: body_out['maxAmount'] = mx
            try:
                st, body = await acall(rw, 'POST', f'/api/v1/lots/{lot}/bids', body_out, tokens[i])
            except Exception:
                counts['errors'] += 1
                rw[1].close()
                rw = await asyncio.open_connection('127.0.0.1', port)
                continue
            key = 'accepted' if st == 201 else 'refused' if st in (409, 422) else 'errors'
            counts[key] += 1
            if body and body.get('nextValidAmount') is not None:
                nxt = float(body['nextValidAmount'])
            if st == 201:
                paddle = body['paddle']
                loop_ref[0].call_later(PUSH_DELAY, push, float(body['currentBid']), nxt, body['paddle'] if body.get('leading') else None)
            # Leading after its bid, or told it already leads (its maximum answered someone meanwhile): it watches.
            leading = (st == 201 and body.get('leading')) or (st == 409 and body.get('code') == 'already-leading' and paddle is not None)
        rw[1].close()

    async def storm():
        loop_ref.append(asyncio.get_running_loop())
        stop_at[0] = time.time() + a.seconds
        await asyncio.gather(*(bidder(i) for i in range(a.bidders)))

    psql = ['psql', '-X', '-At', '-F', ','] + psql_args(conn)
    commits = lambda: int(sh(psql + ['-c', 'select xact_commit from pg_stat_database where datname = current_database()']).strip())
    commits0 = commits()
    host_cpu0, client_cpu0, machine0, pg_cpu0 = cpu_of(host.pid), sum(os.times()[:2]), machine_cpu(), postgres_cpu()
    # HOTLOT_PERF=<file>: sample the host with perf for 10 s of the storm (JIT frames through DOTNET_PerfMapEnabled).
    perf = subprocess.Popen(['perf', 'record', '-F', '499', '-g', '-p', str(host.pid), '-o', os.environ['HOTLOT_PERF'], '--', 'sleep', '10'],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) if os.environ.get('HOTLOT_PERF') else None
    t0 = time.time()
    asyncio.run(storm())
    elapsed = time.time() - t0
    if perf: perf.wait()
    pg_cpu = postgres_cpu() - pg_cpu0
    host_cpu, client_cpu, machine = cpu_of(host.pid) - host_cpu0, sum(os.times()[:2]) - client_cpu0, machine_cpu()
    busy, total = machine[0] - machine0[0], machine[1] - machine0[1]
    rows = [tuple(int(x) if x.isdigit() else x for x in l.split(',')) for l in sh(psql + ['-c',
            f"select bidder_id, amount_minor, max_minor, price_after_minor from auctions.bids where lot_id = '{lot}' and kind = 'bid' "
            "and retracted_at is null order by id"]).splitlines() if l]
    lot_row = sh(psql + ['-c', f"select price_minor, leader_id, leader_max_minor, runner_up_max_minor from auctions.lots where id = '{lot}'"]).strip().split(',')
    lot_row = (int(lot_row[0]), lot_row[1], int(lot_row[2]), int(lot_row[3]))
    stored = sh(psql + ['-c', f"select bid_count from auctions.lots where id = '{lot}'"]).strip()
    non_rising, wrong_price, lost, own_raises, final = replay(rows, lot_row)
    if pgstat:
        # HOTLOT_PGSTAT=1: the statements (nested ones too) that took PostgreSQL's time during the run.
        sh(psql + ['-c', 'create extension if not exists pg_stat_statements'])
        print(sh(['psql', '-X'] + psql_args(conn) + ['-c', "select calls, round(total_exec_time::numeric, 0) as ms, round((total_exec_time / calls)::numeric, 3) as ms_each, "
                 "left(regexp_replace(query, '\\s+', ' ', 'g'), 110) as query from pg_stat_statements order by total_exec_time desc limit 25"]), flush=True)

    # The host's pool holds up to 200 connections; stop it so pgbench gets the server to itself.
    host.kill(); host.wait()
    # The database's commits during the storm (and the few reads above): read once the host's backends have exited and flushed their counters.
    time.sleep(2)
    transactions = commits() - commits0
    pg = psql_args(conn)
    sh(['pgbench', '-i', '-s', '1', '-h', pg[1], '-p', pg[3], '-U', pg[5], pg[6]])
    script = os.path.join(WORK, 'hot.sql'); open(script, 'w').write('UPDATE pgbench_accounts SET abalance = abalance + 1 WHERE aid = 1;\n')
    clients = min(a.bidders, 200)
    bench = sh(['pgbench', '-n', '-f', script, '-c', str(clients), '-j', '2', '-T', str(a.seconds), '-h', pg[1], '-p', pg[3], '-U', pg[5], pg[6]])
    tps = float([l for l in bench.splitlines() if l.startswith('tps')][0].split('=')[1].split()[0])

    accepted = counts['accepted'] / elapsed
    print(f'\nbidders {a.bidders}, {elapsed:.1f} s, model {a.model}, ladder {a.ladder}, host and PostgreSQL on this machine ({os.cpu_count()} cores)')
    print(f'accepted bids/s          {accepted:10.0f}   ({counts["accepted"]} accepted, {stored} stored on the lot)')
    print(f'attempts/s               {(counts["accepted"] + counts["refused"]) / elapsed:10.0f}   ({counts["refused"]} refused 409/422, {counts["errors"]} errors)')
    print(f'pgbench hot-row UPDATE   {tps:10.0f} tps ({clients} clients)')
    print(f'ratio accepted/pgbench   {accepted / tps:10.2f}')
    judged = (counts['accepted'] + counts['refused']) / elapsed
    print(f'ratio attempts/pgbench   {judged / tps:10.2f}   ({(counts["accepted"] + counts["refused"]) / max(1, counts["accepted"]):.1f} attempts judged per accepted bid)')
    print(f'anomalies                {non_rising + wrong_price + lost:10d}   (replay of {len(rows)} accepted bids: non-rising prices {non_rising}, '
          f'price differing from the model {wrong_price}, final lot differing from the model {lost}; leaders raising their own maximum {own_raises})')
    print(f'CPU during the storm      host {host_cpu / elapsed:.2f} cores, bidders\' client {client_cpu / elapsed:.2f} cores, '
          f'PostgreSQL {pg_cpu / elapsed:.2f} cores, everything else (other processes) {max(0.0, busy - host_cpu - client_cpu - pg_cpu) / elapsed:.2f} cores; '
          f'machine busy {busy / total:.0%} of {os.cpu_count()} cores')
    print(f'CPU per attempt          host {1000 * host_cpu / max(1, counts["accepted"] + counts["refused"]):.2f} ms, '
          f'PostgreSQL {1000 * pg_cpu / max(1, counts["accepted"] + counts["refused"]):.2f} ms')
    print(f'PostgreSQL commits       {transactions / max(1, counts["accepted"] + counts["refused"]):10.2f} per attempt ({transactions} in the storm)')
    print(f'final price              {final[0] / 100:10.2f} SAR (model), {lot_row[0] / 100:.2f} SAR (lot)')


if __name__ == '__main__':
    run(main, procs, WORK)
