import { checkHealth } from "@/lib/server/health";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const { database } = await checkHealth();
    return Response.json({ status: "ok", database }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ status: "error", message: "Base de données injoignable." }, { status: 503 });
  }
}
