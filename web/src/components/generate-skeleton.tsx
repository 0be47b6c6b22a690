/**
 * What the Generate page shows until the profile (balance, plan, and the user id its stored draft
 * is kept under) has loaded: the page's two columns in grey, marked busy, with a visually hidden
 * "Loading…" for screen readers, so the page neither flashes empty nor jumps when the form arrives.
 */
import { useI18n } from "../i18n/i18n";
import { Card } from "./ui";

const bar = "animate-pulse rounded-xl bg-slate-100";

/** `count` grey rows of a voice list (also shown by the form while the voices load). */
export function VoiceListSkeleton({ count = 6 }: { count?: number }) {
  const { t } = useI18n();
  return (
    <div className="space-y-2" aria-busy="true">
      <span className="sr-only">{t("common.loading")}</span>
      {Array.from({ length: count }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholders of a fixed count; they never reorder
        <div key={index} className={`h-14 ${bar}`} />
      ))}
    </div>
  );
}

export function GenerateSkeleton() {
  const { t } = useI18n();
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)] xl:grid-cols-2" aria-busy="true" data-testid="generate-skeleton">
      <span className="sr-only">{t("common.loading")}</span>
      <Card>
        <div className={`mb-4 h-6 w-40 ${bar}`} />
        <div className={`mb-4 h-10 ${bar}`} />
        <div className="space-y-2" aria-hidden="true">
          {Array.from({ length: 6 }, (_, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholders of a fixed count; they never reorder
            <div key={index} className={`h-14 ${bar}`} />
          ))}
        </div>
      </Card>
      <div className="flex min-w-0 flex-col gap-6" aria-hidden="true">
        <Card>
          <div className={`mb-4 h-6 w-48 ${bar}`} />
          <div className={`mb-4 h-16 ${bar}`} />
          <div className={`h-44 ${bar}`} />
          <div className={`mt-5 h-11 ${bar}`} />
        </Card>
        <Card>
          <div className={`mb-4 h-12 ${bar}`} />
          <div className={`h-40 ${bar}`} />
        </Card>
      </div>
    </div>
  );
}
