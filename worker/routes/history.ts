/** `GET /api/history`, `DELETE /api/history/:id`, `DELETE /api/history`: the user's own generations (signed-in users, declared in app.ts). */
import { Hono } from "hono";
import type { AppEnv } from "../context";
import { audioFormatOf, type DeleteHistoryResponse, type HistoryItem, type Page } from "../shared/contracts";
import { AppError } from "../shared/errors";
import { parseInput } from "../middleware";
import { deleteAllHistory, deleteHistoryItem, listHistory } from "../db/audio-files";
import { audioLinks } from "../services/audio-urls";
import { pageQuerySchema } from "./credits";

const PREVIEW_CHARACTERS = 120;

export const historyRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
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
    const body: Page<HistoryItem> = { items, nextCursor: page.nextCursor };
    return c.json(body);
  })
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
