/* test_claims.c: the money claims and swaps move: claim_refund_amount (domain/claims.c), what a
 * refund claim refunds, against safety.md's rule that no refund exceeds what was paid less what
 * was refunded; swap_payment_step (domain/swaps.c), what processing a swap's difference does. */
#include "domain/claims.h"
#include "domain/swaps.h"
#include "tap.h"

int main(void)
{
    int64_t out = -1;

    /* No amount asked: the claimed lines' refund (as a return of them would refund). */
    ok(claim_refund_amount(0, 0, 2500, 10000, 0, &out) == 0 && out == 2500,
       "computed refund under what is left is refunded whole");
    ok(claim_refund_amount(0, 0, 2500, 10000, 9000, &out) == 0 && out == 1000,
       "computed refund above paid - refunded is capped at what is left");
    ok(claim_refund_amount(0, 0, 2500, 10000, 10000, &out) == 0 && out == 0,
       "nothing left to refund: the claim refunds 0");
    ok(claim_refund_amount(0, 0, -10, 10000, 0, &out) == 0 && out == 0,
       "a negative computation refunds nothing");

    /* An amount asked by the admin. */
    ok(claim_refund_amount(1, 4000, 2500, 10000, 0, &out) == 0 && out == 4000,
       "an asked amount wins over the computed one");
    ok(claim_refund_amount(1, 10000, 0, 10000, 0, &out) == 0 && out == 10000,
       "exactly what was paid may be refunded");
    out = 7;
    ok(claim_refund_amount(1, 10001, 0, 10000, 0, &out) == -1 && out == 7,
       "one cent above what was paid is refused, out untouched");
    ok(claim_refund_amount(1, 3000, 0, 10000, 8000, &out) == -1,
       "above paid - refunded (earlier refunds counted) is refused");
    ok(claim_refund_amount(1, -1, 0, 10000, 0, &out) == -1, "a negative amount is refused");
    ok(claim_refund_amount(1, 0, 500, 10000, 0, &out) == 0 && out == 0,
       "an asked 0 refunds nothing, whatever the lines are worth");
    ok(claim_refund_amount(1, 1, 0, 1000, 2000, &out) == -1,
       "refunded above paid (never, but) leaves nothing to refund");

    /* A swap's difference (SwapService.processDifference). */
    ok(swap_payment_step(2700, "awaiting") == SWAP_CAPTURE, "positive difference: capture");
    ok(swap_payment_step(2700, "captured") == SWAP_DONE, "positive difference captured: nothing");
    ok(swap_payment_step(-950, "awaiting") == SWAP_REFUND, "negative difference: refund");
    ok(swap_payment_step(-950, "difference_refunded") == SWAP_DONE,
       "negative difference refunded: never again");
    ok(swap_payment_step(0, "confirmed") == SWAP_SETTLE, "even swap: settled without money");
    ok(swap_payment_step(0, "difference_refunded") == SWAP_DONE, "even swap settled: nothing");
    ok(swap_payment_step(-1, "captured") == SWAP_REFUND,
       "a refund is decided by the sign, not by an unrelated status");

    return done_testing();
}
