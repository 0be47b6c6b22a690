/** Landing page: what SexyVoice does, voices to listen to, prices, and the way in. */
import { Link } from "react-router";
import type { Voice } from "../../../worker/shared/contracts";
import { usePackages, useVoices } from "../api/queries";
import { useAuth } from "../auth/auth";
import { useDocumentTitle, useI18n } from "../i18n/i18n";
import { localizePath } from "../i18n/routing";
import { ArrowRightIcon, BoltIcon, CoinsIcon, DownloadIcon, GlobeIcon, MicIcon, WaveIcon } from "../components/icons";
import { CampaignBanner } from "../components/campaign-banner";
import { PackageGrid } from "../components/pricing";
import { SampleButton } from "../components/sample-player";
import { Brand, SiteHeader } from "../components/site-header";
import { LanguageSwitcher } from "../components/language-switcher";
import { buttonClass } from "../components/ui";
import { displayVoiceName, genderLabel, languageName, voiceTrait } from "../lib/voices";

const FEATURED = ["gemini-zephyr", "gemini-puck", "gemini-kore", "gemini-charon", "gemini-aoede", "gemini-fenrir", "orpheus-tara", "orpheus-leo"];

const HERO_BARS = [28, 46, 70, 38, 88, 54, 96, 62, 40, 74, 100, 58, 82, 44, 66, 92, 50, 72, 36, 60, 84, 48, 30, 56];

function HeroVisual() {
  const { t } = useI18n();
  return (
    <div className="relative mx-auto w-full max-w-md" aria-hidden="true">
      <div className="absolute -inset-6 rounded-[2rem] bg-gradient-to-tr from-rose-500/30 via-fuchsia-500/20 to-violet-500/30 blur-2xl" />
      <div className="relative rounded-3xl border border-white/10 bg-white/[0.06] p-5 shadow-2xl backdrop-blur">
        <div className="flex items-center gap-3">
          <span className="inline-flex size-10 items-center justify-center rounded-full bg-gradient-to-br from-rose-400 to-violet-500 text-sm font-bold text-white">Z</span>
          <div>
            <p className="text-sm font-semibold text-white">Zephyr</p>
            <p className="text-xs text-white/60">
              {t("trait.bright")} · {t("voices.language.multi")}
            </p>
          </div>
        </div>
        <p className="mt-4 rounded-xl bg-black/20 p-3 text-sm leading-relaxed text-white/85">{t("landing.heroSample")}</p>
        <div className="mt-4 flex h-16 items-center gap-[3px]">
          {HERO_BARS.map((height, index) => (
            <span
              // biome-ignore lint/suspicious/noArrayIndexKey: HERO_BARS is a constant list; the bars never reorder
              key={index}
              className="hero-bar w-full rounded-full bg-gradient-to-t from-rose-400 to-violet-400"
              style={{ height: `${height}%`, animationDelay: `${(index % 8) * 110}ms` }}
            />
          ))}
        </div>
        <div className="mt-3 flex justify-between text-xs text-white/50 tabular-nums">
          <span>0:04</span>
          <span>0:09</span>
        </div>
      </div>
    </div>
  );
}

function VoiceSampleCard({ voice }: { voice: Voice }) {
  const i18n = useI18n();
  const name = displayVoiceName(voice.name);
  return (
    <li className="flex min-w-0 items-center gap-3 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm transition-shadow hover:shadow-md">
      <SampleButton voiceId={voice.id} voiceName={name} className="size-11" />
      <div className="min-w-0">
        <p className="truncate font-semibold text-slate-900">{name}</p>
        <p className="truncate text-sm text-slate-600">{voiceTrait(voice, i18n)}</p>
        <p className="truncate text-xs text-slate-500">
          {genderLabel(voice.gender, i18n)} · {languageName(voice.language, i18n)}
        </p>
      </div>
    </li>
  );
}

