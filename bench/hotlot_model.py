#!/usr/bin/env python3
"""What bench/hotlot.py's bidders could get accepted from an ideal server: a discrete-event model, no host, no database.

  python3 bench/hotlot_model.py [--judge-ms 2.0] [--ladder fine|default] [--seed N]

The same 200 bidders as the bench (a person on a phone: bids the next valid amount on its screen or the one its last 409
named, a maximum (i mod 5) x 50 SAR above it on the fine 1 SAR ladder or (i mod 5) increments above it on the house
ladder, screens pushed 11 ms after each 201, leaders do not bid) against a server that judges one bid at a time, in
arrival order, with the proxy rule (ProxyAuction.Place), taking --judge-ms per bid and 0.5 ms of network each way.
Prints attempts/s, accepted bids/s and the fraction accepted: the ceiling any server speed gives this bidder model.
One run varies by about a third with the seed (the bidders' start times); average a few.
"""
import argparse, heapq, random
from harness import house_ladder_above

ap = argparse.ArgumentParser()
ap.add_argument('--judge-ms', type=float, default=2.0); ap.add_argument('--ladder', choices=['fine', 'default'], default='fine')
ap.add_argument('--bidders', type=int, default=200); ap.add_argument('--seconds', type=float, default=20.0)
ap.add_argument('--seed', type=int, default=20261202)
a = ap.parse_args()
PUSH, NET, JUDGE, START = 0.011, 0.0005, a.judge_ms / 1000, 1000_00


above = (lambda p: p - p % 100 + 100) if a.ladder == 'fine' else house_ladder_above
lot = {'price': 0, 'leader': None, 'max': 0, 'runner': 0}


def place(bidder, amount, mx):
    """ProxyAuction.Place on the one lot; returns (outcome, next valid amount)."""
    mx = max(amount, mx)
    nxt = START if lot['leader'] is None else above(lot['price'])
    if lot['leader'] == bidder: return 'already-leading', nxt
    if mx < nxt: return 'too-low', nxt
    amount = max(amount, nxt)
    if lot['leader'] is None:
        lot.update(price=amount, leader=bidder, max=mx, runner=0)
    elif mx > lot['max']:
        runner = lot['max']
        lot.update(price=max(amount, min(mx, above(runner))), leader=bidder, max=mx, runner=runner)
    else:
        runner = max(lot['runner'], mx)
        lot.update(price=max(lot['price'], amount, min(lot['max'], above(runner))), runner=runner)
    return 'accepted', above(lot['price'])


events, order = [], [0]
def at(t, f):
    order[0] += 1; heapq.heappush(events, (t, order[0], f))


screen = {'next': START, 'paddle': None, 'price': 0}
bidders = [{'next': START, 'leading': False} for _ in range(a.bidders)]
server_free, counts = [0.0], {'accepted': 0, 'attempts': 0}


def bid(i, t):
    me = bidders[i]
    if me['leading']:
        me['leading'] = screen['paddle'] == i
        at(t + 0.01, lambda t: bid(i, t)); return
    amount = max(me['next'], screen['next'])
    mx = amount
    if a.ladder == 'fine': mx += 50_00 * (i % 5)
    else:
        for _ in range(i % 5): mx = above(mx)
    done = max(t + NET, server_free[0]) + JUDGE
    server_free[0] = done

    def judged(t):
        outcome, nxt = place(i, amount, mx)
        counts['attempts'] += 1
        me['next'] = nxt
        if outcome == 'accepted':
            counts['accepted'] += 1
            leads, price = lot['leader'] == i, lot['price']
            def push(t):
                if price >= screen['price']: screen.update(price=price, next=nxt, paddle=i if leads else screen['paddle'])
            at(t + NET + PUSH, push)
            me['leading'] = leads
        elif outcome == 'already-leading':
            me['leading'] = True
        at(t + NET, lambda t: bid(i, t))
    at(done, judged)


random.seed(a.seed)
for i in range(a.bidders): at(random.random() * 0.01, lambda t, i=i: bid(i, t))
while events:
    t, _, f = heapq.heappop(events)
    if t > a.seconds: break
    f(t)
print(f'judge {a.judge_ms} ms per bid, ladder {a.ladder}: attempts/s {counts["attempts"] / a.seconds:.0f}, accepted bids/s '
      f'{counts["accepted"] / a.seconds:.0f} ({counts["accepted"] / max(1, counts["attempts"]):.3f} of attempts), final price {lot["price"] / 100:,.0f} SAR')
