/** Daily caps on free features (`daily_feature_uses`): claim one use atomically, or give it back. */

export const utcDay = (at: Date) => at.toISOString().slice(0, 10);

/** Takes one use if fewer than `limit` were taken today; returns whether it did and the uses now. */
export async function claimDailyUse(db: D1Database, input: { userId: string; feature: string; day: string; limit: number }): Promise<{ ok: boolean; uses: number }> {
  const row = await db
    .prepare(
      `INSERT INTO daily_feature_uses (user_id, feature, day, uses) SELECT ?1, ?2, ?3, 1 WHERE ?4 > 0
       ON CONFLICT (user_id, feature, day) DO UPDATE SET uses = uses + 1 WHERE uses < ?4
       RETURNING uses`,
    )
    .bind(input.userId, input.feature, input.day, input.limit)
    .first<{ uses: number }>();
  if (row !== null) return { ok: true, uses: row.uses };
  return { ok: false, uses: await dailyUses(db, input) };
}

export async function releaseDailyUse(db: D1Database, input: { userId: string; feature: string; day: string }): Promise<void> {
  await db.prepare("UPDATE daily_feature_uses SET uses = uses - 1 WHERE user_id = ?1 AND feature = ?2 AND day = ?3 AND uses > 0").bind(input.userId, input.feature, input.day).run();
}

export async function dailyUses(db: D1Database, input: { userId: string; feature: string; day: string }): Promise<number> {
  const row = await db.prepare("SELECT uses FROM daily_feature_uses WHERE user_id = ?1 AND feature = ?2 AND day = ?3").bind(input.userId, input.feature, input.day).first<{ uses: number }>();
  return row?.uses ?? 0;
}
