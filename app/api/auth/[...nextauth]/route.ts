import type { NextRequest } from "next/server";
import { handlers } from "@/lib/server/auth";

export const { GET } = handlers;

/**
 * Auth.js's own POST endpoints are not used: sign-in and sign-out go through
 * server actions (app/connexion/actions.ts), where the sign-in limits apply.
 * Its sign-in POST would send a link around those limits: it answers 404.
 */
export function POST(request: NextRequest) {
  if (new URL(request.url).pathname.startsWith("/api/auth/signin")) return new Response("Introuvable", { status: 404 });
  return handlers.POST(request);
}
