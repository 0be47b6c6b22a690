// Promo campaigns (issue 16 item 3): the pure window and bonus rules, the PROMO_CAMPAIGNS config
// (valid, invalid → no campaign and a logged error), `GET /api/campaign`, and the money path:
// checkout inside the window stamps the bonus into the session's metadata, the webhook grants
// package + promised bonus in one ledger row — also after the campaign ended, exactly once under
// replays and concurrency — and nothing changes outside the window. Stripe is the real SDK
// answered by test/support/stripe-fake.ts behind the fetch spy.
import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { campaignListSchema, campaignsFrom } from "../worker/env";
import { findPackage, subscriptionCredits } from "../worker/shared/billing";
import { activeCampaign, bonusFor, type Campaign, type CampaignResponse, COMMITTED_CAMPAIGNS, promisedBonus } from "../worker/shared/campaigns";
import type { CreditTransaction, Page } from "../worker/shared/contracts";
import { authorized, call, callJson, jsonRequest, withVars } from "./support/app";
import { balanceOf, ledgerSum, newUser, type TestUser } from "./support/factories";
import { interceptFetch } from "./support/http";
import { fakeStripeId, invoiceObject, signStripePayload, StripeFake, stripeEvent, TEST_WEBHOOK_SECRET } from "./support/stripe-fake";
import type Stripe from "stripe";

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

function campaign(overrides: Partial<Campaign> = {}): Campaign {
  const now = Date.now();
  return {
    id: "spring-test",
    startsAt: iso(now - HOUR),
    endsAt: iso(now + HOUR),
    bonusCredits: { "topup-starter": 2_000, "monthly-standard": 5_000 },
    banner: { en: "Spring sale: bonus credits on every package", de: "Frühlingsaktion: Bonus-Credits auf jedes Paket" },
    ...overrides,
  };
}

const STRIPE_VARS = { STRIPE_SECRET_KEY: "sk_test_sexyvoice", STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET };
const bindingsWith = (campaigns: Campaign[] | string | undefined) => withVars({ ...STRIPE_VARS, PROMO_CAMPAIGNS: campaigns === undefined || typeof campaigns === "string" ? campaigns : JSON.stringify(campaigns) });
const RUNNING = () => bindingsWith([campaign()]);
/** The same campaign, over by the time the webhook lands. */
const ENDED = () => bindingsWith([campaign({ startsAt: iso(Date.now() - 3 * HOUR), endsAt: iso(Date.now() - HOUR) })]);

const TOPUP = findPackage("topup-starter")!;
const MONTHLY = findPackage("monthly-standard")!;

function withFake(): StripeFake {
  const fake = new StripeFake({ origin: "https://checkout.stripe.test" });
  interceptFetch((request) => fake.handle(request));
  return fake;
}

async function deliver(event: Stripe.Event, bindings: Env) {
  const payload = JSON.stringify(event);
  const headers = { "content-type": "application/json", "stripe-signature": await signStripePayload(payload, TEST_WEBHOOK_SECRET) };
  return callJson<{ outcome?: string }>("/api/webhooks/stripe", { method: "POST", headers, body: payload }, bindings);
}

/** Buys `pkg` through the checkout route with `bindings` and returns the fake's session and what Stripe would send once paid. */
async function checkout(user: TestUser, pkg: { id: string }, bindings: Env) {
  const fake = withFake();
  const answer = await call("/api/billing/checkout", jsonRequest("POST", { packageId: pkg.id }, user.token), bindings);
  expect(answer.status).toBe(200);
  const session = [...fake.sessions.values()][0]!;
  const form = fake.requests.find((r) => r.path === "/v1/checkout/sessions")!.form;
  return { session, form, events: fake.pay(session) };
}

async function purchaseRows(userId: string) {
  const rows = await env.DB.prepare("SELECT amount, type, campaign_id, bonus_credits, balance_after FROM credit_transactions WHERE user_id = ?1 AND type IN ('topup', 'purchase') ORDER BY created_at, rowid")
    .bind(userId)
    .all<{ amount: number; type: string; campaign_id: string | null; bonus_credits: number; balance_after: number }>();
  return rows.results;
}

