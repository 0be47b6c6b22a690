/**
 * The public API documentation (no sign-in): authentication with an API key, the OpenAI-compatible
 * `POST /v1/audio/speech` with curl and the official `openai` SDKs (base URL = this origin), its
 * models, voice names and formats (tables from worker/shared/openai-speech.ts), our own `/api/v1`
 * endpoints, Idempotency-Key, errors and retries, and the voice list from `GET /api/voices`.
 * Prose is translated; code stays code.
 */
import type { ReactNode } from "react";
import { Link } from "../router";
import { useVoices } from "../api/queries";
import { useI18n } from "../i18n/i18n";
import { localizePath } from "../i18n/routing";
import type { MessageKey } from "../i18n/translate";
import { API_KEY_SCOPES, SCOPE_LABELS } from "../lib/api-keys";
import { ERROR_SHAPE, PCM_RESPONSE_SAMPLE_RATE, formatRows, modelRows, openAiSamples, ownApiSamples, splitPlaceholders, voiceMapRows } from "../lib/api-docs";
import { displayVoiceName, genderLabel, languageName } from "../lib/voices";
import { KeyIcon } from "../components/account-icons";
import { ArrowRightIcon } from "../components/icons";
import { CodeBlock } from "../components/code-block";
import { QueryErrorNotice } from "../components/query-error";
import { PublicShell } from "../components/public-shell";
import { buttonClass } from "../components/ui";

const SECTIONS = [
  { id: "authentication", title: "apiDocs.auth.title" },
  { id: "openai", title: "apiDocs.openai.title" },
  { id: "models", title: "apiDocs.models.title" },
  { id: "openai-voices", title: "apiDocs.voiceMap.title" },
  { id: "formats", title: "apiDocs.formats.title" },
  { id: "endpoints", title: "apiDocs.own.title" },
  { id: "idempotency", title: "apiDocs.idem.title" },
  { id: "errors", title: "apiDocs.errors.title" },
  { id: "voices", title: "apiDocs.voices.title" },
] as const satisfies ReadonlyArray<{ id: string; title: MessageKey }>;

const ENDPOINTS: Array<{ method: string; path: string; scope: string | null; body: MessageKey }> = [
  { method: "POST", path: "/api/v1/speech", scope: "speech", body: "apiDocs.own.speech" },
  { method: "POST", path: "/api/v1/clone", scope: "clone", body: "apiDocs.own.clone" },
  { method: "GET", path: "/api/v1/voices", scope: "voices:read", body: "apiDocs.own.voices" },
  { method: "GET", path: "/api/v1/history", scope: "history:read", body: "apiDocs.own.history" },
  { method: "GET", path: "/api/v1/me", scope: null, body: "apiDocs.own.me" },
];

/** Inline code; in a table's name columns it keeps to one line (the table scrolls if it must). */
const C = ({ children, nowrap = false }: { children: string; nowrap?: boolean }) => (
  <code className={`rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] text-slate-800 ${nowrap ? "whitespace-nowrap" : "break-words"}`}>{children}</code>
);

/** A translated sentence whose `{name}` placeholders are code. */
function Rich({ text, code }: { text: string; code: Record<string, string> }) {
  const nodes = Object.fromEntries(Object.entries(code).map(([name, value]) => [name, <C key={name}>{value}</C>]));
  return <>{splitPlaceholders<ReactNode>(text, nodes)}</>;
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="scroll-mt-6 border-t border-slate-200 pt-8">
      <h2 id={`${id}-title`} className="text-xl font-bold tracking-tight text-slate-900">
        {title}
      </h2>
      <div className="mt-3 space-y-4 text-sm leading-relaxed text-slate-700 sm:text-base">{children}</div>
    </section>
  );
}

