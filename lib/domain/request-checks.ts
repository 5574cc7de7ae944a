// What proxy.ts checks of a request before Next sees it, beyond its size
// (http-security.ts): that a server action comes from this site, and that
// its body is one Next can decode. Next answers both with a bare 500 (its
// « Invalid Server Actions request », a TypeError in our action, or
// « Unexpected end of form »); we answer in French, 403 and 400. Pure.

/** What a server action posted from another site reads (403). */
export const CROSS_ORIGIN_MESSAGE =
  "Requête refusée : elle ne vient pas d'une page de ce site. Ouvrez le site lui-même, puis réessayez.";

/** What a request whose body cannot be read reads (400): cut short, not a form, or not what a page of this site sends. */
export const MALFORMED_BODY_MESSAGE =
  "Requête invalide : son contenu est incomplet ou illisible. Rechargez la page, puis réessayez.";

type HeaderReader = { get(name: string): string | null };

/**
 * The requests Next's action handler takes up (and checks the Origin of):
 * a POST with a `Next-Action` header (a page's script calling an action) or
 * with a multipart body (a form posted without JavaScript). Mirrors
 * getServerActionRequestMetadata in next/dist/server/lib/server-action-request-meta.js;
 * URL-encoded posts Next leaves alone, and so do we.
 */
export function actionKind(method: string, headers: HeaderReader): "fetch" | "form" | null {
  if (method.toUpperCase() !== "POST") return null;
  if (headers.get("next-action") !== null) return "fetch";
  return (headers.get("content-type") ?? "").startsWith("multipart/form-data") ? "form" : null;
}

/**
 * True when a server action comes from another site: its Origin names
 * another host than the one it was sent to (`X-Forwarded-Host`'s first
 * value, else `Host`), or is `null` (a sandboxed frame, a redirect from
 * elsewhere) or unreadable. Without an Origin (a script, curl) it is not
 * cross-site: a browser always sends one with a POST, and a script holds no
 * one else's cookie. As Next's own check (action-handler.js), which answers 500.
 */
export function isCrossOriginAction(headers: HeaderReader): boolean {
  const origin = headers.get("origin");
  if (origin === null) return false;
  let originHost: string;
  try {
    originHost = origin === "null" ? "null" : new URL(origin).host;
  } catch {
    return true;
  }
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  return !host || originHost !== host;
}

/**
 * The arguments of a server action called by a page's script, as React's
 * encodeReply writes them: a JSON array (`[{"status":"idle"},"$K1"]`, the
 * form being `"$K1"`; `[]` when Next's client leaves out arguments the action
 * never reads, as « Se déconnecter » does). What the items are is the
 * action's to check: `handleAction` answers « demande invalide » when no
 * form comes.
 */
export function isActionArguments(json: string): boolean {
  try {
    return Array.isArray(JSON.parse(json));
  } catch {
    return false;
  }
}

/**
 * Whether an action's body is one Next can decode into our action's
 * arguments: a multipart body that parses whole (the `0` part holding the
 * arguments, for a script's call), or — a script's call without a file —
 * the arguments as text.
 */
export async function isReadableActionBody(kind: "fetch" | "form", contentType: string, body: Uint8Array<ArrayBuffer>): Promise<boolean> {
  if (contentType.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await new Response(body, { headers: { "content-type": contentType } }).formData();
    } catch {
      return false;
    }
    if (kind === "form") return true;
    const root = form.get("0");
    return typeof root === "string" && isActionArguments(root);
  }
  if (kind === "form") return true;
  try {
    return isActionArguments(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    return false;
  }
}

/**
 * Reads a body up to `max` bytes: the bytes, or "too-large" as soon as it
 * passes `max` (a chunked body announces no length), or "broken" when the
 * stream fails (the client went away, or sent less than it announced).
 */
export async function readBodyUpTo(body: ReadableStream<Uint8Array> | null, max: number): Promise<Uint8Array<ArrayBuffer> | "too-large" | "broken"> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel().catch(() => {});
        return "too-large";
      }
      chunks.push(value);
    }
  } catch {
    return "broken";
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
}
