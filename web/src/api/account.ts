/**
 * The account's own resources, used only by lazily loaded pages (Clone, API keys), so they stay
 * out of the first chunk that every page loads: "My voices" (saved cloned voices) and API keys,
 * through the same `request` and `upload` as every other call.
 */
import type { ApiKeyListResponse, CreateApiKeyRequest, CreatedApiKey, SavedVoice, SavedVoiceListResponse } from "../../../worker/shared/contracts";
import type { Locale } from "../i18n/routing";
import { request, upload, type UploadOptions } from "./client";

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
};
