/** Profile: who is signed in, how, since when, their plan and language; and signing out. */
import type { ReactNode } from "react";
import { useAuth } from "../../auth/auth";
import { describeError } from "../../api/error-messages";
import { useMe } from "../../api/queries";
import { useDocumentTitle, useI18n } from "../../i18n/i18n";
import { SignOutIcon } from "../../components/icons";
import { LanguageSwitcher } from "../../components/language-switcher";
import { Badge, Button, Card, ErrorNotice, PageHeader } from "../../components/ui";

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
      <div className="mt-6">
        <Button variant="secondary" onClick={() => void signOut()}>
          <SignOutIcon className="size-4" />
          {t("nav.signOut")}
        </Button>
      </div>
    </div>
  );
}
