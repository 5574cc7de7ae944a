import "server-only";
// The page a visitor gets, with status 503, while the database does not
// answer (proxy.ts asks before rendering). Plain HTML: it must not need the
// database, nor Next's rendering, nor any script.
import { errorsFr } from "@/lib/i18n/errors-fr";

/** Seconds a client is told to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The page's HTML; `retryPath` is the page asked for (a same-site path), `nonce` the response's CSP nonce. */
export function unavailablePageHtml({ retryPath, nonce }: { retryPath: string; nonce: string }): string {
  const href = retryPath.startsWith("/") && !retryPath.startsWith("//") ? retryPath : "/";
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(errorsFr.unavailableTitle)}</title>
<style nonce="${escapeHtml(nonce)}">
body{font-family:system-ui,sans-serif;margin:0;padding:2rem 1rem;color:#1f2a1f;background:#f6f8f4}
main{max-width:32rem;margin:0 auto}
h1{font-size:1.4rem;color:#2f6b3a}
a{display:inline-block;margin-top:1rem;padding:.75rem 1.25rem;border-radius:.5rem;background:#2f6b3a;color:#fff;text-decoration:none;font-weight:600}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(errorsFr.unavailableTitle)}</h1>
<p>${escapeHtml(errorsFr.unavailableBody)}</p>
<a href="${escapeHtml(href)}">${escapeHtml(errorsFr.retry)}</a>
</main>
</body>
</html>
`;
}

/** Which requests proxy.ts holds back while the database is down: page views (GET/HEAD), not the API, not build assets, not actions. */
export function isPageRequest(method: string, pathname: string): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  return !pathname.startsWith("/api/") && !pathname.startsWith("/_next/");
}
