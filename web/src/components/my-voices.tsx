/**
 * "My voices" on the Clone page. SaveVoiceCard keeps a recording as one of the user's voices
 * (`POST /api/my-voices`): after a clone, the very file, language and consent the clone used;
 * otherwise the recording on the page, its language and the page's consent. MyVoicesList shows
 * the saved voices with how many of the limit are used, and renames (PATCH), deletes (after a
 * confirmation) and opens each one on the Generate page. Every change refreshes the list and the
 * voice pickers (refreshSavedVoices).
 */
import { useId, useState } from "react";
import { useNavigate } from "../router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { SavedVoice } from "../../../worker/shared/contracts";
import { accountApi } from "../api/account";
import { describeError, type ErrorOverrides, type UserFacingError } from "../api/error-messages";
import { queryKeys, refreshSavedVoices } from "../api/queries";
import { useI18n } from "../i18n/i18n";
import { localizePath, type Locale } from "../i18n/routing";
import type { MessageKey } from "../i18n/translate";
import { MAX_SAVED_VOICES, SAVED_VOICE_NAME_MAX, saveVoiceProblem, suggestVoiceName, voiceNameProblem, type SaveVoiceInput, type SaveVoiceProblem } from "../lib/saved-voices";
import { languageName } from "../lib/voices";
import { PencilIcon } from "./account-icons";
import { CheckIcon, CloneIcon, TrashIcon } from "./icons";
import { ConfirmDialog } from "./confirm-dialog";
import { QueryErrorNotice } from "./query-error";
import { Badge, Button, Card, ErrorNotice } from "./ui";

const SAVE_ERRORS: ErrorOverrides = { limit_reached: "myVoices.limitReached" };

const PROBLEM_KEYS: Record<SaveVoiceProblem, MessageKey> = {
  limit_reached: "myVoices.limitReached",
  no_file: "clone.problem.noFile",
  checking_file: "clone.problem.checkingFile",
  bad_file: "clone.problem.badFile",
  no_consent: "clone.problem.noConsent",
  no_name: "myVoices.problem.noName",
  name_too_long: "myVoices.problem.nameTooLong",
};

/** "My voices" with the server's limit. */
function useMyVoices() {
  return useQuery({ queryKey: queryKeys.myVoices, queryFn: accountApi.myVoices });
}

/** What is saved: the recording, its language and whether consent was given for it. */
export interface SaveSource {
  reference: SaveVoiceInput["reference"];
  file: File | null;
  locale: Locale;
  consent: boolean;
  /** The recording is the one just cloned (the card then offers to keep that voice). */
  cloned: boolean;
}

/** Opens the Generate page with this voice chosen (as navigation state: nothing another account could read later). */
function useOpenOnGenerate(): (voiceId: string) => void {
  const navigate = useNavigate();
  const { locale } = useI18n();
  return (voiceId) => void navigate(localizePath(locale, "/dashboard/generate"), { state: { voiceId } });
}

