/**
 * A modal "are you sure?" for destructive actions (revoking a key, deleting a saved voice): the
 * native <dialog> (focus trapped, Escape cancels unless busy), Cancel focused first, the action in
 * red, and the server's error inside the dialog when the action failed.
 */
import { useEffect, useId, useRef, type ReactNode } from "react";
import type { UserFacingError } from "../api/error-messages";
import { useI18n } from "../i18n/i18n";
import { TrashIcon } from "./icons";
import { Button, ErrorNotice } from "./ui";

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  busy: boolean;
  error: UserFacingError | null;
  onCancel: () => void;
  onConfirm: () => void;
}

export function ConfirmDialog({ open, title, body, confirmLabel, busy, error, onCancel, onConfirm }: ConfirmDialogProps) {
  const { t } = useI18n();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog === null) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={dialogRef}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-2xl border border-slate-200 p-0 shadow-2xl backdrop:bg-slate-900/50 backdrop:backdrop-blur-sm"
    >
      {open && (
        <div className="p-6">
          <span className="inline-flex size-11 items-center justify-center rounded-full bg-red-100 text-red-600">
            <TrashIcon className="size-5" />
          </span>
          <h2 id={titleId} className="mt-4 text-lg font-semibold break-words text-slate-900">
            {title}
          </h2>
          <div id={bodyId} className="mt-2 text-sm text-slate-600">
            {body}
          </div>
          {error !== null && (
            <div className="mt-4">
              <ErrorNotice message={error.message} reference={error.reference} referenceLabel={t("common.reference")} />
            </div>
          )}
          <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" onClick={onCancel} disabled={busy} autoFocus>
              {t("common.cancel")}
            </Button>
            <Button variant="danger" onClick={onConfirm} busy={busy}>
              {confirmLabel}
            </Button>
          </div>
        </div>
      )}
    </dialog>
  );
}
