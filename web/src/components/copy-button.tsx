/**
 * Copies a text to the clipboard and says so for two seconds ("Copied"). Without clipboard
 * access (an insecure origin, a refused permission) it says the copy failed, and the caller's
 * text stays selectable to copy by hand.
 */
import { useEffect, useState } from "react";
import { useI18n } from "../i18n/i18n";
import { CopyIcon } from "./account-icons";
import { CheckIcon } from "./icons";
import { Button } from "./ui";

export function CopyButton({ text, label, variant = "secondary", testId }: { text: string; label: string; variant?: "primary" | "secondary"; testId?: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2_000);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  };
  return (
    <Button size="sm" variant={variant} onClick={() => void copy()} aria-label={state === "idle" ? label : undefined} data-testid={testId}>
      {state === "copied" ? <CheckIcon className="size-4" /> : <CopyIcon className="size-4" />}
      <span aria-live="polite">{state === "copied" ? t("common.copied") : state === "failed" ? t("common.copyFailed") : t("common.copy")}</span>
    </Button>
  );
}
