/** The stored file's format (WAV or MP3) as a badge; screen readers hear "File format: MP3". */
import type { AudioFormat } from "../../../worker/shared/contracts";
import { useI18n } from "../i18n/i18n";
import { Badge } from "./ui";

export function FormatBadge({ format, testId }: { format: AudioFormat; testId?: string }) {
  const { t } = useI18n();
  const label = t(format === "mp3" ? "generate.formatMp3" : "generate.formatWav");
  return (
    <Badge data-testid={testId}>
      <span className="sr-only">{t("generate.formatOf", { format: label })}</span>
      <span aria-hidden="true" data-format={format}>
        {label}
      </span>
    </Badge>
  );
}
