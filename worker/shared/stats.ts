/**
 * The operators' daily report: what `GET /api/daily-stats` returns and what the 07:00 job sends
 * to Telegram (worker/cron/daily-stats.ts builds it once for both). Times are UTC days.
 */
export interface DailyStats {
  /** The UTC day reported, YYYY-MM-DD. */
  day: string;
  /** Profiles created that day. */
  newUsers: number;
  /** Distinct users with a usage event or a history row (generation, clone, cache hit) that day. */
  activeUsers: number;
  /** History rows of kind `tts` made that day, cache hits included. */
  generations: number;
  /** Of those, the ones answered from the cache (`cached` = 1, 0 credits). */
  cachedGenerations: number;
  /** cachedGenerations / generations in percent, one decimal; 0 without generations. */
  cacheHitRate: number;
  /** History rows of kind `clone` made that day (saved-voice generations included). */
  clones: number;
  /** Seconds talked in calls started that day, in minutes with one decimal. */
  callMinutes: number;
  /** Net credits charged that day: `usage` ledger rows less the refunds that closed reservations. */
  creditsSpent: number;
  /** Credits granted by payments that day (`purchase` and `topup` ledger rows). */
  creditsBought: number;
  /** Payments recorded that day (billing_payments): how many and their amount in cents (or the
   * currency's smallest unit) per lower-case currency code; `{}` when there were none. */
  payments: number;
  revenueCents: Record<string, number>;
  failures: {
    /** Productions refunded in full that day (reservations closed as refunded): provider errors,
     * timeouts, audio that could not be stored, and orphans the sweep refunded. */
    providerErrors: number;
    /** Queue messages that landed in the dead-letter table that day. */
    deadLetters: number;
  };
  /** The most used voices that day (history rows), at most three, catalogue or saved. */
  topVoices: { name: string; uses: number }[];
}
