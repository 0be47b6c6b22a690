/**
 * The account's own resources, used only by lazily loaded pages (Clone, API keys, Profile), so
 * they stay out of the first chunk that every page loads: "My voices" (saved cloned voices), API
 * keys, and the account's export and deletion, through the same `request` and `upload` as every
 * other call.
 */
import type { ApiKeyListResponse, CreateApiKeyRequest, CreatedApiKey, DeleteAccountResponse, SavedVoice, SavedVoiceListResponse } from "../../../worker/shared/contracts";
import type { Locale } from "../i18n/routing";
import { ApiError, authorizationHeader, isAbortError, readAnswer, request, upload, type UploadOptions } from "./client";

/** `GET /api/me/export` as a file: the JSON exactly as the server wrote it, and the name it suggests. */
async function downloadAccountData(): Promise<{ blob: Blob; fileName: string }> {
  const path = "/api/me/export";
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: "application/json", ...(await authorizationHeader()) }, cache: "no-store" });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError("network", error instanceof Error ? error.message : "Network error", 0);
  }
  if (!response.ok) readAnswer<never>(path, response.status, await response.text(), response.headers.get("retry-after"), true);
  const fileName = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "sexyvoice-data.json";
  return { blob: await response.blob(), fileName };
}

/** Saving a recording as one of "My voices": the same file, locale and consent as cloning. */
export interface SaveVoiceInput {
  file: Blob;
  fileName: string;
  name: string;
  locale: Locale;
}

export const accountApi = {
  /** "My voices": the user's saved cloned voices and how many they may keep. */
  myVoices: () => request<SavedVoiceListResponse>("GET", "/api/my-voices"),
  /** Multipart `POST /api/my-voices`: keeps the recording (privately) as a voice of the user's. */
  saveVoice: (input: SaveVoiceInput, options: UploadOptions = {}) => {
    const form = new FormData();
    form.set("name", input.name);
    form.set("locale", input.locale);
    form.set("consent", "true");
    form.set("file", input.file, input.fileName);
    return upload<SavedVoice>("/api/my-voices", form, options);
  },
  renameVoice: (id: string, name: string) => request<SavedVoice>("PATCH", `/api/my-voices/${encodeURIComponent(id)}`, { body: { name } }),
  /** 204 on success; 404 voice_not_found when it is not (or no longer) one of the user's. */
  deleteVoice: (id: string) => request<void>("DELETE", `/api/my-voices/${encodeURIComponent(id)}`),
  /** API keys (dashboard session only): the active ones and the limit. */
  apiKeys: () => request<ApiKeyListResponse>("GET", "/api/keys"),
  /** The answer holds the whole key: the only time it is ever shown. */
  createApiKey: (body: CreateApiKeyRequest) => request<CreatedApiKey>("POST", "/api/keys", { body }),
  revokeApiKey: (id: string) => request<void>("DELETE", `/api/keys/${encodeURIComponent(id)}`),
  /** Everything the account holds, as the JSON file to save. */
  downloadAccountData,
  /** One step of the deletion: `in_progress` (202) means ask again shortly; `deleted` means the session is over. */
  deleteAccount: (confirm: string) => request<DeleteAccountResponse>("DELETE", "/api/me", { body: { confirm } }),
};
