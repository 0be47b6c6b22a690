/**
 * The Supabase client, in its own chunk: it is imported only when the server says a Supabase
 * project is configured, so local installs and the landing page never download supabase-js.
 * PKCE flow: Google redirects back to /<locale>/auth/callback with a code that supabase-js
 * exchanges itself (detectSessionInUrl), then keeps and refreshes the session in localStorage.
 */
import { createClient, type SupabaseClient } from "@supabase/supabase-js";

export function createSupabase(url: string, anonKey: string): SupabaseClient {
  return createClient(url, anonKey, {
    auth: { flowType: "pkce", persistSession: true, autoRefreshToken: true, detectSessionInUrl: true, storageKey: "sexyvoice.supabase" },
  });
}
