/**
 * "Deleted · Undo": a polite live region at the bottom of the screen, always in the page so that
 * screen readers announce what appears in it. The Undo button takes the focus when the toast
 * opens (the deleted row held it, and is gone); when it closes with the focus still inside, the
 * focus goes to `returnFocus` rather than to the document's start.
 */
import { useEffect, useRef, type RefObject } from "react";

interface UndoToastProps {
  /** What happened; the toast is shown while this is not null. */
  message: string | null;
  actionLabel: string;
  /** The button's full accessible name (it starts with the visible action label). */
  actionName: string;
  onUndo: () => void;
  returnFocus: RefObject<HTMLElement | null>;
}

export function UndoToast({ message, actionLabel, actionName, onUndo, returnFocus }: UndoToastProps) {
  const region = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const open = message !== null;
  const hadFocus = useRef(false);

  useEffect(() => {
    if (open) {
      button.current?.focus();
      hadFocus.current = true;
      return;
    }
    if (hadFocus.current && (document.activeElement === document.body || region.current?.contains(document.activeElement) === true)) returnFocus.current?.focus();
    hadFocus.current = false;
  }, [open, returnFocus]);

  return (
    <div ref={region} role="status" className="pointer-events-none fixed inset-x-0 bottom-4 z-40 flex justify-center px-4">
      {open && (
        <div className="pointer-events-auto flex items-center gap-4 rounded-xl bg-slate-900 px-4 py-3 text-sm text-white shadow-lg" data-testid="undo-toast">
          <span>{message}</span>
          <button ref={button} type="button" onClick={onUndo} aria-label={actionName} className="rounded-md px-2 py-1 font-semibold text-rose-300 hover:bg-white/10 hover:text-rose-200">
            {actionLabel}
          </button>
        </div>
      )}
    </div>
  );
}