export function SaveVoiceCard({ source, disabled }: { source: SaveSource; disabled: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const queryClient = useQueryClient();
  const list = useMyVoices();
  const openOnGenerate = useOpenOnGenerate();
  const nameId = useId();
  const hintId = useId();
  const [name, setName] = useState<string | null>(null);
  const taken = list.data?.voices.map((voice) => voice.name) ?? [];
  const shownName = name ?? suggestVoiceName(t("myVoices.defaultName"), taken);
  const limit = list.data?.limit ?? MAX_SAVED_VOICES;
  const save = useMutation({
    mutationFn: () => {
      if (source.file === null) throw new Error("no recording");
      return accountApi.saveVoice({ file: source.file, fileName: source.file.name || "recording.wav", name: shownName.trim(), locale: source.locale });
    },
    onSuccess: () => {
      setName(null);
      refreshSavedVoices(queryClient);
    },
  });
  const problem = saveVoiceProblem({ reference: source.reference, consent: source.consent, name: shownName, used: list.data?.voices.length ?? null, limit });
  const saved = save.isSuccess && !save.isPending ? save.data : null;
  const error: UserFacingError | null = save.isError ? describeError(save.error, i18n, SAVE_ERRORS) : null;

  return (
    <Card>
      <h2 className="flex items-center gap-2 text-base font-semibold text-slate-900">
        <CloneIcon className="size-5 text-violet-600" />
        {source.cloned ? t("myVoices.saveClonedTitle") : t("myVoices.saveTitle")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{source.cloned ? t("myVoices.saveClonedBody") : t("myVoices.saveBody")}</p>
      <form
        className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end"
        onSubmit={(event) => {
          event.preventDefault();
          if (problem === null && !disabled && !save.isPending) save.mutate();
        }}
      >
        <div className="min-w-0 flex-1">
          <label htmlFor={nameId} className="block text-sm font-medium text-slate-800">
            {t("myVoices.name")}
          </label>
          <input
            id={nameId}
            type="text"
            value={shownName}
            onChange={(event) => {
              setName(event.target.value);
              if (save.isSuccess || save.isError) save.reset();
            }}
            aria-describedby={hintId}
            aria-invalid={voiceNameProblem(shownName) !== null || undefined}
            className="mt-1.5 block h-11 w-full rounded-xl border border-slate-300 bg-white px-3 text-slate-900"
          />
        </div>
        <Button type="submit" variant="secondary" busy={save.isPending} disabled={problem !== null || disabled}>
          {save.isPending ? t("myVoices.saving") : t("myVoices.save")}
        </Button>
      </form>
      <p id={hintId} className={`mt-2 text-xs ${problem === null ? "text-slate-500" : "text-amber-800"}`} data-testid="save-voice-hint">
        {problem === null ? t("myVoices.speaksIn", { language: languageName(source.locale, i18n) }) : t(PROBLEM_KEYS[problem], { limit, max: SAVED_VOICE_NAME_MAX })}
      </p>
      {error !== null && (
        <div className="mt-3">
          <ErrorNotice message={error.message} reference={error.reference} referenceLabel={t("common.reference")} />
        </div>
      )}
      {saved !== null && (
        <div role="status" className="mt-3 flex flex-wrap items-center gap-3 rounded-xl border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900" data-testid="voice-saved">
          <CheckIcon className="size-5 shrink-0 text-emerald-600" />
          <span className="min-w-0 flex-1 break-words">{t("myVoices.saved", { name: saved.name })}</span>
          <Button size="sm" variant="secondary" onClick={() => openOnGenerate(saved.id)}>
            {t("myVoices.use")}
          </Button>
        </div>
      )}
    </Card>
  );
}

function VoiceRow({ voice, onDelete }: { voice: SavedVoice; onDelete: () => void }) {
  const i18n = useI18n();
  const { t, formatDate, formatDuration } = i18n;
  const queryClient = useQueryClient();
  const openOnGenerate = useOpenOnGenerate();
  const inputId = useId();
  const [editing, setEditing] = useState<string | null>(null);
  const rename = useMutation({
    mutationFn: (name: string) => accountApi.renameVoice(voice.id, name),
    onSuccess: () => {
      setEditing(null);
      refreshSavedVoices(queryClient);
    },
  });
  const nameProblem = editing === null ? null : voiceNameProblem(editing);

  return (
    <li className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center sm:px-6" data-testid="saved-voice" data-id={voice.id}>
      {editing === null ? (
        <div className="min-w-0 flex-1">
          <p className="font-semibold break-words text-slate-900" data-testid="saved-voice-name">
            {voice.name}
          </p>
          <p className="text-xs text-slate-500">
            {languageName(voice.language, i18n)} · {t("myVoices.recording", { duration: formatDuration(voice.referenceDurationSeconds) })} · <time dateTime={voice.createdAt}>{formatDate(voice.createdAt)}</time>
          </p>
        </div>
      ) : (
        <form
          className="flex min-w-0 flex-1 flex-col gap-2 sm:flex-row sm:items-center"
          onSubmit={(event) => {
            event.preventDefault();
            if (nameProblem === null && !rename.isPending) rename.mutate(editing.trim());
          }}
        >
          <label htmlFor={inputId} className="sr-only">
            {t("myVoices.newName", { name: voice.name })}
          </label>
          <input
            id={inputId}
            type="text"
            value={editing}
            // biome-ignore lint/a11y/noAutofocus: the field appears because Rename was pressed; typing goes there
            autoFocus
            onChange={(event) => setEditing(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Escape") setEditing(null);
            }}
            aria-invalid={nameProblem !== null || undefined}
            className="h-10 min-w-0 flex-1 rounded-lg border border-slate-300 bg-white px-3 text-sm"
          />
          <div className="flex gap-2">
            <Button type="submit" size="sm" busy={rename.isPending} disabled={nameProblem !== null}>
              {t("myVoices.saveName")}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setEditing(null)} disabled={rename.isPending}>
              {t("common.cancel")}
            </Button>
          </div>
          {(nameProblem !== null || rename.isError) && (
            <p role="alert" className="text-xs text-red-700 sm:basis-full">
              {nameProblem !== null ? t(PROBLEM_KEYS[nameProblem], { max: SAVED_VOICE_NAME_MAX }) : describeError(rename.error, i18n).message}
            </p>
          )}
        </form>
      )}
      {editing === null && (
        <div className="flex shrink-0 flex-wrap gap-1">
          <Button size="sm" variant="secondary" onClick={() => openOnGenerate(voice.id)}>
            {t("myVoices.use")}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              rename.reset();
              setEditing(voice.name);
            }}
            aria-label={t("myVoices.rename", { name: voice.name })}
          >
            <PencilIcon className="size-4" />
            <span className="hidden sm:inline">{t("myVoices.renameShort")}</span>
          </Button>
          <Button size="sm" variant="ghost" className="hover:bg-red-50 hover:text-red-600" onClick={onDelete} aria-label={t("myVoices.delete", { name: voice.name })}>
            <TrashIcon className="size-4" />
            <span className="hidden sm:inline">{t("common.delete")}</span>
          </Button>
        </div>
      )}
    </li>
  );
}

