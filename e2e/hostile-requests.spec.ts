// Requests no page of the site sends, against `next start` (issue 10): a
// server action from another site, bodies Next cannot decode, a chunked
// body over the limit, and a référent's filters carrying a NUL. Each gets a
// French answer (403, 400, 413, or the page with an alert), never Next's
// bare 500, and nothing is written.
import http from "node:http";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { createUser, uniqueEmail } from "@/db/factories";
import * as s from "@/db/schema";
import { typeset } from "@/lib/domain/french";
import type { Db } from "@/db/types";
import { expect, test } from "./fixtures";
import { buildActions, callAction } from "./server-actions";

const joinAction = () => buildActions().find((a) => a.file === "app/devenir-intermittent/actions.ts")!;
const joined = async (db: Db, email: string) => db.select().from(s.intermittentRequests).where(eq(s.intermittentRequests.email, email));

async function sessionCookie(db: Db, userId: string): Promise<string> {
  const token = randomUUID();
  await db.insert(s.sessions).values({ sessionToken: token, userId, expires: new Date(Date.now() + 3_600_000) });
  return `authjs.session-token=${token}`;
}

test.describe("requêtes hostiles", () => {
  test("une action serveur postée depuis un autre site : 403 en français, rien d'écrit (Next répondait 500)", async ({ request, db, baseURL }) => {
    const email = uniqueEmail("autre-site");
    const fields = { email, firstName: "Camille", lastName: "", phone: "", message: "" };
    for (const origin of ["https://evil.example", "null"]) {
      const response = await callAction(request, joinAction(), fields, { Origin: origin });
      expect(response.status()).toBe(403);
      expect(response.headers()["content-type"]).toBe("text/plain; charset=utf-8");
      expect(await response.text()).toContain("Requête refusée : elle ne vient pas d'une page de ce site.");
    }
    expect(await joined(db, email)).toEqual([]);
    // The same call from the site itself is taken (from the Tilleuls' form: the demo has two AMAPs).
    const own = await callAction(request, joinAction(), fields, { Origin: new URL(baseURL!).origin, Cookie: "espace-amap=tilleuls" });
    expect(own.status()).toBe(200);
    expect(await joined(db, email)).toHaveLength(1);
  });

  test("un corps illisible pour une action : 400 en français, pas « momentanément indisponible » ni 500", async ({ request, db, baseURL }) => {
    const action = joinAction();
    const path = "/devenir-intermittent";
    const headers = { "Next-Action": action.id, Origin: new URL(baseURL!).origin };
    const email = uniqueEmail("illisible");
    const bodies: [string, string, string][] = [
      ["un objet JSON", "application/json", '{"a":1}'],
      ["un objet JSON en texte", "text/plain;charset=UTF-8", '{"a":1}'],
      ["un multipart coupé", "multipart/form-data; boundary=XYZ", `--XYZ\r\nContent-Disposition: form-data; name="_1_email"\r\n\r\n${email}`],
      ["un multipart sans frontière", "multipart/form-data", "--XYZ--\r\n"],
    ];
    for (const [name, type, data] of bodies) {
      const response = await request.post(path, { data, headers: { ...headers, "Content-Type": type }, maxRedirects: 0 });
      expect(response.status(), name).toBe(400);
      expect(await response.text(), name).toBe("Requête invalide : son contenu est incomplet ou illisible. Rechargez la page, puis réessayez.");
    }
    // A form posted without JavaScript, cut short.
    const noJs = await request.post(path, { data: '--XYZ\r\nContent-Disposition: form-data; name="$ACTION_REF_1"\r\n\r\n', headers: { "Content-Type": "multipart/form-data; boundary=XYZ" } });
    expect(noJs.status()).toBe(400);
    expect(await joined(db, email)).toEqual([]);
  });

  test("un corps de 3 Mo envoyé par morceaux (sans Content-Length) : 413 en français", async ({ baseURL }) => {
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(new URL("/devenir-intermittent", baseURL), { method: "POST", headers: { "Content-Type": "application/octet-stream" } }, (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (d: string) => (text += d)).on("end", () => resolve({ status: res.statusCode!, text }));
      });
      req.on("error", reject);
      const chunk = Buffer.alloc(64 * 1024, "a");
      let sent = 0;
      const pump = () => {
        while (sent < 3_000_000) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        req.end();
      };
      pump();
    }).catch((error: NodeJS.ErrnoException) => ({ status: 0, text: error.code ?? String(error) }));
    expect(answer.status).toBe(413);
    expect(answer.text).toContain("Requête trop volumineuse : la limite est de 1 Mo.");
  });

  test("un NUL dans les filtres des référents : la page, avec un message en français (Next répondait 500)", async ({ request, db }) => {
    const referent = await createUser(db, { isReferent: true, firstName: "Rémi", lastName: "Filtre" });
    const cookie = await sessionCookie(db, referent.id);
    const cases: [string, string][] = [
      ["/admin/amapiens?q=%00", "« Rechercher » contient un caractère invisible ou de contrôle (U+0000)"],
      ["/admin/amapiens?q=a%1B%5B31m", "« Rechercher » contient un caractère invisible ou de contrôle (U+001B)"],
      ["/admin/paniers?amapien=%00", "« Amapien·ne (nom ou e-mail) » contient un caractère invisible ou de contrôle (U+0000)"],
      ["/admin/paniers?intermittent=x%E2%80%A8", "« Intermittent·e (nom ou e-mail) » contient un caractère invisible ou de contrôle (U+2028)"],
      ["/admin/paniers?du=2027-02-30", "« Du » n'est pas une date : choisissez un jour dans le calendrier."],
    ];
    for (const [url, message] of cases) {
      const response = await request.get(url, { headers: { cookie } });
      expect(response.status(), url).toBe(200);
      expect(await response.text(), url).toContain(typeset(message).replaceAll("'", "&#x27;"));
    }
  });
});
