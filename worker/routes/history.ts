/** `GET /api/history`, `DELETE /api/history/:id`, `DELETE /api/history`: the user's own generations (signed-in users, declared in app.ts). */
import { Hono, type Context } from "hono";
import type { AppEnv } from "../context";
import { audioFormatOf, pageQuerySchema, type DeleteHistoryResponse, type HistoryItem, type Page } from "../shared/contracts";
import { AppError } from "../shared/errors";
import { parseInput } from "../middleware";
import { deleteAllHistory, deleteHistoryItem, listHistory } from "../db/audio-files";
import { audioLinks } from "../services/audio-urls";

const PREVIEW_CHARACTERS = 120;

/** One page of the signed-in user's history, each item with a fresh signed link (also `GET /api/v1/history`). */
export async function historyPage(c: Context<AppEnv>): Promise<Page<HistoryItem>> {
  const { limit, cursor } = parseInput(pageQuerySchema, c.req.query());
  const page = await listHistory(c.env.DB, c.get("identity").userId, limit, cursor);
  const links = audioLinks(new URL(c.req.url).origin, c.get("config"), c.env.DB);
  const items: HistoryItem[] = await Promise.all(
    page.items.map(async (row) => ({
      id: row.id,
      kind: row.kind,
      voice: { id: row.voice_id, name: row.voice_name },
      textPreview: [...row.text_content].length > PREVIEW_CHARACTERS ? `${[...row.text_content].slice(0, PREVIEW_CHARACTERS).join("")}…` : row.text_content,
      text: row.text_content,
      style: row.style,
      creditsUsed: row.credits_used,
      durationSeconds: row.duration_seconds,
      cached: row.cached === 1,
      provider: row.provider,
      model: row.model,
      contentType: row.content_type,
      format: audioFormatOf(row.content_type),
      createdAt: row.created_at,
      url: await links.link(row.id, row.storage_key),
    })),
  );
  return { items, nextCursor: page.nextCursor };
}

export const historyRoutes = new Hono<AppEnv>()
  .get("/", async (c) => c.json(await historyPage(c)))
  .delete("/:id", async (c) => {
    const deleted = await deleteHistoryItem(c.env.DB, c.get("identity").userId, c.req.param("id"));
    if (deleted === 0) throw new AppError("not_found", "That history item does not exist.");
    const body: DeleteHistoryResponse = { deleted };
    return c.json(body);
  })
  .delete("/", async (c) => {
    const body: DeleteHistoryResponse = { deleted: await deleteAllHistory(c.env.DB, c.get("identity").userId) };
    return c.json(body);
  });
