/**
 * Security headers (PRODUCT §12), in one place for both ways a response leaves: the Worker's own
 * responses (the `securityHeaders` middleware in app.ts) and the static assets the platform serves
 * before the Worker runs (a `_headers` file, written into dist/spa by vite.config.ts from
 * `assetHeadersFile`). The SPA's content security policy allows what the pages need: scripts and
 * styles from the origin only (React style attributes need inline styles), audio and downloads
 * from blob: URLs, and connections to any host (and to the page's own blob: recordings), because
 * the Supabase project and the LiveKit server are deployment configuration a static file cannot
 * know, and a local LiveKit speaks plain ws:/http: (on an https page the browser blocks those as
 * mixed content anyway). Scripts stay locked to the origin, which is what stops injected code. Stripe Checkout and the portal are top-level
 * navigations, which CSP does not restrict. No page may be framed.
 */
const COMMON: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), geolocation=(), payment=(), microphone=(self)",
};

const SPA_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' https: wss: http: ws: blob: data:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** JSON and audio are never rendered as documents: nothing may load from them. */
const API_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

export const SPA_SECURITY_HEADERS: Readonly<Record<string, string>> = { ...COMMON, "Content-Security-Policy": SPA_POLICY };
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = { ...COMMON, "Content-Security-Policy": API_POLICY };

/** The `_headers` file for Workers static assets: the SPA's headers on every asset path. */
export function assetHeadersFile(): string {
  return `# Written by vite.config.ts from worker/security-headers.ts; do not edit.\n/*\n${Object.entries(SPA_SECURITY_HEADERS)
    .map(([name, value]) => `  ${name}: ${value}`)
    .join("\n")}\n`;
}
