/**
 * The Usage page's calls, loaded with that page only: pages of the user's own events, the summary,
 * and the CSV export of the whole filtered range (fetched with the bearer token and handed to the
 * browser as a file, since a plain link cannot carry the token).
 */
import type { Page, UsageEventItem, UsageSummaryResponse } from "../../../worker/shared/contracts";
import { type UsageFilters, exportFileName, usageQuery } from "../lib/usage";
import { ApiError, authorizationHeader, isAbortError, readAnswer, request } from "./client";

export const usageKeys = {
  summary: ["usage", "summary"] as const,
  events: (filters: UsageFilters) => ["usage", "events", filters] as const,
};

export const usageApi = {
  summary: () => request<UsageSummaryResponse>("GET", "/api/usage/summary"),
  events: (filters: UsageFilters, cursor?: string, limit = 20) => request<Page<UsageEventItem>>("GET", `/api/usage-events${usageQuery(filters, { limit, cursor })}`),
  /** The CSV of every event the filters cover, as a file name and its bytes. */
  exportCsv: async (filters: UsageFilters): Promise<{ name: string; blob: Blob }> => {
    const path = `/api/usage-events${usageQuery(filters, { format: "csv" })}`;
    let response: Response;
    try {
      response = await fetch(path, { headers: { accept: "text/csv", ...(await authorizationHeader()) }, cache: "no-store" });
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw new ApiError("network", error instanceof Error ? error.message : "Network error", 0);
    }
    if (!response.ok) readAnswer(path, response.status, await response.text(), response.headers.get("retry-after"), true);
    return { name: exportFileName(response.headers.get("content-disposition"), filters), blob: await response.blob() };
  },
};

/** Hands a file to the browser's downloads. */
export function saveFile(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the object URL; release it once the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
