/**
 * The promo campaign's banner for public pages (mount it once per page, at its end): the
 * campaign's own text in the page's language, a live countdown to its end, a link to the prices
 * and a dismiss button remembered per campaign id (web/src/lib/campaign.ts).
 *
 * It renders nothing until after mount — the campaign comes from `GET /api/campaign` and the
 * countdown from the visitor's clock, neither of which a pre-rendered page can know — so hydration
 * always matches. It then floats fixed at the bottom of the viewport, moving nothing on the page,
 * and adds a spacer of its own height where it is mounted (the page's end) so it never covers the
 * footer once scrolled down.
 */
import { useEffect, useRef, useState } from "react";
import { useCampaign } from "../api/campaign";
import { useI18n } from "../i18n/i18n";
import { localizePath } from "../i18n/routing";
import { countdown, isDismissed, rememberDismissal } from "../lib/campaign";
import { BoltIcon, XIcon } from "./icons";

const storage = () => (typeof window === "undefined" ? undefined : window.localStorage);

export function CampaignBanner() {
  const { t, tp, locale } = useI18n();
  const campaign = useCampaign().data?.campaign ?? null;
  const [now, setNow] = useState<number | null>(null);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [height, setHeight] = useState(0);
  const banner = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);

  const left = campaign === null || now === null ? null : countdown(campaign.endsAt, now);
  const visible = campaign !== null && left !== null && dismissed !== campaign.id && !isDismissed(storage(), campaign.id);

  useEffect(() => {
    const element = banner.current;
    if (!visible || element === null) return;
    const observer = new ResizeObserver(() => setHeight(element.offsetHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, [visible]);

  if (!visible || campaign === null || left === null) return null;
  const prices = localizePath(locale, "/pricing");
  const time = left.days > 0 ? `${tp("campaign.days", left.days)} ${left.clock}` : left.clock;
  const dismiss = () => {
    rememberDismissal(storage(), campaign.id);
    setDismissed(campaign.id);
  };

  return (
    <>
      <div aria-hidden="true" style={{ height: height + 24 }} />
      <section
        ref={banner}
        aria-label={t("campaign.label")}
        data-testid="campaign-banner"
        className="fixed inset-x-3 bottom-3 z-40 mx-auto flex max-w-3xl items-center gap-3 rounded-2xl border border-white/10 bg-gradient-to-r from-slate-900 via-slate-900 to-violet-950 px-4 py-3 text-white shadow-2xl sm:gap-4 sm:px-5"
      >
        <span className="hidden size-9 shrink-0 items-center justify-center rounded-full bg-gradient-to-br from-rose-500 to-violet-600 sm:inline-flex">
          <BoltIcon className="size-4" />
        </span>
        {/* On a phone the text itself leads to the prices; the button joins it on wider screens. */}
        <a href={prices} className="min-w-0 flex-1">
          <p className="text-sm font-semibold text-pretty">{campaign.banner}</p>
          <p className="mt-0.5 text-xs text-rose-200 tabular-nums" data-testid="campaign-countdown">
            {t("campaign.endsIn", { time })}
          </p>
        </a>
        <a href={prices} className="hidden shrink-0 rounded-full bg-white px-3 py-1.5 text-sm font-semibold text-slate-900 hover:bg-rose-50 sm:block">
          {t("campaign.seePrices")}
        </a>
        <button type="button" onClick={dismiss} aria-label={t("campaign.dismiss")} className="shrink-0 rounded-full p-1.5 text-white/70 hover:bg-white/10 hover:text-white">
          <XIcon className="size-4" />
        </button>
      </section>
    </>
  );
}
