/**
 * Who is signed in. `GET /api/auth/config` says which sign-in the server accepts:
 *  - "supabase": Google through supabase-js, loaded on demand (never in the landing bundle);
 *    supabase-js keeps the session in localStorage and refreshes the access token itself.
 *  - "local": the development email sign-in; the 24 h token is kept in localStorage.
 * The API client asks this module for a fresh token on every call, and a 401 signs the user out,
 * which sends them to the sign-in page and back to where they were afterwards.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { SupabaseClient } from "@supabase/supabase-js";
import type { AuthConfigResponse } from "../../../worker/shared/contracts";
import { api, configureAuth } from "../api/client";

const SESSION_STORAGE_KEY = "sexyvoice.session";
/** Treat a token as expired this long before it really is, so no request races its expiry. */
const EXPIRY_MARGIN_MS = 30_000;

export type AuthMode = AuthConfigResponse["mode"];

export type AuthStatus = "loading" | "signed-in" | "signed-out";

interface LocalSession {
  accessToken: string;
  expiresAt: number;
  email: string;
}

/** Why the last sign-out happened: the user asked (deleting the account is asked too), the server stopped accepting the token, or its account is deleted. */
export type SignOutReason = "user" | "expired" | "deleted";

interface AuthContextValue {
  status: AuthStatus;
  signOutReason: SignOutReason | null;
  /** null until the server's configuration is known. */
  mode: AuthMode | null;
  configError: unknown;
  email: string | null;
  signInLocal: (email: string) => Promise<void>;
  signInWithGoogle: (redirectTo: string) => Promise<void>;
  signOut: (reason?: SignOutReason) => Promise<void>;
  /** Called once the user has left the dashboard, so a later visit asks them to sign in again. */
  clearSignOutReason: () => void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

function readLocalSession(): LocalSession | null {
  try {
    const raw = localStorage.getItem(SESSION_STORAGE_KEY);
    if (raw === null) return null;
    const session = JSON.parse(raw) as Partial<LocalSession>;
    if (typeof session.accessToken !== "string" || typeof session.expiresAt !== "number" || typeof session.email !== "string") return null;
    if (session.expiresAt * 1000 - EXPIRY_MARGIN_MS <= Date.now()) return null;
    return { accessToken: session.accessToken, expiresAt: session.expiresAt, email: session.email };
  } catch {
    return null;
  }
}

function writeLocalSession(session: LocalSession | null): void {
  try {
    if (session === null) localStorage.removeItem(SESSION_STORAGE_KEY);
    else localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
  } catch {
    // Storage unavailable: the session lasts for this page only.
  }
}

/**
 * `deferStoredSession`: a pre-rendered page is being hydrated, so the first render must be the
 * signed-out one the build rendered; the stored session is read right after.
 */
const signedOutListeners = new Set<() => void>();

/**
 * Runs `listener` after every sign-out (the dashboard's query cache drops the user's data). The
 * cache lives with the signed-in pages' code, so this module does not load TanStack Query.
 */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

export function AuthProvider({ children, deferStoredSession = false }: { children: ReactNode; deferStoredSession?: boolean }) {
  const [mode, setMode] = useState<AuthMode | null>(null);
  const [configError, setConfigError] = useState<unknown>(null);
  const [localSession, setLocalSession] = useState<LocalSession | null>(() => (deferStoredSession ? null : readLocalSession()));
  const [supabaseEmail, setSupabaseEmail] = useState<string | null>(null);
  const [supabaseReady, setSupabaseReady] = useState(false);
  const [signOutReason, setSignOutReason] = useState<SignOutReason | null>(null);
  const supabaseRef = useRef<SupabaseClient | null>(null);

  useEffect(() => {
    if (deferStoredSession) setLocalSession(readLocalSession());
  }, [deferStoredSession]);

  useEffect(() => {
    let current = true;
    let unsubscribe: (() => void) | undefined;
    api
      .authConfig()
      .then(async (config) => {
        if (!current) return;
        setMode(config.mode);
        if (config.mode !== "local") {
          writeLocalSession(null);
          setLocalSession(null);
        }
        if (config.mode === "supabase" && config.supabaseUrl !== null && config.supabaseAnonKey !== null) {
          const { createSupabase } = await import("./supabase");
          const client = createSupabase(config.supabaseUrl, config.supabaseAnonKey);
          supabaseRef.current = client;
          const { data } = await client.auth.getSession();
          if (!current) return;
          setSupabaseEmail(data.session?.user.email ?? null);
          setSupabaseReady(true);
          const subscription = client.auth.onAuthStateChange((_event, session) => setSupabaseEmail(session?.user.email ?? null));
          unsubscribe = () => subscription.data.subscription.unsubscribe();
        }
      })
      .catch((error: unknown) => {
        if (current) setConfigError(error);
      });
    return () => {
      current = false;
      unsubscribe?.();
    };
  }, []);

  const signOut = useCallback(async (reason: SignOutReason = "user") => {
    setSignOutReason(reason);
    writeLocalSession(null);
    setLocalSession(null);
    const client = supabaseRef.current;
    if (client !== null) {
      await client.auth.signOut().catch(() => undefined);
      setSupabaseEmail(null);
    }
    for (const listener of signedOutListeners) listener();
  }, []);

  const signOutRef = useRef(signOut);
  signOutRef.current = signOut;

  useEffect(() => {
    configureAuth({
      getAccessToken: async () => {
        const client = supabaseRef.current;
        if (client !== null) {
          const { data } = await client.auth.getSession();
          return data.session?.access_token ?? null;
        }
        const session = readLocalSession();
        return session?.accessToken ?? null;
      },
      onUnauthorized: (code) => {
        void signOutRef.current(code === "account_deleted" ? "deleted" : "expired");
      },
    });
  }, []);

  const signInLocal = useCallback(async (email: string) => {
    const response = await api.localSignIn(email);
    const session = { accessToken: response.accessToken, expiresAt: response.expiresAt, email: response.user.email };
    writeLocalSession(session);
    setSignOutReason(null);
    setLocalSession(session);
  }, []);

  const signInWithGoogle = useCallback(async (redirectTo: string) => {
    const client = supabaseRef.current;
    if (client === null) throw new Error("Supabase is not configured");
    const { error } = await client.auth.signInWithOAuth({ provider: "google", options: { redirectTo } });
    if (error !== null) throw error;
  }, []);

  const clearSignOutReason = useCallback(() => setSignOutReason(null), []);

  const value = useMemo<AuthContextValue>(() => {
    let status: AuthStatus;
    let email: string | null = null;
    if (localSession !== null && (mode === null || mode === "local")) {
      // A stored local token is trusted optimistically; the first 401 signs it out.
      status = "signed-in";
      email = localSession.email;
    } else if (mode === null) {
      status = configError === null ? "loading" : "signed-out";
    } else if (mode === "supabase") {
      if (!supabaseReady) status = "loading";
      else {
        status = supabaseEmail === null ? "signed-out" : "signed-in";
        email = supabaseEmail;
      }
    } else {
      status = "signed-out";
    }
    return { status, signOutReason, mode, configError, email, signInLocal, signInWithGoogle, signOut, clearSignOutReason };
  }, [localSession, mode, configError, supabaseReady, supabaseEmail, signOutReason, signInLocal, signInWithGoogle, signOut, clearSignOutReason]);

  return <AuthContext value={value}>{children}</AuthContext>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (value === null) throw new Error("useAuth outside AuthProvider");
  return value;
}
