/**
 * `POST /api/keys`, `GET /api/keys`, `DELETE /api/keys/:id`: a signed-in user's API keys,
 * managed only with a dashboard session (the `user` scheme refuses an API key, middleware.ts).
 */
import { Hono } from "hono";
import type { AppEnv } from "../context";
import { listActiveApiKeys, revokeApiKey } from "../db/api-keys";
import { jsonBody } from "../middleware";
import { createApiKey } from "../services/api-keys";
import { createApiKeyRequestSchema, type ApiKeyListResponse } from "../shared/contracts";
import { AppError } from "../shared/errors";
import { MAX_ACTIVE_API_KEYS } from "../shared/limits";

export const apiKeyRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const keys = await listActiveApiKeys(c.env.DB, c.get("identity").userId);
    const body: ApiKeyListResponse = { keys: keys.map(({ userId: _owner, ...key }) => key), limit: MAX_ACTIVE_API_KEYS };
    return c.json(body);
  })
  .post("/", async (c) => {
    const request = await jsonBody(c, createApiKeyRequestSchema);
    return c.json(await createApiKey(c.env.DB, c.get("identity").userId, request), 201);
  })
  .delete("/:id", async (c) => {
    if (!(await revokeApiKey(c.env.DB, c.get("identity").userId, c.req.param("id")))) throw new AppError("not_found", "You have no such API key.");
    return c.body(null, 204);
  });
