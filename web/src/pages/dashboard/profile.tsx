/**
 * Profile: who is signed in, how, since when, their plan and language; signing out; downloading
 * all of the account's data (`GET /api/me/export`) and deleting the account (`DELETE /api/me`,
 * confirmed by typing the email, asked again while the server answers "in progress"), after which
 * the user is signed out and lands on the landing page.
 */
import { useId, useState, type ReactNode } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useAuth } from "../../auth/auth";
import { accountApi } from "../../api/account";
import { describeError, type UserFacingError } from "../../api/error-messages";
import { useMe } from "../../api/queries";
import { useDocumentTitle, useI18n } from "../../i18n/i18n";
import { DownloadIcon, SignOutIcon, TrashIcon } from "../../components/icons";
import { LanguageSwitcher } from "../../components/language-switcher";
import { Badge, Button, Card, ErrorNotice, PageHeader } from "../../components/ui";
import { DELETE_ACCOUNT_CONFIRMATION_WITHOUT_EMAIL } from "../../../../worker/shared/limits";

/** While the server answers `in_progress`: ask again this often, this many times (about two minutes), then say so. */
const DELETE_RETRY_MS = 3_000;
const DELETE_ATTEMPTS = 40;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function DownloadData() {
  const i18n = useI18n();
  const { t } = i18n;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UserFacingError | null>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const { blob, fileName } = await accountApi.downloadAccountData();
      const url = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (reason) {
      setError(describeError(reason, i18n));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card className="mt-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div>
          <h2 className="font-semibold text-slate-900">{t("profile.data.title")}</h2>
          <p className="text-sm text-slate-500">{t("profile.data.help")}</p>
        </div>
        <Button variant="secondary" busy={busy} onClick={() => void download()} data-testid="download-data">
          {!busy && <DownloadIcon className="size-4" />}
          {t("profile.data.download")}
        </Button>
      </div>
      {error !== null && (
        <div className="mt-4">
          <ErrorNotice message={error.message} reference={error.reference} referenceLabel={t("common.reference")} />
        </div>
      )}
    </Card>
  );
}