function Table({ head, rows, testId }: { head: string[]; rows: ReactNode[][]; testId?: string }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a sideways-scrolling table must be reachable by keyboard to scroll it (WCAG 2.1.1)
    <div tabIndex={0} className="overflow-x-auto rounded-xl border border-slate-200 bg-white" data-testid={testId}>
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs font-semibold tracking-wide text-slate-500 uppercase">
          <tr>
            {head.map((cell) => (
              <th key={cell} scope="col" className="px-3 py-2 whitespace-nowrap">
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows come from fixed tables in a fixed order
            <tr key={index}>
              {row.map((cell, cellIndex) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells of a row never reorder
                <td key={cellIndex} className="px-3 py-2 align-top">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function ApiDocs() {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const voices = useVoices();
  const catalogue = (voices.data?.voices ?? []).filter((voice) => voice.mine !== true);
  const origin = window.location.origin;
  const openai = openAiSamples(origin);
  const own = ownApiSamples(origin);

  return (
    <PublicShell title={t("apiDocs.title")} intro={t("apiDocs.intro")}>
      <div className="mt-5 flex flex-wrap gap-2">
        <Link to={localizePath(locale, "/dashboard/api-keys")} className={buttonClass("primary", "sm")}>
          <KeyIcon className="size-4" />
          {t("apiDocs.getKey")}
        </Link>
        <a href="/api/v1/openapi.json" className={buttonClass("secondary", "sm")} data-testid="openapi-link">
          {t("apiDocs.openapi")}
          <ArrowRightIcon className="size-4" />
        </a>
      </div>

      <nav aria-label={t("apiDocs.contents")} className="mt-8 rounded-2xl border border-slate-200 bg-white p-4">
        <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{t("apiDocs.contents")}</p>
        <ol className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
          {SECTIONS.map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`} className="text-rose-700 hover:underline">
                {t(section.title)}
              </a>
            </li>
          ))}
        </ol>
      </nav>

      <div className="mt-8 space-y-10">
        <Section id="authentication" title={t("apiDocs.auth.title")}>
          <p>
            <Rich text={t("apiDocs.auth.body")} code={{ authorization: "Authorization", apiKey: "x-api-key" }} />
          </p>
          <CodeBlock code={"Authorization: Bearer sv_…\n# or\nx-api-key: sv_…"} testId="auth-headers" />
          <p>{t("apiDocs.auth.scopes")}</p>
          <Table
            head={[t("apiDocs.col.scope"), t("apiDocs.col.allows")]}
            rows={API_KEY_SCOPES.map((scope) => [
              <C key="s" nowrap>
                {scope}
              </C>,
              t(SCOPE_LABELS[scope].help),
            ])}
          />
          <p className="rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">{t("apiDocs.auth.secret")}</p>
        </Section>

        <Section id="openai" title={t("apiDocs.openai.title")}>
          <p>
            <Rich text={t("apiDocs.openai.body")} code={{ endpoint: "POST /v1/audio/speech", baseUrl: `${origin}/v1` }} />
          </p>
          <CodeBlock title="curl" code={openai.curl} testId="sample-curl" />
          <CodeBlock title={t("apiDocs.openai.javascript")} code={openai.javascript} testId="sample-javascript" />
          <CodeBlock title={t("apiDocs.openai.python")} code={openai.python} testId="sample-python" />
        </Section>

        <Section id="models" title={t("apiDocs.models.title")}>
          <p>
            <Rich text={t("apiDocs.models.body")} code={{ model: "model" }} />
          </p>
          <Table
            testId="model-table"
            head={[t("apiDocs.col.tier"), t("apiDocs.col.model"), t("apiDocs.col.meaning")]}
            rows={modelRows().map((row) => [
              row.tier,
              <span key="m" className="flex flex-col items-start gap-1">
                {row.models.map((model) => (
                  <C key={model} nowrap>
                    {model}
                  </C>
                ))}
              </span>,
              t(row.tier === "hd" ? "apiDocs.models.hd" : "apiDocs.models.standard"),
            ])}
          />
        </Section>

        <Section id="openai-voices" title={t("apiDocs.voiceMap.title")}>
          <p>
            <Rich text={t("apiDocs.voiceMap.body")} code={{ voice: "voice" }} />
          </p>
          <Table
            testId="voice-map-table"
            head={[t("apiDocs.col.openaiVoice"), t("apiDocs.col.speaksAs"), t("apiDocs.col.id")]}
            rows={voiceMapRows(catalogue).map((row) => [
              <C key="o" nowrap>
                {row.openai}
              </C>,
              row.name ?? "…",
              <C key="i" nowrap>
                {row.voiceId}
              </C>,
            ])}
          />
        </Section>

        <Section id="formats" title={t("apiDocs.formats.title")}>
          <p>
            <Rich text={t("apiDocs.formats.body")} code={{ format: "response_format", speed: "speed" }} />
          </p>
          <Table
            testId="format-table"
            head={[t("apiDocs.col.format"), t("apiDocs.col.contentType"), t("apiDocs.col.notes")]}
            rows={formatRows().map((row) => [
              <C key="f" nowrap>
                {row.format}
              </C>,
              <C key="c" nowrap>
                {row.contentType}
              </C>,
              row.format === "pcm" ? t("apiDocs.formats.pcm", { rate: PCM_RESPONSE_SAMPLE_RATE / 1000 }) : row.format === "mp3" ? t("apiDocs.formats.mp3") : t("apiDocs.formats.wav"),
            ])}
          />
        </Section>

        <Section id="endpoints" title={t("apiDocs.own.title")}>
          <p>
            <Rich text={t("apiDocs.own.body")} code={{ prefix: "/api/v1" }} />
          </p>
          <Table
            testId="endpoint-table"
            head={[t("apiDocs.col.endpoint"), t("apiDocs.col.scope"), t("apiDocs.col.what")]}
            rows={ENDPOINTS.map((row) => [
              <C key="e" nowrap>{`${row.method} ${row.path}`}</C>,
              row.scope === null ? (
                t("apiDocs.own.anyScope")
              ) : (
                <C key="s" nowrap>
                  {row.scope}
                </C>
              ),
              <Rich key="w" text={t(row.body)} code={{ body: "{text, voice, style?, locale?, format?}", url: "url", accept: "Accept: audio/*", consent: "consent=true" }} />,
            ])}
          />
          <CodeBlock title={t("apiDocs.own.speechJson")} code={own.speech} testId="sample-own-speech" />
          <CodeBlock title={t("apiDocs.own.speechAnswer")} code={own.speechResponse} />
          <CodeBlock title={t("apiDocs.own.speechAudio")} code={own.speechAudio} />
          <CodeBlock title={t("apiDocs.own.cloneSample")} code={own.clone} />
          <CodeBlock title={t("apiDocs.own.readSample")} code={own.read} />
        </Section>

        <Section id="idempotency" title={t("apiDocs.idem.title")}>
          <p>
            <Rich text={t("apiDocs.idem.body")} code={{ header: "Idempotency-Key", reused: "422 idempotency_key_reused", inUse: "409 idempotency_key_in_use" }} />
          </p>
        </Section>

        <Section id="errors" title={t("apiDocs.errors.title")}>
          <p>
            <Rich text={t("apiDocs.errors.openai")} code={{ endpoint: "/v1/audio/speech", prefix: "/api/v1" }} />
          </p>
          <CodeBlock code={ERROR_SHAPE} testId="error-shape" />
          <ul className="list-disc space-y-2 pl-5">
            <li>
              <Rich text={t("apiDocs.errors.rateLimited")} code={{ status: "429", header: "Retry-After" }} />
            </li>
            <li>
              <Rich text={t("apiDocs.errors.credits")} code={{ status: "402", header: "x-should-retry: false" }} />
            </li>
            <li>
              <Rich text={t("apiDocs.errors.scope")} code={{ status: "403 insufficient_scope" }} />
            </li>
          </ul>
        </Section>

        <Section id="voices" title={t("apiDocs.voices.title")}>
          <p>
            <Rich text={t("apiDocs.voices.body")} code={{ endpoint: "GET /api/v1/voices" }} />
          </p>
          {voices.isError ? (
            <QueryErrorNotice error={voices.error} onRetry={() => voices.refetch()} />
          ) : voices.isPending ? (
            <div className="h-40 animate-pulse rounded-xl bg-slate-200/60" aria-busy="true" />
          ) : (
            <Table
              testId="voice-table"
              head={[t("apiDocs.col.id"), t("apiDocs.col.name"), t("common.language"), t("voices.filterGender")]}
              rows={catalogue.map((voice) => [
                <C key="i" nowrap>
                  {voice.id}
                </C>,
                displayVoiceName(voice.name),
                languageName(voice.language, i18n),
                genderLabel(voice.gender, i18n),
              ])}
            />
          )}
        </Section>
      </div>
    </PublicShell>
  );
}