describe("the campaign rules (pure functions)", () => {
  const c = campaign({ startsAt: "2027-03-01T00:00:00Z", endsAt: "2027-03-08T00:00:00Z" });

  it("a campaign runs from its start (inclusive) to its end (exclusive)", () => {
    expect(activeCampaign([c], Date.parse("2027-02-28T23:59:59.999Z"))).toBeNull();
    expect(activeCampaign([c], Date.parse("2027-03-01T00:00:00Z"))).toBe(c);
    expect(activeCampaign([c], new Date("2027-03-07T23:59:59.999Z"))).toBe(c);
    expect(activeCampaign([c], Date.parse("2027-03-08T00:00:00Z"))).toBeNull();
    expect(activeCampaign([], Date.parse("2027-03-02T00:00:00Z"))).toBeNull();
  });

  it("picks the one running among several", () => {
    const later = campaign({ id: "later", startsAt: "2027-04-01T00:00:00Z", endsAt: "2027-04-02T00:00:00Z" });
    expect(activeCampaign([c, later], Date.parse("2027-04-01T12:00:00Z"))).toBe(later);
  });

  it("a top-up's bonus is the configured number; a subscription's is the 15 % of base plus bonus beyond its credits", () => {
    expect(bonusFor(c, "topup-starter")).toBe(2_000);
    // monthly-standard: base 25,000 + bonus 5,000 = 30,000, × 1.15 = 34,500; its credits are 28,750.
    expect(bonusFor(c, "monthly-standard")).toBe(subscriptionCredits(25_000 + 5_000) - 28_750);
    expect(bonusFor(c, "monthly-standard")).toBe(5_750);
    expect(bonusFor(c, "topup-pro")).toBe(0);
    expect(bonusFor(null, "topup-starter")).toBe(0);
    expect(bonusFor(c, "topup-free-money")).toBe(0);
  });

  it("reads a promised bonus back from metadata only when it is a whole positive number with a campaign id", () => {
    expect(promisedBonus({ campaignId: "spring", bonusCredits: "2000" })).toEqual({ campaignId: "spring", credits: 2_000 });
    const malformed: Record<string, string>[] = [
      {},
      { campaignId: "spring" },
      { bonusCredits: "2000" },
      { campaignId: "spring", bonusCredits: "-5" },
      { campaignId: "spring", bonusCredits: "1e6" },
      { campaignId: "spring", bonusCredits: "0" },
      { campaignId: "s", bonusCredits: "99999999" },
    ];
    for (const bad of malformed) {
      expect(promisedBonus(bad)).toBeNull();
    }
    expect(promisedBonus(null)).toBeNull();
  });
});

describe("PROMO_CAMPAIGNS", () => {
  it("unset means the committed list, which is itself valid", () => {
    expect(campaignsFrom(undefined)).toEqual({ list: COMMITTED_CAMPAIGNS, problem: null });
    expect(campaignListSchema.safeParse(COMMITTED_CAMPAIGNS).success).toBe(true);
  });

  it("a valid list replaces the committed one", () => {
    const list = [campaign()];
    expect(campaignsFrom(JSON.stringify(list))).toEqual({ list, problem: null });
  });

  it("anything invalid means no campaign, with a reason that names the problem", () => {
    const cases: Array<[string, RegExp]> = [
      ["{not json", /not valid JSON/],
      [JSON.stringify({ id: "x" }), /expected array/],
      [JSON.stringify([campaign({ endsAt: iso(Date.now() - 2 * HOUR) })]), /0\.endsAt: endsAt must be after startsAt/],
      [JSON.stringify([campaign({ bonusCredits: { "topup-free-money": 5 } })]), /0\.bonusCredits/],
      [JSON.stringify([campaign({ bonusCredits: { "topup-starter": 1.5 } })]), /0\.bonusCredits\.topup-starter/],
      [JSON.stringify([{ ...campaign(), banner: { de: "nur deutsch" } }]), /0\.banner\.en/],
      [JSON.stringify([campaign(), campaign({ id: "other" })]), /overlap/],
      [JSON.stringify([campaign({ id: "Spring Sale!" })]), /0\.id/],
    ];
    for (const [value, reason] of cases) {
      const result = campaignsFrom(value);
      expect(result.list, value).toEqual([]);
      expect(result.problem, value).toMatch(reason);
    }
  });

  it("an invalid value is logged once as an error and the product runs without a campaign", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const bindings = bindingsWith('[{"id":"broken"}]');
    const view = await callJson<CampaignResponse>("/api/campaign", {}, bindings);
    expect([view.status, view.body.campaign]).toEqual([200, null]);
    expect((await call("/api/billing/packages", {}, bindings)).status).toBe(200);
    const logged = errors.mock.calls.map((args) => String(args[0])).filter((line) => line.includes("PROMO_CAMPAIGNS"));
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!)).toMatchObject({ level: "error", message: expect.stringMatching(/^PROMO_CAMPAIGNS is invalid: 0\.startsAt: .*no campaign runs until it is fixed$/) });
    // And a checkout then grants no bonus.
    const user = await newUser();
    const { form } = await checkout(user, TOPUP, bindings);
    expect(form.metadata).toEqual({ userId: user.userId, packageId: TOPUP.id });
  });
});

