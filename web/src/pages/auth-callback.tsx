/**
 * Where Google (through Supabase) sends the user back. supabase-js exchanges the code in the URL
 * itself; this page waits for the session, then goes to `?next=`.
 */
import { useEffect, useState } from "react";
import { Link, Navigate, useSearchParams } from "../router";
import { useAuth } from "../auth/auth";
import { useDocumentTitle, useI18n } from "../i18n/i18n";
import { localizePath, safeNextPath } from "../i18n/routing";
import { ErrorNotice, FullPageSpinner, buttonClass } from "../components/ui";

const GIVE_UP_AFTER_MS = 15_000;

export default function AuthCallback() {
  const { t, locale } = useI18n();
  const { status } = useAuth();
  const [params] = useSearchParams();
  const [timedOut, setTimedOut] = useState(false);
  useDocumentTitle(t("signIn.title"));
  const providerError = params.get("error_description") ?? params.get("error");

  useEffect(() => {
    const timer = setTimeout(() => setTimedOut(true), GIVE_UP_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);

  if (status === "signed-in") return <Navigate to={safeNextPath(params.get("next"), locale)} replace />;
  if (providerError !== null || timedOut) {
    return (
      <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center gap-4 p-6">
        <ErrorNotice message={t("signIn.callbackFailed")} />
        <Link to={localizePath(locale, "/sign-in")} className={buttonClass("primary")}>
          {t("signIn.tryAgain")}
        </Link>
      </main>
    );
  }
  return <FullPageSpinner label={t("signIn.finishing")} />;
}
