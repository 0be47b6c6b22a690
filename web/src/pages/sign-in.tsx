/**
 * Sign-in: Google through Supabase when the server has a Supabase project, the local email
 * sign-in otherwise (development only; the server refuses it in production). Afterwards the
 * visitor returns to `?next=` (a same-site dashboard path) or to Generate.
 */
import { useId, useState, type FormEvent } from "react";
import { Link, Navigate, useSearchParams } from "../router";
import { useAuth } from "../auth/auth";
import { describeError, type UserFacingError } from "../api/error-messages";
import { useDocumentTitle, useI18n } from "../i18n/i18n";
import { localizePath, safeNextPath } from "../i18n/routing";
import { LogoMark } from "../components/icons";
import { SiteHeader } from "../components/site-header";
import { Button, ErrorNotice, FullPageSpinner } from "../components/ui";

function GoogleLogo() {
  return (
    <svg viewBox="0 0 24 24" className="size-5" aria-hidden="true" focusable="false">
      <path fill="#EA4335" d="M12 10.2v3.9h5.5c-.24 1.26-.97 2.33-2.06 3.05l3.33 2.58c1.94-1.79 3.06-4.42 3.06-7.55 0-.72-.06-1.42-.19-2.09H12z" />
      <path fill="#34A853" d="M5.27 14.28l-.75.57-2.66 2.07C3.55 20.27 7.5 22.5 12 22.5c2.84 0 5.22-.94 6.96-2.54l-3.33-2.58c-.94.63-2.13 1-3.63 1-2.8 0-5.17-1.89-6.02-4.43z" />
      <path fill="#4A90E2" d="M1.86 7.08A10.4 10.4 0 0 0 1.5 12c0 1.7.41 3.3 1.13 4.72l3.42-2.65A6.3 6.3 0 0 1 5.7 12c0-.72.12-1.41.35-2.07z" />
      <path fill="#FBBC05" d="M12 5.5c1.55 0 2.93.53 4.02 1.57l2.96-2.96C17.2 2.45 14.84 1.5 12 1.5 7.5 1.5 3.55 3.73 1.86 7.08l3.42 2.65C6.83 7.39 9.2 5.5 12 5.5z" />
    </svg>
  );
}

export default function SignIn() {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const auth = useAuth();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get("next"), locale);
  const returning = params.has("next");
  const [email, setEmail] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UserFacingError | null>(null);
  // Read on the first render: the reason is cleared as soon as the visitor is outside the dashboard.
  const [accountDeleted] = useState(() => auth.signOutReason === "deleted");
  const emailId = useId();
  const hintId = useId();
  useDocumentTitle(t("signIn.title"));

  if (auth.status === "signed-in") return <Navigate to={next} replace />;

  const submitLocal = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await auth.signInLocal(email.trim());
      // Once the session is stored this page re-renders and the Navigate above returns the user.
    } catch (reason) {
      setError(describeError(reason, i18n));
      setBusy(false);
    }
  };

  const signInWithGoogle = async () => {
    setBusy(true);
    setError(null);
    try {
      const callback = new URL(localizePath(locale, "/auth/callback"), window.location.origin);
      callback.searchParams.set("next", next);
      await auth.signInWithGoogle(callback.toString());
    } catch {
      setError({ message: t("signIn.googleFailed") });
      setBusy(false);
    }
  };

  return (
    <div className="flex min-h-dvh flex-col bg-slate-50 bg-[radial-gradient(ellipse_at_top,rgba(244,63,94,0.10),transparent_60%)]">
      <SiteHeader showAuth={false} />
      <main className="flex flex-1 items-start justify-center px-4 pt-8 pb-16 sm:items-center sm:pt-0">
        <div className="w-full max-w-sm">
          <div className="rounded-3xl border border-slate-200 bg-white p-6 shadow-xl shadow-slate-900/5 sm:p-8">
            <LogoMark className="size-11" />
            <h1 className="mt-5 text-2xl font-bold tracking-tight text-slate-900">{t("signIn.title")}</h1>
            <p className="mt-1 text-sm text-slate-600">{returning ? t("signIn.returnHint") : t("signIn.subtitle")}</p>

            <div className="mt-6 space-y-4">
              {auth.mode === null && auth.configError === null && <FullPageSpinner label={t("common.loading")} />}

              {auth.configError !== null && <ErrorNotice message={describeError(auth.configError, i18n).message} />}

              {auth.mode === "supabase" && (
                <Button variant="secondary" size="lg" className="w-full" busy={busy} onClick={() => void signInWithGoogle()}>
                  {!busy && <GoogleLogo />}
                  {t("signIn.google")}
                </Button>
              )}

              {auth.mode === "local" && (
                <form onSubmit={(event) => void submitLocal(event)} className="space-y-4">
                  <div>
                    <label htmlFor={emailId} className="block text-sm font-medium text-slate-800">
                      {t("signIn.email")}
                    </label>
                    <input
                      id={emailId}
                      type="email"
                      name="email"
                      autoComplete="email"
                      required
                      maxLength={254}
                      value={email}
                      onChange={(event) => setEmail(event.target.value)}
                      aria-describedby={hintId}
                      placeholder={t("signIn.emailPlaceholder")}
                      className="mt-1.5 block h-11 w-full rounded-xl border border-slate-300 bg-white px-3 text-slate-900 placeholder:text-slate-400"
                    />
                    <p id={hintId} className="mt-1.5 text-xs text-slate-500">
                      {t("signIn.localHint")}
                    </p>
                  </div>
                  <Button type="submit" size="lg" className="w-full" busy={busy}>
                    {t("signIn.continue")}
                  </Button>
                </form>
              )}

              {auth.mode === "none" && <ErrorNotice message={t("signIn.unavailable")} />}

              {accountDeleted && error === null && <ErrorNotice message={t("error.account_deleted")} />}

              {error !== null && <ErrorNotice message={error.message} reference={error.reference} referenceLabel={t("common.reference")} />}
            </div>
          </div>
          <p className="mt-6 text-center text-sm text-slate-600">
            <Link to={localizePath(locale)} className="font-medium text-slate-700 underline-offset-4 hover:underline">
              ← {t("signIn.backHome")}
            </Link>
          </p>
        </div>
      </main>
    </div>
  );
}
