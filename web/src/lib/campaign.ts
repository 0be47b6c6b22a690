/**
 * The campaign banner's logic, kept free of React for unit tests: the countdown's parts and the
 * localStorage key that remembers a dismissal (one per campaign id, so the next campaign shows).
 */
export interface Countdown {
  days: number;
  /** "hh:mm:ss" of what is left after the days. */
  clock: string;
}

/** What is left until `endsAt` at `now` (ms), or null once it has passed. */
export function countdown(endsAt: string, now: number): Countdown | null {
  const left = Math.floor((Date.parse(endsAt) - now) / 1000);
  if (!Number.isFinite(left) || left <= 0) return null;
  const pad = (value: number) => String(value).padStart(2, "0");
  const days = Math.floor(left / 86_400);
  const rest = left % 86_400;
  return { days, clock: `${pad(Math.floor(rest / 3600))}:${pad(Math.floor((rest % 3600) / 60))}:${pad(rest % 60)}` };
}

export const dismissalKey = (campaignId: string) => `sexyvoice.campaign-dismissed.${campaignId}`;

export function isDismissed(storage: Pick<Storage, "getItem"> | undefined, campaignId: string): boolean {
  try {
    return storage?.getItem(dismissalKey(campaignId)) === "1";
  } catch {
    return false;
  }
}

export function rememberDismissal(storage: Pick<Storage, "setItem"> | undefined, campaignId: string): void {
  try {
    storage?.setItem(dismissalKey(campaignId), "1");
  } catch {
    // Private mode or storage full: the banner is hidden for this visit only.
  }
}
