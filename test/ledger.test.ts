import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { grant, refund, reserve, settle } from "../worker/db/ledger";
import { balanceOf, ledgerTotals, newAccount } from "./support/factories";

describe("credit ledger", () => {
  it("lets exactly 10 of 50 concurrent reservations through when the balance covers 10, ending at 0", async () => {
    const userId = await newAccount(1_000);
    const outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) => reserve(env.DB, { userId, amount: 100, key: `op-${i}`, purpose: "tts", description: "test" })));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(10);
    expect(await balanceOf(userId)).toBe(0);
    const ledger = await ledgerTotals(userId);
    expect(ledger.sum).toBe(0);
    expect(ledger.rows).toBe(11);
    const negative = await env.DB.prepare("SELECT COUNT(*) AS n FROM credit_transactions WHERE user_id = ?1 AND balance_after < 0").bind(userId).first<{ n: number }>();
    expect(negative?.n).toBe(0);
  });

  it("replaying a reservation with the same key reserves nothing more and returns the same reservation", async () => {
    const userId = await newAccount(500);
    const first = await reserve(env.DB, { userId, amount: 200, key: "same", purpose: "tts", description: "test" });
    const again = await reserve(env.DB, { userId, amount: 200, key: "same", purpose: "tts", description: "test" });
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(first.applied).toBe(true);
    expect(again.applied).toBe(false);
    expect(again.reservationId).toBe(first.reservationId);
    expect(await balanceOf(userId)).toBe(300);
    expect((await ledgerTotals(userId)).rows).toBe(2);
  });

  it("refuses a reservation larger than the balance without writing anything", async () => {
    const userId = await newAccount(99);
    const outcome = await reserve(env.DB, { userId, amount: 100, key: "too-big", purpose: "tts", description: "test" });
    expect(outcome).toEqual({ ok: false, balance: 99 });
    expect(await ledgerTotals(userId)).toEqual({ sum: 99, rows: 1 });
  });

  it("settling below the estimate refunds the difference once, even when replayed", async () => {
    const userId = await newAccount(1_000);
    const held = await reserve(env.DB, { userId, amount: 400, key: "gen", purpose: "tts", description: "test" });
    if (!held.ok) throw new Error("reservation failed");
    const settled = await settle(env.DB, { reservationId: held.reservationId, actualAmount: 150, key: "settle:gen" });
    const replay = await settle(env.DB, { reservationId: held.reservationId, actualAmount: 150, key: "settle:gen" });
    expect(settled).toMatchObject({ applied: true, balance: 850 });
    expect(replay).toMatchObject({ applied: false, balance: 850 });
    const row = await env.DB.prepare("SELECT status, final_amount FROM credit_reservations WHERE id = ?1").bind(held.reservationId).first();
    expect(row).toEqual({ status: "settled", final_amount: 150 });
    expect(await ledgerTotals(userId)).toEqual({ sum: 850, rows: 3 });
  });

  it("settling above the estimate collects the extra only up to the balance", async () => {
    const userId = await newAccount(500);
    const held = await reserve(env.DB, { userId, amount: 400, key: "gen", purpose: "tts", description: "test" });
    if (!held.ok) throw new Error("reservation failed");
    const settled = await settle(env.DB, { reservationId: held.reservationId, actualAmount: 1_000, key: "settle:gen" });
    expect(settled).toMatchObject({ applied: true, balance: 0 });
    const row = await env.DB.prepare("SELECT final_amount FROM credit_reservations WHERE id = ?1").bind(held.reservationId).first();
    expect(row).toEqual({ final_amount: 500 });
    expect(await ledgerTotals(userId)).toEqual({ sum: 0, rows: 3 });
  });

  it("an exact estimate settles with one zero-amount row", async () => {
    const userId = await newAccount(500);
    const held = await reserve(env.DB, { userId, amount: 120, key: "gen", purpose: "tts", description: "test" });
    if (!held.ok) throw new Error("reservation failed");
    await settle(env.DB, { reservationId: held.reservationId, actualAmount: 120, key: "settle:gen" });
    const last = await env.DB.prepare("SELECT amount, type FROM credit_transactions WHERE reservation_id = ?1 ORDER BY created_at DESC, rowid DESC LIMIT 1").bind(held.reservationId).first();
    expect(last).toEqual({ amount: 0, type: "usage" });
    expect(await balanceOf(userId)).toBe(380);
  });

  it("refunds a reservation once; a second refund or a later settle changes nothing", async () => {
    const userId = await newAccount(300);
    const held = await reserve(env.DB, { userId, amount: 300, key: "gen", purpose: "tts", description: "test" });
    if (!held.ok) throw new Error("reservation failed");
    expect(await balanceOf(userId)).toBe(0);
    const first = await refund(env.DB, { reservationId: held.reservationId, key: `refund:${held.reservationId}` });
    const second = await refund(env.DB, { reservationId: held.reservationId, key: "refund:other-key" });
    const late = await settle(env.DB, { reservationId: held.reservationId, actualAmount: 10, key: "settle:late" });
    expect(first).toMatchObject({ applied: true, balance: 300 });
    expect(second.applied).toBe(false);
    expect(late.applied).toBe(false);
    expect(await ledgerTotals(userId)).toEqual({ sum: 300, rows: 3 });
  });

  it("concurrent settle and refund of one reservation apply exactly one of them", async () => {
    const userId = await newAccount(1_000);
    const held = await reserve(env.DB, { userId, amount: 500, key: "gen", purpose: "tts", description: "test" });
    if (!held.ok) throw new Error("reservation failed");
    const results = await Promise.all([
      settle(env.DB, { reservationId: held.reservationId, actualAmount: 100, key: "settle:gen" }),
      refund(env.DB, { reservationId: held.reservationId, key: `refund:${held.reservationId}` }),
      settle(env.DB, { reservationId: held.reservationId, actualAmount: 100, key: "settle:gen" }),
    ]);
    expect(results.filter((r) => r.applied)).toHaveLength(1);
    const ledger = await ledgerTotals(userId);
    expect(ledger.sum).toBe(await balanceOf(userId));
    expect(ledger.rows).toBe(3);
  });

  it("grants are idempotent by key", async () => {
    const userId = await newAccount(0);
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => grant(env.DB, { userId, amount: 2_500, type: "topup", key: "stripe:pi_1", description: "Top-up" })));
    expect(outcomes.filter((o) => o.applied)).toHaveLength(1);
    expect(await balanceOf(userId)).toBe(2_500);
  });

  it("rejects non-integer and non-positive amounts before touching the database", async () => {
    const userId = await newAccount(100);
    await expect(reserve(env.DB, { userId, amount: 1.5, key: "x", purpose: "tts", description: "" })).rejects.toThrow(RangeError);
    await expect(grant(env.DB, { userId, amount: -5, type: "adjustment", key: "y", description: "" })).rejects.toThrow(RangeError);
    expect(await ledgerTotals(userId)).toEqual({ sum: 100, rows: 1 });
  });

  it("the schema itself refuses a negative balance", async () => {
    const userId = await newAccount(10);
    await expect(env.DB.prepare("UPDATE credits SET balance = -1 WHERE user_id = ?1").bind(userId).run()).rejects.toThrow(/CHECK/);
  });
});
