// Calls server actions the way a script would, without any page: the action
// ids come from the build (.next/server/server-reference-manifest.json), the
// body is what React's encodeReply makes of `(previousState, formData)`:
// part "0" holds the arguments, the form's fields go in parts "_1_<name>".
// NOTE: `filename` and `exportedName` in the manifest are Next's internals
// (present in Next 16.4); authorization.spec's coverage test fails loudly
// ("?#?") if a Next upgrade drops them.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";

export type ActionRef = { id: string; file: string; name: string; pages: string[] };

type Manifest = {
  node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
};

/** Every server action of the build, with its file (app/…/actions.ts) and export name. */
export function buildActions(): ActionRef[] {
  const manifest = JSON.parse(
    readFileSync(path.join(process.cwd(), ".next", "server", "server-reference-manifest.json"), "utf8"),
  ) as Manifest;
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    file: entry.filename ?? "?",
    name: entry.exportedName ?? "?",
    pages: Object.keys(entry.workers),
  }));
}

/** A URL path on which Next finds the action: one of the pages that import it, params filled with "1". */
export function actionPath(action: ActionRef): string {
  const own = action.file.replace(/\/actions\.ts$/, "/page");
  const page = action.pages.find((p) => p === own) ?? action.pages.find((p) => p.endsWith("/page") && !p.includes("_not-found")) ?? action.pages[0]!;
  const route = page.replace(/^app/, "").replace(/\/page$/, "").replace(/\[[^\]]+\]/g, "1");
  return route === "" ? "/" : route;
}

/**
 * Posts `fields` to an action as useActionState would (previous state, then
 * the form). `headers` may carry a session cookie or a forged Host.
 */
export async function callAction(
  request: APIRequestContext,
  action: ActionRef,
  fields: Record<string, string | string[]>,
  headers: Record<string, string> = {},
  previousState: unknown = { status: "idle" },
): Promise<APIResponse> {
  return callActionAt(request, action, actionPath(action), fields, headers, previousState);
}

/** The same, posted to `at` (the action's page under an AMAP's address, /<slug>/…). */
export async function callActionAt(
  request: APIRequestContext,
  action: ActionRef,
  at: string,
  fields: Record<string, string | string[]>,
  headers: Record<string, string> = {},
  previousState: unknown = { status: "idle" },
): Promise<APIResponse> {
  const multipart = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) multipart.append(`_1_${name}`, v);
  }
  // NOTE: the root part last, as encodeReply writes it: the server decodes
  // while the body streams in, and a root read first finds the form empty.
  multipart.append("0", JSON.stringify([previousState, "$K1"]));
  return request.post(at, {
    multipart,
    headers: { "Next-Action": action.id, Accept: "text/x-component", ...headers },
    maxRedirects: 0,
  });
}
