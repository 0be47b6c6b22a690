/**
 * Product analytics behind one interface: PostHog (posthog-node) when POSTHOG_API_KEY is set,
 * a no-op otherwise. Only the queue consumer calls it, never the request path.
 */
import { PostHog } from "posthog-node";
import type { AppConfig } from "../env";

export interface AnalyticsEvent {
  distinctId: string;
  event: string;
  properties: Record<string, unknown>;
  timestamp: Date;
}

export interface Analytics {
  readonly enabled: boolean;
  captureAll(events: AnalyticsEvent[]): Promise<void>;
}

const noopAnalytics: Analytics = { enabled: false, captureAll: async () => {} };

export function createAnalytics(config: AppConfig): Analytics {
  const key = config.secrets.POSTHOG_API_KEY;
  if (key === undefined) return noopAnalytics;
  const host = config.secrets.POSTHOG_HOST ?? "https://us.i.posthog.com";
  return {
    enabled: true,
    async captureAll(events) {
      const client = new PostHog(key, { host, flushAt: events.length + 1, flushInterval: 0, fetchRetryCount: 0, disableGeoip: true });
      for (const event of events) client.capture(event);
      await client.shutdown();
    },
  };
}