describe("GET /api/campaign", () => {
  it("inside the window: the banner in the asked locale (English when it has none), the bonuses per package and a short public cache", async () => {
    const { status, body, response } = await callJson<CampaignResponse>("/api/campaign?locale=de", {}, RUNNING());
    expect(status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
    expect(body.campaign).toEqual({ id: "spring-test", endsAt: expect.any(String), banner: "Frühlingsaktion: Bonus-Credits auf jedes Paket", bonuses: { "topup-starter": 2_000, "monthly-standard": 5_750 } });
    expect(Date.parse(body.campaign!.endsAt) - Date.now()).toBeGreaterThan(HOUR - 60_000);
    expect((await callJson<CampaignResponse>("/api/campaign?locale=da", {}, RUNNING())).body.campaign?.banner).toBe("Spring sale: bonus credits on every package");
    expect((await callJson<CampaignResponse>("/api/campaign?locale=xx", {}, RUNNING())).body.campaign?.banner).toBe("Spring sale: bonus credits on every package");
  });

  it("before the start, after the end and with none configured it is null", async () => {
    const future = bindingsWith([campaign({ startsAt: iso(Date.now() + HOUR), endsAt: iso(Date.now() + 2 * HOUR) })]);
    for (const bindings of [future, ENDED(), withVars({})]) expect((await callJson<CampaignResponse>("/api/campaign", {}, bindings)).body).toEqual({ campaign: null });
  });
});

describe("checkout and webhook with a campaign", () => {
  it("inside the window the session's metadata carries the bonus and the webhook grants package + bonus in one ledger row", async () => {
    const user = await newUser();
    const { form, events } = await checkout(user, TOPUP, RUNNING());
    const promised = { userId: user.userId, packageId: TOPUP.id, campaignId: "spring-test", bonusCredits: "2000" };
    expect(form.metadata).toEqual(promised);
    expect(form.payment_intent_data).toEqual({ metadata: promised });
    expect(form).toMatchObject({ line_items: [{ price_data: { unit_amount: "500", product_data: { name: "10,000 SexyVoice credits + 2,000 bonus credits" } } }] });
    expect((await deliver(events[0]!, RUNNING())).body.outcome).toBe("applied");
    expect(await balanceOf(user.userId)).toBe(10_000 + 12_000);
    expect(await purchaseRows(user.userId)).toEqual([{ amount: 12_000, type: "topup", campaign_id: "spring-test", bonus_credits: 2_000, balance_after: 22_000 }]);
    const statement = await callJson<Page<CreditTransaction>>("/api/credits/transactions", authorized(user.token));
    expect(statement.body.items[0]).toMatchObject({ kind: "topup", amount: 12_000, bonus: 2_000 });
  });

  it("a package the campaign gives nothing for is bought as usual", async () => {
    const user = await newUser();
    const { form } = await checkout(user, findPackage("topup-pro")!, RUNNING());
    expect(form.metadata).toEqual({ userId: user.userId, packageId: "topup-pro" });
  });

  for (const [when, window] of [
    ["before the start", () => [campaign({ startsAt: iso(Date.now() + HOUR), endsAt: iso(Date.now() + 2 * HOUR) })]],
    ["after the end", () => [campaign({ startsAt: iso(Date.now() - 3 * HOUR), endsAt: iso(Date.now() - HOUR) })]],
  ] as const) {
    it(`${when} nothing changes: no bonus in the metadata, the package's credits only`, async () => {
      const user = await newUser();
      const bindings = bindingsWith(window());
      const { form, events } = await checkout(user, TOPUP, bindings);
      expect(form.metadata).toEqual({ userId: user.userId, packageId: TOPUP.id });
      expect(form).toMatchObject({ line_items: [{ price_data: { product_data: { name: "10,000 SexyVoice credits" } } }] });
      await deliver(events[0]!, bindings);
      expect(await balanceOf(user.userId)).toBe(20_000);
      expect(await purchaseRows(user.userId)).toEqual([{ amount: 10_000, type: "topup", campaign_id: null, bonus_credits: 0, balance_after: 20_000 }]);
    });
  }

  it("a webhook that lands after the campaign ended still grants the promised bonus, once, whatever is replayed or concurrent", async () => {
    const user = await newUser();
    const { events } = await checkout(user, TOPUP, RUNNING());
    const completed = events[0]!;
    const late = ENDED();
    const first = await deliver(completed, late);
    expect(first.body.outcome).toBe("applied");
    const again = await Promise.all([
      deliver(completed, late),
      deliver(completed, late),
      // Another delivery of the same payment under a new event id (Stripe's async-success event).
      deliver(stripeEvent("checkout.session.async_payment_succeeded", completed.data.object), late),
      deliver(stripeEvent("checkout.session.async_payment_succeeded", completed.data.object), withVars(STRIPE_VARS)),
    ]);
    expect(again.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(await balanceOf(user.userId)).toBe(22_000);
    expect(await purchaseRows(user.userId)).toEqual([{ amount: 12_000, type: "topup", campaign_id: "spring-test", bonus_credits: 2_000, balance_after: 22_000 }]);
    expect(await ledgerSum(user.userId)).toBe(22_000);
  });

  it("concurrent first deliveries of a late webhook grant the bonus once", async () => {
    const user = await newUser();
    const { events } = await checkout(user, TOPUP, RUNNING());
    const answers = await Promise.all(Array.from({ length: 6 }, () => deliver(events[0]!, ENDED())));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
    expect(await balanceOf(user.userId)).toBe(22_000);
    expect(await purchaseRows(user.userId)).toHaveLength(1);
  });
});

describe("subscriptions with a campaign", () => {
  it("the first invoice grants 15 % more on base plus bonus; renewals grant the subscription's credits only", async () => {
    const user = await newUser();
    const { form, events } = await checkout(user, MONTHLY, RUNNING());
    const promised = { userId: user.userId, packageId: MONTHLY.id, campaignId: "spring-test", bonusCredits: "5750" };
    expect(form.subscription_data).toEqual({ metadata: promised });
    expect(form).toMatchObject({ line_items: [{ price_data: { product_data: { name: "SexyVoice monthly: 28,750 credits every month (+ 5,750 bonus credits with the first month)" } } }] });
    // The first invoice's events arrive after the campaign ended; Stripe also sends invoice.payment_succeeded.
    for (const event of events) expect((await deliver(event, ENDED())).status).toBe(200);
    const invoice = events.find((e) => e.type === "invoice.paid")!;
    await deliver(stripeEvent("invoice.payment_succeeded", invoice.data.object), ENDED());
    await deliver(invoice, RUNNING());
    expect(await balanceOf(user.userId)).toBe(10_000 + subscriptionCredits(25_000 + 5_000));
    expect(await balanceOf(user.userId)).toBe(10_000 + 34_500);

    // A renewal while the campaign still runs: the same subscription metadata, but no new purchase.
    const subscription = (invoice.data.object as { parent: { subscription_details: { subscription: string } } }).parent.subscription_details.subscription;
    const renewal = invoiceObject({ id: fakeStripeId("in"), customer: "cus_x", subscription, metadata: promised, amountPaid: 1_000, paymentIntent: fakeStripeId("pi") });
    expect((await deliver(stripeEvent("invoice.paid", renewal), RUNNING())).body.outcome).toBe("applied");
    expect(await purchaseRows(user.userId)).toMatchObject([
      { amount: 34_500, type: "purchase", campaign_id: "spring-test", bonus_credits: 5_750 },
      { amount: 28_750, type: "purchase", campaign_id: null, bonus_credits: 0 },
    ]);
    expect(await ledgerSum(user.userId)).toBe(10_000 + 34_500 + 28_750);
  });
});
