/**
 * Product analytics behind one interface: PostHog (posthog-node) or a no-op, chosen in
 * worker/integrations.ts. Only the queue consumer calls it, never the request path.
 */
import { PostHog } from "posthog-node";

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

export const noopAnalytics: Analytics = { enabled: false, captureAll: async () => {} };

export function postHogAnalytics(apiKey: string, host: string): Analytics {
  return {
    enabled: true,
    async captureAll(events) {
      const client = new PostHog(apiKey, { host, flushAt: events.length + 1, flushInterval: 0, fetchRetryCount: 0, disableGeoip: true });
      for (const event of events) client.capture(event);
      await client.shutdown();
    },
  };
}
