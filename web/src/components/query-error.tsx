/** A data query that failed: the error in the user's words and a Retry button that refetches. */
import { describeError } from "../api/error-messages";
import { useI18n } from "../i18n/i18n";
import { Button, ErrorNotice } from "./ui";

export function QueryErrorNotice({ error, onRetry }: { error: unknown; onRetry: () => unknown }) {
  const i18n = useI18n();
  return (
    <ErrorNotice
      message={describeError(error, i18n).message}
      action={
        <Button size="sm" variant="secondary" onClick={() => void onRetry()}>
          {i18n.t("common.retry")}
        </Button>
      }
    />
  );
}
