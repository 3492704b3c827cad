using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArtSouk.Auctions.Persistence.Migrations.Postgres
{
    /// <summary>
    /// Group commit for a hot lot: <c>auctions.place_bids</c> judges a queue of bids on one lot in their order, each by
    /// <c>auctions.place_bid</c> (so by the same rule, under the row's lock, each against the state the previous one
    /// left), in one statement that commits on its own: one round trip and one commit for the whole queue. A bid whose
    /// bidder holds no approved registration without a pending deposit is answered <c>unregistered</c> and judged
    /// nothing; the host sends it down the single-bid path, which registers or refuses it. A bid that place_bid would
    /// refuse too-low against the row as the batch has left it is refused without calling it.
    /// </summary>
    [DbContext(typeof(PostgresAuctionsDbContext))]
    [Migration("20261202143000_PlaceBidsBatch")]
    public partial class PlaceBidsBatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION auctions.place_bids(
                    p_lot uuid, p_bidders uuid[], p_client_bid_ids text[], p_amounts bigint[], p_maxes bigint[], p_notice_ids uuid[],
                    p_now_ms bigint, p_now timestamptz, p_window_ms bigint, p_hard_stop_ms bigint,
                    p_froms bigint[], p_starts int[], p_lens int[], p_steps bigint[], p_throttle_ms bigint)
                RETURNS TABLE(ord int, paddle bigint, outcome text, bid_id bigint, amount_minor bigint, price_minor bigint, is_leading boolean,
                    leader_paddle bigint, next_valid_minor bigint, ends_at_ms bigint, extended boolean, reserve_met boolean, bid_count int, outbid boolean)
                LANGUAGE plpgsql AS $fn$
                DECLARE
                    l auctions.lots%ROWTYPE;
                    v_open boolean;
                    v_leader uuid;
                    v_next bigint;
                    r record;
                BEGIN
                    -- The lot's row is locked once for the queue; place_bid's own FOR UPDATE then finds it held by this transaction.
                    SELECT * INTO l FROM auctions.lots WHERE id = p_lot FOR UPDATE;
                    -- The row as the batch leaves it, kept here: only place_bid moves it while this transaction holds the lock,
                    -- and an end only moves later within one batch's clock.
                    v_open := FOUND AND l.state = 'open' AND p_now_ms < l.ends_at_ms AND p_now_ms >= l.opens_at_ms;
                    v_leader := l.leader_id;
                    v_next := CASE WHEN l.leader_id IS NULL THEN l.starting_minor
                        ELSE auctions.ladder_above(l.price_minor, p_froms, p_starts, p_lens, p_steps) END;
                    FOR i IN 1 .. coalesce(array_length(p_bidders, 1), 0) LOOP
                        ord := i; bid_id := NULL; amount_minor := NULL; price_minor := NULL; is_leading := NULL; leader_paddle := NULL;
                        next_valid_minor := NULL; ends_at_ms := NULL; extended := NULL; reserve_met := NULL; bid_count := NULL; outbid := NULL;
                        SELECT g.paddle INTO paddle FROM auctions.registrations g
                            WHERE g.sale_id = l.sale_id AND g.bidder_id = p_bidders[i] AND g.state = 'approved'
                              AND g.deposit_state IS DISTINCT FROM 'pending';
                        IF NOT FOUND THEN
                            paddle := NULL; outcome := 'unregistered';
                            RETURN NEXT;
                            CONTINUE;
                        END IF;
                        -- Below the next valid amount of the row as it is now, from a bidder not leading, and not a retry of a
                        -- bid already accepted: place_bid would refuse it too-low; refused here without its work (most bids in a storm).
                        IF v_open AND p_bidders[i] IS DISTINCT FROM v_leader AND greatest(p_amounts[i], p_maxes[i]) < v_next
                           AND NOT EXISTS (SELECT 1 FROM auctions.bids b
                               WHERE b.lot_id = p_lot AND b.bidder_id = p_bidders[i] AND b.client_bid_id = p_client_bid_ids[i]) THEN
                            outcome := 'too-low'; next_valid_minor := v_next;
                            RETURN NEXT;
                            CONTINUE;
                        END IF;
                        SELECT * INTO r FROM auctions.place_bid(p_lot, p_bidders[i], paddle, p_client_bid_ids[i], p_amounts[i], p_maxes[i],
                            p_now_ms, p_now, p_window_ms, p_hard_stop_ms, p_froms, p_starts, p_lens, p_steps, p_throttle_ms, p_notice_ids[i]);
                        outcome := r.outcome; bid_id := r.bid_id; amount_minor := r.amount_minor; price_minor := r.price_minor;
                        is_leading := r.is_leading; leader_paddle := r.leader_paddle; next_valid_minor := r.next_valid_minor;
                        ends_at_ms := r.ends_at_ms; extended := r.extended; reserve_met := r.reserve_met; bid_count := r.bid_count; outbid := r.outbid;
                        IF r.outcome = 'accepted' THEN
                            -- An accepted bid that does not lead leaves the leader as it was (their maximum answered it).
                            v_next := r.next_valid_minor;
                            IF r.is_leading THEN v_leader := p_bidders[i]; END IF;
                        END IF;
                        RETURN NEXT;
                    END LOOP;
                END
                $fn$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS auctions.place_bids(uuid, uuid[], text[], bigint[], bigint[], uuid[], bigint, timestamptz, bigint, bigint, bigint[], int[], int[], bigint[], bigint);");
        }
    }
}
