/**
 * "Suggest expressive tags" under the Generate page's text box: asks the server's text model
 * (POST /api/enhance-text) for tags suited to the chosen voice and shows the suggestion as a diff —
 * the added tags highlighted — that the user accepts (it replaces the text) or rejects. Hidden,
 * with a one-line reason, when the server has no text model; says how many uses are left today.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Voice } from "../../../worker/shared/contracts";
import { api } from "../api/client";
import { describeError } from "../api/error-messages";
import { useI18n } from "../i18n/i18n";
import { suggestionPieces } from "../lib/enhance-diff";
import { Button } from "./ui";

const STATUS_KEY = ["enhance", "status"] as const;

export function TextEnhancer({ text, voice, locale, onAccept }: { text: string; voice: Voice | undefined; locale: string; onAccept(text: string): void }) {
  const i18n = useI18n();
  const { t, tp } = i18n;
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: STATUS_KEY, queryFn: api.enhanceStatus, staleTime: 60_000 });
  const suggest = useMutation({
    mutationFn: (sent: string) => api.enhanceText({ text: sent, voice: voice?.id ?? "", locale }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: STATUS_KEY }),
  });
  if (voice === undefined || voice.provider === "openai" || status.data === undefined) return null;
  if (!status.data.available) {
    return (
      <p className="mt-2 text-xs text-slate-500" data-testid="enhance-unavailable">
        {t("enhance.unavailable")}
      </p>
    );
  }
  const suggestion = suggest.data;
  // A suggestion for text the user has since edited is dropped rather than pasted over the edit.
  const stale = suggestion !== undefined && suggest.variables !== text;
  return (
    <div className="mt-2" data-testid="text-enhancer">
      <div className="flex flex-wrap items-center gap-2">
        <Button size="sm" variant="secondary" busy={suggest.isPending} disabled={text.trim() === "" || status.data.remainingToday === 0} onClick={() => suggest.mutate(text)}>
          {t("enhance.button")}
        </Button>
        <span className="text-xs text-slate-500">{tp("enhance.remaining", status.data.remainingToday)}</span>
      </div>
      {suggest.isError && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {describeError(suggest.error, i18n).message}
        </p>
      )}
      {suggestion !== undefined && !stale && (
        <div className="mt-3 rounded-xl border border-violet-200 bg-violet-50/60 p-3" data-testid="enhance-suggestion">
          <p className="text-xs font-medium text-violet-900">{t("enhance.suggestion")}</p>
          <p className="mt-1 text-sm leading-relaxed whitespace-pre-wrap text-slate-800">
            {suggestionPieces(text, suggestion.text).map((piece, index) =>
              piece.kind === "text" ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one suggestion never reorder
                <span key={index}>{piece.value}</span>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one suggestion never reorder
                <mark key={index} className={`rounded px-0.5 font-mono text-xs ${piece.added ? "bg-emerald-200 text-emerald-900" : "bg-transparent text-slate-500"}`}>
                  {piece.value}
                </mark>
              ),
            )}
          </p>
          <div className="mt-3 flex gap-2">
            <Button
              size="sm"
              onClick={() => {
                onAccept(suggestion.text);
                suggest.reset();
              }}
            >
              {t("enhance.accept")}
            </Button>
            <Button size="sm" variant="secondary" onClick={() => suggest.reset()}>
              {t("enhance.reject")}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