export function MyVoicesList() {
  const i18n = useI18n();
  const { t } = i18n;
  const queryClient = useQueryClient();
  const list = useMyVoices();
  const [deleting, setDeleting] = useState<SavedVoice | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => accountApi.deleteVoice(id),
    onSuccess: () => setDeleting(null),
    // A voice already gone (404) is gone either way: the list is refreshed in both cases.
    onSettled: () => refreshSavedVoices(queryClient),
  });
  const voices = list.data?.voices ?? [];
  const limit = list.data?.limit ?? MAX_SAVED_VOICES;

  return (
    <section className="mt-10" aria-labelledby="my-voices-title" data-testid="my-voices">
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="my-voices-title" className="text-lg font-semibold text-slate-900">
          {t("myVoices.title")}
        </h2>
        {list.data !== undefined && (
          <Badge tone={voices.length >= limit ? "amber" : "slate"} data-testid="my-voices-usage">
            {t("myVoices.usage", { count: voices.length, limit })}
          </Badge>
        )}
      </div>
      {list.isPending && <div className="h-24 animate-pulse rounded-2xl bg-slate-200/60" aria-busy="true" />}
      {list.isError && <QueryErrorNotice error={list.error} onRetry={() => list.refetch()} />}
      {list.isSuccess && voices.length === 0 && <p className="rounded-2xl border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500">{t("myVoices.empty")}</p>}
      {voices.length > 0 && (
        <div className="overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm">
          <ul className="divide-y divide-slate-100" aria-label={t("myVoices.title")}>
            {voices.map((voice) => (
              <VoiceRow
                key={voice.id}
                voice={voice}
                onDelete={() => {
                  remove.reset();
                  setDeleting(voice);
                }}
              />
            ))}
          </ul>
        </div>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={t("myVoices.deleteTitle", { name: deleting?.name ?? "" })}
        body={t("myVoices.deleteBody")}
        confirmLabel={t("myVoices.deleteConfirm")}
        busy={remove.isPending}
        error={remove.isError ? describeError(remove.error, i18n) : null}
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          if (deleting !== null) remove.mutate(deleting.id);
        }}
      />
    </section>
  );
}