export default function Landing() {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { status } = useAuth();
  useDocumentTitle(t("landing.documentTitle"));
  const voices = useVoices();
  const packages = usePackages();
  const buyPath = status === "signed-in" ? `${localizePath(locale, "/dashboard/credits")}#buy` : localizePath(locale, "/sign-in");
  const featured = FEATURED.map((id) => voices.data?.voices.find((voice) => voice.id === id)).filter((voice): voice is Voice => voice !== undefined);
  const start = status === "signed-in" ? localizePath(locale, "/dashboard/generate") : localizePath(locale, "/sign-in");
  // Signed in, the list also holds the user's own saved voices: the catalogue is what is advertised.
  const voiceCount = voices.data?.voices.filter((voice) => voice.mine !== true).length ?? 38;

  const features = [
    { icon: MicIcon, title: t("landing.feature.voices.title"), body: t("landing.feature.voices.body", { count: voiceCount }) },
    { icon: GlobeIcon, title: t("landing.feature.languages.title"), body: t("landing.feature.languages.body") },
    { icon: CoinsIcon, title: t("landing.feature.credits.title"), body: t("landing.feature.credits.body") },
    { icon: DownloadIcon, title: t("landing.feature.download.title"), body: t("landing.feature.download.body") },
  ];
  const steps = [t("landing.step1"), t("landing.step2"), t("landing.step3")];

  return (
    <div className="min-h-dvh bg-slate-50">
      <div className="relative overflow-hidden bg-slate-950">
        <div className="pointer-events-none absolute inset-0 bg-[radial-gradient(ellipse_at_top_left,rgba(244,63,94,0.25),transparent_55%),radial-gradient(ellipse_at_bottom_right,rgba(124,58,237,0.3),transparent_55%)]" />
        <div className="relative">
          <SiteHeader tone="dark" />
          <section className="mx-auto grid max-w-6xl items-center gap-12 px-4 pt-10 pb-20 sm:px-6 lg:grid-cols-[1.1fr_1fr] lg:pt-16 lg:pb-28">
            <div>
              <p className="inline-flex items-center gap-2 rounded-full border border-white/15 bg-white/5 px-3 py-1 text-xs font-medium text-rose-200">
                <BoltIcon className="size-3.5" />
                {t("landing.eyebrow")}
              </p>
              <h1 className="mt-5 text-4xl font-extrabold tracking-tight text-balance text-white sm:text-5xl lg:text-6xl">{t("landing.title")}</h1>
              <p className="mt-5 max-w-xl text-lg text-pretty text-slate-300">{t("landing.subtitle")}</p>
              <div className="mt-8 flex flex-wrap gap-3">
                <Link to={start} className={buttonClass("primary", "lg")}>
                  {status === "signed-in" ? t("nav.openDashboard") : t("landing.cta")}
                  <ArrowRightIcon className="size-5" />
                </Link>
                <a href="#voices" className={buttonClass("inverse", "lg")}>
                  <WaveIcon className="size-5" />
                  {t("landing.listen")}
                </a>
              </div>
              <p className="mt-4 text-sm text-slate-400">{t("landing.freeCredits")}</p>
            </div>
            <HeroVisual />
          </section>
        </div>
      </div>

      <main>
        <section className="mx-auto max-w-6xl px-4 py-16 sm:px-6" aria-labelledby="features-title">
          <h2 id="features-title" className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">
            {t("landing.featuresTitle")}
          </h2>
          <ul className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            {features.map(({ icon: Icon, title, body }) => (
              <li key={title} className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
                <span className="inline-flex size-10 items-center justify-center rounded-xl bg-rose-50 text-rose-600">
                  <Icon className="size-5" />
                </span>
                <h3 className="mt-4 font-semibold text-slate-900">{title}</h3>
                <p className="mt-1 text-sm leading-relaxed text-slate-600">{body}</p>
              </li>
            ))}
          </ul>
        </section>

        <section id="voices" className="scroll-mt-4 border-y border-slate-200 bg-white" aria-labelledby="voices-title">
          <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6">
            <div className="flex flex-wrap items-end justify-between gap-4">
              <div>
                <h2 id="voices-title" className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">
                  {t("landing.voicesTitle")}
                </h2>
                <p className="mt-2 max-w-2xl text-slate-600">{t("landing.voicesBody")}</p>
              </div>
              <Link to={start} className={buttonClass("secondary")}>
                {t("landing.allVoices", { count: voiceCount })}
                <ArrowRightIcon className="size-4" />
              </Link>
            </div>
            {voices.isError ? (
              <p className="mt-8 text-slate-600" role="alert">
                {t("landing.voicesUnavailable")}
              </p>
            ) : (
              <ul className="mt-8 grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-busy={voices.isPending}>
                {voices.isPending ? FEATURED.map((id) => <li key={id} className="h-[86px] animate-pulse rounded-2xl bg-slate-100" />) : featured.map((voice) => <VoiceSampleCard key={voice.id} voice={voice} />)}
              </ul>
            )}
          </div>
        </section>

        <section id="pricing" className="mx-auto max-w-6xl scroll-mt-4 px-4 pt-16 sm:px-6" aria-labelledby="pricing-title">
          <h2 id="pricing-title" className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">
            {t("pricing.title")}
          </h2>
          <p className="mt-2 max-w-2xl text-slate-600">{t("pricing.subtitle")}</p>
          <div className="mt-8" aria-busy={packages.isPending}>
            {packages.isError ? (
              <p className="text-slate-600" role="alert">
                {t("pricing.loadFailed")}
              </p>
            ) : packages.isPending ? (
              <div className="h-56 animate-pulse rounded-2xl bg-slate-100" />
            ) : (
              <PackageGrid
                packages={packages.data.packages}
                action={(pkg) => (
                  <Link to={buyPath} className={buttonClass(pkg.kind === "subscription" ? "secondary" : "primary", "md", "w-full")}>
                    {status === "signed-in" ? (pkg.kind === "subscription" ? t("pricing.subscribe") : t("pricing.buy")) : t("pricing.signInToBuy")}
                  </Link>
                )}
              />
            )}
          </div>
        </section>

        <section className="mx-auto max-w-6xl px-4 py-16 sm:px-6" aria-labelledby="how-title">
          <h2 id="how-title" className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">
            {t("landing.howTitle")}
          </h2>
          <ol className="mt-8 grid gap-4 md:grid-cols-3">
            {steps.map((step, index) => (
              <li key={step} className="flex gap-4 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
                <span className="inline-flex size-9 shrink-0 items-center justify-center rounded-full bg-slate-900 text-sm font-bold text-white">{index + 1}</span>
                <p className="text-slate-700">{step}</p>
              </li>
            ))}
          </ol>
          <div className="mt-12 flex flex-col items-start justify-between gap-6 rounded-3xl bg-gradient-to-r from-rose-500 to-violet-600 p-8 text-white sm:flex-row sm:items-center">
            <div>
              <p className="text-2xl font-bold">{t("landing.ctaBandTitle")}</p>
              <p className="mt-1 text-white/85">{t("landing.freeCredits")}</p>
            </div>
            <Link to={start} className={buttonClass("white", "lg")}>
              {status === "signed-in" ? t("nav.openDashboard") : t("landing.cta")}
              <ArrowRightIcon className="size-5" />
            </Link>
          </div>
        </section>
      </main>

      <footer className="border-t border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-col items-start justify-between gap-4 px-4 py-8 sm:flex-row sm:items-center sm:px-6">
          <Brand to={localizePath(locale)} />
          <p className="text-sm text-slate-500">{t("landing.footer", { year: new Date().getFullYear().toString() })}</p>
          <Link to={localizePath(locale, "/docs/api")} className="text-sm font-medium text-slate-600 hover:text-slate-900 hover:underline">
            {t("landing.apiDocs")}
          </Link>
          <LanguageSwitcher full />
        </div>
      </footer>
      <CampaignBanner />
    </div>
  );
}
