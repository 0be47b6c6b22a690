/**
 * Call: talk live with an AI character. Choose a character preset and a realtime voice (with
 * samples), the conversation's language and, on the paid plan, instructions, model, temperature
 * and answer length; see the price per minute and what the balance covers; Connect (token, room,
 * microphone), then the agent's state, billed time and time left, the live transcript, and End.
 * When the server ends the call the page says why and refreshes the balance. Without LiveKit
 * configured everything but Connect works, and Connect says which settings are missing.
 * livekit-client arrives with this page's chunk only (through lib/use-call → lib/call-room).
 */
import { useEffect, useMemo, useRef, useState } from "react";
import type { CallOptionsResponse } from "../../../../worker/shared/calls";
import type { Voice } from "../../../../worker/shared/contracts";
import { SPEECH_LANGUAGES } from "../../../../worker/shared/limits";
import { useCallOptions, useCallVoices, useMe } from "../../api/queries";
import { useDocumentTitle, useI18n } from "../../i18n/i18n";
import { coveredMinutes, settingNames } from "../../lib/call-budget";
import { buildCallRequest, CALL_PROBLEM_KEYS, CALL_INSTRUCTIONS_LIMIT, CALL_MAX_OUTPUT_TOKENS, callFormProblem, type CallForm } from "../../lib/call-request";
import type { Tier } from "../../lib/speech-input";
import { useCall } from "../../lib/use-call";
import { displayVoiceName } from "../../lib/voices";
import { CallLanguage, CallVoicePicker, PaidCallSettings, PresetPicker, findCallVoice } from "../../components/call-setup";
import { EndedCallPanel, LiveCallPanel, Transcript } from "../../components/call-live";
import { PhoneIcon } from "../../components/icons";
import { BuyCreditsLink } from "../../components/result-panel";
import { Button, Card, ErrorNotice, PageHeader, StepHeading } from "../../components/ui";
import { QueryErrorNotice } from "../../components/query-error";

function Placeholders({ count, height }: { count: number; height: string }) {
  return (
    <div className="grid gap-2 sm:grid-cols-2" aria-busy="true">
      {Array.from({ length: count }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholders of a fixed count; they never reorder
        <div key={index} className={`${height} animate-pulse rounded-xl bg-slate-100`} />
      ))}
    </div>
  );
}

function initialForm(options: CallOptionsResponse | undefined, locale: string): CallForm {
  const defaults = options?.defaults;
  const language = (SPEECH_LANGUAGES as readonly string[]).includes(locale) ? locale : (defaults?.language ?? "en");
  return {
    presetId: options?.presets[0]?.id ?? null,
    voice: null,
    language,
    instructions: "",
    model: defaults?.model ?? "gpt-realtime-2.1",
    temperature: defaults?.temperature ?? 0.8,
    maxOutputTokens: String(defaults?.maxOutputTokens ?? CALL_MAX_OUTPUT_TOKENS),
  };
}