function DeleteAccount({ email }: { email: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const auth = useAuth();
  const queryClient = useQueryClient();
  const inputId = useId();
  const [confirm, setConfirm] = useState("");
  const [busy, setBusy] = useState(false);
  const [slow, setSlow] = useState(false);
  const [error, setError] = useState<UserFacingError | null>(null);
  const expected = email.trim() === "" ? DELETE_ACCOUNT_CONFIRMATION_WITHOUT_EMAIL : email.trim();
  const confirmed = confirm.trim().toLowerCase() === expected.toLowerCase();

  const remove = async () => {
    setBusy(true);
    setSlow(false);
    setError(null);
    try {
      for (let attempt = 0; attempt < DELETE_ATTEMPTS; attempt++) {
        const answer = await accountApi.deleteAccount(confirm);
        if (answer.status === "deleted") {
          // Nothing of the account may be asked for again: its session is over.
          await queryClient.cancelQueries();
          await auth.signOut("user");
          return;
        }
        await sleep(DELETE_RETRY_MS);
      }
      setSlow(true);
    } catch (reason) {
      setError(describeError(reason, i18n));
    }
    setBusy(false);
  };

  return (
    <Card className="mt-6 border-red-200">
      <h2 className="flex items-center gap-2 font-semibold text-red-700">
        <TrashIcon className="size-4" />
        {t("profile.delete.title")}
      </h2>
      <p className="mt-1 text-sm font-medium text-slate-700">{t("profile.delete.intro")}</p>
      <div className="mt-4 grid gap-4 sm:grid-cols-2">
        <div>
          <h3 className="text-sm font-semibold text-slate-900">{t("profile.delete.removedTitle")}</h3>
          <p className="mt-1 text-sm text-slate-600">{t("profile.delete.removed")}</p>
        </div>
        <div>
          <h3 className="text-sm font-semibold text-slate-900">{t("profile.delete.keptTitle")}</h3>
          <p className="mt-1 text-sm text-slate-600">{t("profile.delete.kept")}</p>
        </div>
      </div>
      <p className="mt-4 text-sm text-slate-600">{t("profile.delete.subscription")}</p>
      <form
        className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end"
        onSubmit={(event) => {
          event.preventDefault();
          if (confirmed && !busy) void remove();
        }}
      >
        <div className="flex-1">
          <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
            {t("profile.delete.confirmLabel", { email: expected })}
          </label>
          <input
            id={inputId}
            name="confirm"
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={confirm}
            disabled={busy}
            onChange={(event) => setConfirm(event.target.value)}
            className="mt-1.5 block h-11 w-full rounded-xl border border-slate-300 bg-white px-3 text-slate-900 placeholder:text-slate-400"
            data-testid="delete-confirm"
          />
        </div>
        <Button type="submit" variant="danger" busy={busy} disabled={!confirmed} data-testid="delete-account">
          {t("profile.delete.button")}
        </Button>
      </form>
      {busy && (
        <p className="mt-3 text-sm text-slate-600" role="status">
          {t("profile.delete.working")}
        </p>
      )}
      {slow && (
        <div className="mt-4">
          <ErrorNotice message={t("profile.delete.slow")} />
        </div>
      )}
      {error !== null && (
        <div className="mt-4">
          <ErrorNotice message={error.message} reference={error.reference} referenceLabel={t("common.reference")} />
        </div>
      )}
    </Card>
  );
}

export default function Profile() {
  const i18n = useI18n();
  const { t, formatDate } = i18n;
  useDocumentTitle(t("profile.title"));
  const me = useMe();
  const auth = useAuth();

  // The dashboard guard sees a deliberate sign-out and goes to the landing page.
  const signOut = () => auth.signOut("user");

  const rows: Array<{ label: string; value: ReactNode }> =
    me.data === undefined
      ? []
      : [
          {
            label: t("profile.email"),
            value: (
              <span className="break-all" data-testid="profile-email">
                {me.data.email}
              </span>
            ),
          },
          ...(me.data.displayName !== null ? [{ label: t("profile.name"), value: me.data.displayName }] : []),
          { label: t("profile.signInMethod"), value: me.data.authProvider === "supabase" ? t("profile.methodGoogle") : t("profile.methodLocal") },
          { label: t("profile.plan"), value: <Badge tone={me.data.isPaid ? "violet" : "slate"}>{me.data.isPaid ? t("plan.paid") : t("plan.free")}</Badge> },
          { label: t("profile.memberSince"), value: formatDate(me.data.createdAt) },
        ];

  return (
    <div className="max-w-2xl">
      <PageHeader title={t("profile.title")} description={t("profile.description")} />
      {me.isError && <ErrorNotice message={describeError(me.error, i18n).message} />}
      <Card>
        {me.isPending ? (
          <div className="h-40 animate-pulse rounded-xl bg-slate-100" aria-busy="true" />
        ) : (
          <dl className="divide-y divide-slate-100">
            {rows.map((row) => (
              <div key={row.label} className="flex flex-col gap-1 py-3 first:pt-0 last:pb-0 sm:flex-row sm:items-center sm:justify-between">
                <dt className="text-sm text-slate-500">{row.label}</dt>
                <dd className="text-sm font-medium text-slate-900">{row.value}</dd>
              </div>
            ))}
          </dl>
        )}
      </Card>
      <Card className="mt-6">
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <div>
            <h2 className="font-semibold text-slate-900">{t("profile.language")}</h2>
            <p className="text-sm text-slate-500">{t("profile.languageHelp")}</p>
          </div>
          <LanguageSwitcher full />
        </div>
      </Card>
      <DownloadData />
      {me.data !== undefined && <DeleteAccount email={me.data.email} />}
      <div className="mt-6">
        <Button variant="secondary" onClick={() => void signOut()}>
          <SignOutIcon className="size-4" />
          {t("nav.signOut")}
        </Button>
      </div>
    </div>
  );
}
