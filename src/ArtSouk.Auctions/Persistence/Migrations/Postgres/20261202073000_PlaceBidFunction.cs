using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArtSouk.Auctions.Persistence.Migrations.Postgres
{
    /// <summary>
    /// The accept path as one statement on PostgreSQL: <c>auctions.place_bid</c> locks the lot's row, judges the bid
    /// against the row as it is now (the same rule as <c>ProxyAuction.Place</c>), moves the row, inserts the bid (and the
    /// proxy raise), and writes the throttled outbid notice, in one call that commits on its own. Bids on one lot queue
    /// on the row's lock inside the database instead of the host re-reading after a lost conditional update.
    /// </summary>
    [DbContext(typeof(PostgresAuctionsDbContext))]
    [Migration("20261202073000_PlaceBidFunction")]
    public partial class PlaceBidFunction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION auctions.ladder_above(p bigint, froms bigint[], starts int[], lens int[], steps bigint[])
                RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS $fn$
                DECLARE
                    i int := 1;
                    n int := array_length(froms, 1);
                    ceiling bigint;
                    cycle bigint := 0;
                    point bigint;
                BEGIN
                    FOR j IN 1 .. n LOOP
                        IF froms[j] <= p THEN i := j; END IF;
                    END LOOP;
                    ceiling := CASE WHEN i < n THEN froms[i + 1] ELSE 9223372036854775807 END;
                    FOR k IN starts[i] .. starts[i] + lens[i] - 1 LOOP
                        cycle := cycle + steps[k];
                    END LOOP;
                    point := p - (p - froms[i]) % cycle;
                    FOR k IN starts[i] .. starts[i] + lens[i] - 1 LOOP
                        point := point + steps[k];
                        IF point > p THEN RETURN least(point, ceiling); END IF;
                    END LOOP;
                    RETURN least(point, ceiling);
                END
                $fn$;
                """);
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION auctions.place_bid(
                    p_lot uuid, p_bidder uuid, p_paddle bigint, p_client_bid_id text, p_amount bigint, p_max bigint,
                    p_now_ms bigint, p_now timestamptz, p_window_ms bigint, p_hard_stop_ms bigint,
                    p_froms bigint[], p_starts int[], p_lens int[], p_steps bigint[], p_throttle_ms bigint, p_notice_id uuid)
                RETURNS TABLE(outcome text, bid_id bigint, amount_minor bigint, price_minor bigint, is_leading boolean, leader_paddle bigint,
                    next_valid_minor bigint, ends_at_ms bigint, extended boolean, reserve_met boolean, bid_count int, outbid boolean)
                LANGUAGE plpgsql AS $fn$
                #variable_conflict use_column
                DECLARE
                    l auctions.lots%ROWTYPE;
                    v_max bigint := greatest(p_amount, p_max);
                    v_next bigint;
                    v_price bigint;
                    v_leader uuid;
                    v_leader_max bigint;
                    v_runner bigint;
                    v_paddle bigint;
                    v_effective bigint;
                    v_ends bigint;
                    v_key text;
                    v_last timestamptz;
                BEGIN
                    SELECT * INTO l FROM auctions.lots WHERE id = p_lot FOR UPDATE;
                    IF NOT FOUND THEN
                        outcome := 'not-found'; RETURN NEXT; RETURN;
                    END IF;
                    -- Under the row's lock, in a fresh snapshot: a retry of a bid already accepted answers with that bid.
                    IF EXISTS (SELECT 1 FROM auctions.bids b WHERE b.lot_id = p_lot AND b.bidder_id = p_bidder AND b.client_bid_id = p_client_bid_id) THEN
                        outcome := 'retry'; RETURN NEXT; RETURN;
                    END IF;
                    v_next := CASE WHEN l.leader_id IS NULL THEN l.starting_minor
                        ELSE auctions.ladder_above(l.price_minor, p_froms, p_starts, p_lens, p_steps) END;
                    next_valid_minor := v_next;
                    IF l.state <> 'open' OR p_now_ms >= l.ends_at_ms OR p_now_ms < l.opens_at_ms THEN
                        outcome := CASE WHEN p_now_ms < l.opens_at_ms THEN 'not-open' ELSE 'closed' END; RETURN NEXT; RETURN;
                    END IF;
                    v_price := l.price_minor; v_leader := l.leader_id; v_leader_max := l.leader_max_minor;
                    v_runner := l.runner_up_max_minor; v_paddle := l.leader_paddle;
                    IF l.leader_id = p_bidder THEN
                        IF v_max <= l.leader_max_minor THEN
                            outcome := 'already-leading'; RETURN NEXT; RETURN;
                        END IF;
                        -- The leader raises its maximum: the runner-up's maximum earns one increment of pressure, no more.
                        IF v_runner > 0 THEN
                            v_price := greatest(v_price, least(v_max, auctions.ladder_above(v_runner, p_froms, p_starts, p_lens, p_steps)));
                        END IF;
                        v_leader_max := v_max;
                        v_effective := l.price_minor;
                    ELSE
                        IF v_max < v_next THEN
                            outcome := 'too-low'; RETURN NEXT; RETURN;
                        END IF;
                        -- A maximum is a standing instruction: an overtaken amount is placed at the next valid amount.
                        v_effective := greatest(p_amount, v_next);
                        IF l.leader_id IS NULL THEN
                            v_price := v_effective; v_leader := p_bidder; v_leader_max := v_max; v_runner := 0;
                        ELSIF v_max > l.leader_max_minor THEN
                            v_runner := l.leader_max_minor;
                            v_price := greatest(v_effective, least(v_max, auctions.ladder_above(v_runner, p_froms, p_starts, p_lens, p_steps)));
                            v_leader := p_bidder; v_leader_max := v_max;
                        ELSE
                            v_runner := greatest(l.runner_up_max_minor, v_max);
                            v_price := greatest(l.price_minor, v_effective,
                                least(l.leader_max_minor, auctions.ladder_above(v_runner, p_froms, p_starts, p_lens, p_steps)));
                        END IF;
                    END IF;
                    IF l.reserve_minor IS NOT NULL AND v_price < l.reserve_minor AND v_leader_max >= l.reserve_minor THEN
                        v_price := l.reserve_minor;
                    END IF;
                    IF v_leader = p_bidder THEN v_paddle := p_paddle; END IF;
                    v_ends := l.ends_at_ms;
                    IF p_window_ms > 0 AND l.ends_at_ms - p_now_ms <= p_window_ms THEN
                        v_ends := greatest(l.ends_at_ms, least(p_now_ms + p_window_ms, p_hard_stop_ms));
                    END IF;
                    UPDATE auctions.lots SET version = l.version + 1, price_minor = v_price, leader_id = v_leader, leader_paddle = v_paddle,
                        leader_max_minor = v_leader_max, runner_up_max_minor = v_runner, bid_count = l.bid_count + 1, ends_at_ms = v_ends
                        WHERE id = p_lot;
                    INSERT INTO auctions.bids (lot_id, bidder_id, paddle, client_bid_id, kind, amount_minor, max_minor, price_after_minor, "leading", placed_at)
                        VALUES (p_lot, p_bidder, p_paddle, p_client_bid_id, 'bid', v_effective, v_max, v_price, v_leader = p_bidder, p_now)
                        RETURNING id INTO bid_id;
                    -- The price moved on the leader's behalf (their proxy answered, or the reserve was reached): history shows that raise too.
                    IF v_price <> v_effective AND v_price <> l.price_minor THEN
                        INSERT INTO auctions.bids (lot_id, bidder_id, paddle, client_bid_id, kind, amount_minor, max_minor, price_after_minor, "leading", placed_at)
                            VALUES (p_lot, v_leader, coalesce(v_paddle, 0), NULL, 'proxy', v_price, v_leader_max, v_price, true, p_now);
                    END IF;
                    -- The leader lost the lead: one outbid notice per lot and person per throttle, written with the bid.
                    outbid := false;
                    IF l.leader_id IS NOT NULL AND l.leader_id <> v_leader THEN
                        v_key := replace(p_lot::text, '-', '') || ':' || replace(l.leader_id::text, '-', '');
                        SELECT m.occurred_at INTO v_last FROM auctions.auctions_outbox_messages m
                            WHERE m.key = v_key AND m.type = 'auctions.outbid' ORDER BY m.sequence DESC LIMIT 1;
                        IF v_last IS NULL OR p_now - v_last >= p_throttle_ms * interval '1 millisecond' THEN
                            INSERT INTO auctions.auctions_outbox_messages (id, type, key, payload, occurred_at, attempts)
                                VALUES (p_notice_id, 'auctions.outbid', v_key,
                                    jsonb_build_object('lotId', p_lot, 'userId', l.leader_id, 'priceMinor', v_price)::text, p_now, 0);
                            outbid := true;
                        END IF;
                    END IF;
                    outcome := 'accepted';
                    amount_minor := v_effective;
                    price_minor := v_price;
                    is_leading := v_leader = p_bidder;
                    leader_paddle := v_paddle;
                    next_valid_minor := auctions.ladder_above(v_price, p_froms, p_starts, p_lens, p_steps);
                    ends_at_ms := v_ends;
                    extended := v_ends <> l.ends_at_ms;
                    reserve_met := l.reserve_minor IS NULL OR v_price >= l.reserve_minor;
                    bid_count := l.bid_count + 1;
                    RETURN NEXT;
                END
                $fn$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS auctions.place_bid(uuid, uuid, bigint, text, bigint, bigint, bigint, timestamptz, bigint, bigint, bigint[], int[], int[], bigint[], bigint, uuid);");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS auctions.ladder_above(bigint, bigint[], int[], int[], bigint[]);");
        }
    }
}
