import { checkHealth } from "@/lib/server/core/health";

export const dynamic = "force-dynamic";

/** For monitoring: 200 `{"status":"ok"}` when the database answers within 2 s, else 503 `{"status":"not ok"}`. Nothing else (no driver, no error). */
export async function GET() {
  const headers = { "Cache-Control": "no-store" };
  try {
    await checkHealth();
    return Response.json({ status: "ok" }, { headers });
  } catch {
    return Response.json({ status: "not ok" }, { status: 503, headers });
  }
}