export default function Call() {
  const i18n = useI18n();
  const { t, tp, formatNumber, locale } = i18n;
  useDocumentTitle(t("call.title"));
  const me = useMe();
  const optionsQuery = useCallOptions();
  const voicesQuery = useCallVoices();
  const options = optionsQuery.data;
  const voices = useMemo<Voice[]>(() => (voicesQuery.data?.voices ?? []).filter((voice) => voice.feature === "call"), [voicesQuery.data]);
  const [form, setForm] = useState<CallForm>(() => initialForm(undefined, locale));
  const { state, transcript, connect, hangUp, toggleMute, startAudio, reset } = useCall();
  const callHeading = useRef<HTMLHeadingElement>(null);

  // When the options first arrive: their defaults, and the first preset.
  const initialised = useRef(false);
  useEffect(() => {
    if (options === undefined || initialised.current) return;
    initialised.current = true;
    setForm((current) => ({ ...initialForm(options, locale), voice: current.voice, language: current.language }));
  }, [options, locale]);

  const preset = options?.presets.find((candidate) => candidate.id === form.presetId);
  const voice = findCallVoice(voices, form.voice) ?? findCallVoice(voices, preset?.voice) ?? voices[0];
  const effectiveForm: CallForm = { ...form, voice: voice?.id ?? null };
  const tier: Tier = me.data?.isPaid === true ? "paid" : "free";
  const balance = me.data?.credits;
  const busy = state.phase === "requesting" || state.phase === "connecting" || state.phase === "live";
  const problem = callFormProblem(effectiveForm, tier);
  const lowBalance = options !== undefined && balance !== undefined && balance < options.minCredits;
  const available = options?.available === true;
  const characterName = preset?.name ?? (voice === undefined ? t("call.character") : displayVoiceName(voice.name));
  const missingSettings = settingNames(options?.unavailableReason ?? null);

  useEffect(() => {
    if (state.phase === "connecting") callHeading.current?.focus();
  }, [state.phase]);

  const change = (next: Partial<CallForm>) => setForm((current) => ({ ...current, ...next }));
  const start = () => {
    if (!available || problem !== null || busy) return;
    void connect(buildCallRequest(effectiveForm, tier));
  };

  return (
    <div>
      <PageHeader title={t("call.title")} description={t("call.description")} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,6fr)_minmax(0,5fr)]">
        <div className="flex min-w-0 flex-col gap-6">
          <Card>
            <StepHeading step={1}>{t("call.presets")}</StepHeading>
            {optionsQuery.isError ? (
              <QueryErrorNotice error={optionsQuery.error} onRetry={() => optionsQuery.refetch()} />
            ) : options === undefined ? (
              <Placeholders count={4} height="h-20" />
            ) : (
              <PresetPicker
                presets={options.presets}
                voices={voices}
                selectedId={form.presetId}
                disabled={busy}
                onSelect={(next) => change({ presetId: next.id, voice: findCallVoice(voices, next.voice)?.id ?? form.voice })}
              />
            )}
          </Card>
          <Card>
            <StepHeading step={2}>{t("call.voices")}</StepHeading>
            {voicesQuery.isError ? (
              <QueryErrorNotice error={voicesQuery.error} onRetry={() => voicesQuery.refetch()} />
            ) : voicesQuery.isPending ? (
              <Placeholders count={8} height="h-14" />
            ) : (
              <CallVoicePicker voices={voices} selectedId={voice?.id ?? null} disabled={busy} onSelect={(next) => change({ voice: next.id })} />
            )}
          </Card>
          <Card>
            <StepHeading step={3}>{t("call.settings")}</StepHeading>
            <div className="space-y-5">
              <CallLanguage value={form.language} languages={SPEECH_LANGUAGES} disabled={busy} onChange={(language) => change({ language })} />
              <PaidCallSettings form={form} models={options?.models ?? []} paid={tier === "paid"} disabled={busy} onChange={change} />
            </div>
          </Card>
        </div>

        <div className="flex min-w-0 flex-col gap-6 lg:sticky lg:top-24 lg:self-start">
          <Card>
            <StepHeading step={4} headingRef={callHeading}>
              {t("call.start")}
            </StepHeading>
            <div className="space-y-4">
              {options !== undefined && (
                <div className="space-y-1.5 rounded-xl bg-slate-50 p-3 text-sm text-slate-700" data-testid="call-cost">
                  <p className="font-semibold text-slate-900" data-testid="call-price">
                    {t("call.price", { credits: options.creditsPerMinute })}
                  </p>
                  {balance !== undefined && (
                    <p data-testid="call-covers">
                      {coveredMinutes(balance, options.creditsPerMinute) > 0 ? tp("call.covers", coveredMinutes(balance, options.creditsPerMinute), { balance: formatNumber(balance) }) : t("call.coversNone")}
                    </p>
                  )}
                  {tier === "free" && <p data-testid="call-free-allowance">{t("call.freeAllowance", { minutes: Math.round(options.freeAllowanceSeconds / 60) })}</p>}
                </div>
              )}

              {options !== undefined && !available && (
                <p className="rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="call-unavailable">
                  {missingSettings.length > 0 ? t("call.unavailable", { settings: new Intl.ListFormat(locale, { type: "conjunction" }).format(missingSettings) }) : t("call.unavailableGeneric")}
                </p>
              )}

              {options !== undefined && lowBalance && available && state.phase !== "failed" && <ErrorNotice message={t("call.minCredits", { credits: options.minCredits })} action={<BuyCreditsLink />} />}

              {state.phase === "failed" && (
                <ErrorNotice message={state.error.message} reference={state.error.reference} referenceLabel={t("common.reference")} action={state.error.buyCredits ? <BuyCreditsLink /> : undefined} />
              )}

              {(state.phase === "connecting" || state.phase === "live") && (
                <LiveCallPanel live={state} characterName={characterName} creditsPerMinute={options?.creditsPerMinute ?? 1_000} onHangUp={hangUp} onToggleMute={toggleMute} onStartAudio={startAudio} />
              )}

              {state.phase === "ended" && <EndedCallPanel ended={state} freeMinutes={Math.round((options?.freeAllowanceSeconds ?? 300) / 60)} onNewCall={reset} />}

              {(state.phase === "idle" || state.phase === "requesting" || state.phase === "failed") && (
                <div>
                  <Button size="lg" className="w-full" onClick={start} busy={state.phase === "requesting"} disabled={!available || problem !== null || lowBalance} data-testid="call-connect">
                    <PhoneIcon className="size-5" />
                    {state.phase === "requesting" ? t("call.connecting") : t("call.connect")}
                  </Button>
                  <p className="mt-2 text-center text-xs text-slate-500" data-testid="call-connect-hint">
                    {problem !== null ? t(CALL_PROBLEM_KEYS[problem], { limit: problem === "instructions_too_long" ? CALL_INSTRUCTIONS_LIMIT : CALL_MAX_OUTPUT_TOKENS }) : t("call.micHint")}
                  </p>
                </div>
              )}
            </div>
          </Card>
          {(state.phase !== "idle" || transcript.length > 0) && state.phase !== "requesting" && state.phase !== "failed" && (
            <Card>
              <Transcript segments={transcript} characterName={characterName} />
            </Card>
          )}
        </div>
      </div>
    </div>
  );
}
