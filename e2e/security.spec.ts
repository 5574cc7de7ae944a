// What an attacker from outside meets (SECURITY.md): the security headers on
// every kind of response, a Content-Security-Policy that runs Next's own
// scripts (nonced) and nothing injected, the session cookie's flags, the
// 413 for oversized bodies, and sign-in: links built on APP_URL whatever the
// Host says, redirects that stay on the site, and the per-IP limit with the
// same answer for every address.
import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { APIResponse, Page } from "@playwright/test";
import { addToIntermittents, createContract, createIntermittent, createMember, uniqueEmail } from "@/db/factories";
import * as s from "@/db/schema";
import { linkClaims, listUnsubscribe, signedLink, tampered, tokenOf } from "./email-links";
import { createScene } from "./exchange-helpers";
import { expect, test } from "./fixtures";
import { expectNoNewMail, extractSignInLink, followSignInLink, latestMailId, signIn, waitForMail, waitForNewMail } from "./mailbox";
import { buildActions, callAction } from "./server-actions";

/** Routes of every kind: public and signed-in pages, a redirect, an API, a link page, a 404. */
const ROUTES = [
  "/",
  "/connexion",
  "/aide",
  "/devenir-intermittent",
  "/paniers",
  "/admin",
  "/lien/pas-un-jeton",
  "/api/health",
  "/api/dev/mails?to=personne%40demo.test",
  "/page-qui-n-existe-pas",
];

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

function nonceOf(response: APIResponse): string {
  const script = directives(response.headers()["content-security-policy"] ?? "").get("script-src") ?? [];
  const nonce = script.find((v) => v.startsWith("'nonce-"));
  expect(nonce, "script-src porte un nonce").toBeTruthy();
  return nonce!.slice("'nonce-".length, -1);
}

/** Collects the CSP violations the page reports, from before its first script. */
async function watchCspViolations(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

const isHydrated = (page: Page) =>
  page.evaluate(() => {
    // React marks every element it hydrated with a `__reactFiber$…` key.
    const main = document.querySelector("main");
    return (
      typeof (window as unknown as { next?: { version?: string } }).next?.version === "string" &&
      !!main &&
      Object.keys(main).some((key) => key.startsWith("__reactFiber"))
    );
  });

test.describe("en-têtes de sécurité", () => {
  for (const route of ROUTES) {
    test(`${route} porte la CSP à nonce et les autres en-têtes`, async ({ request }) => {
      const response = await request.get(route, { maxRedirects: 0 });
      expect(response.status(), "la route répond").toBeLessThan(500);
      const headers = response.headers();
      const csp = directives(headers["content-security-policy"] ?? "");
      const script = csp.get("script-src") ?? [];
      expect(script).toContain("'strict-dynamic'");
      expect(script).not.toContain("'unsafe-inline'");
      expect(script).not.toContain("'unsafe-eval'");
      expect(nonceOf(response)).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
      expect(csp.get("object-src")).toEqual(["'none'"]);
      expect(csp.get("base-uri")).toEqual(["'self'"]);
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBe("same-origin");
      expect(headers["x-frame-options"]).toBe("DENY");
      // APP_URL is http in the suite: HSTS would be ignored, and is not sent.
      expect(headers["strict-transport-security"]).toBeUndefined();
      expect(headers["x-powered-by"]).toBeUndefined();
    });
  }

  test("chaque réponse a son propre nonce, et chaque script de la page le porte", async ({ request }) => {
    const first = await request.get("/connexion");
    const second = await request.get("/connexion");
    expect(nonceOf(first)).not.toBe(nonceOf(second));
    const nonce = nonceOf(first);
    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, "la page a des scripts (inline et fichiers)").toBeGreaterThan(3);
    for (const tag of scripts) expect(tag, "chaque <script> porte le nonce de la réponse").toContain(`nonce="${nonce}"`);
  });
});

test.describe("fichiers statiques", () => {
  test("les fichiers de la construction (/_next/static) et /favicon.ico portent aussi les en-têtes", async ({ request }) => {
    const html = await (await request.get("/")).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/_next\/static\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(assets.length, "la page charge des fichiers de /_next/static").toBeGreaterThan(0);
    for (const path of [assets.find((a) => a.endsWith(".js"))!, assets.find((a) => a.endsWith(".css"))!, "/favicon.ico"]) {
      const response = await request.get(path);
      expect(response.status(), path).toBeLessThan(500);
      const headers = response.headers();
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["x-frame-options"], path).toBe("DENY");
      expect(headers["referrer-policy"], path).toBe("same-origin");
      expect(directives(headers["content-security-policy"] ?? "").get("frame-ancestors"), path).toEqual(["'none'"]);
    }
  });
});

test.describe("Content-Security-Policy dans le navigateur", () => {
  test("un script injecté sans nonce ne s'exécute pas ; ceux de Next, si", async ({ page }) => {
    const violations = await watchCspViolations(page);
    // What a stored-XSS would look like: markup added to the page by someone else.
    await page.route("**/connexion", async (route) => {
      if (route.request().resourceType() !== "document") return route.continue();
      const response = await route.fetch();
      const body = (await response.text())
        .replace("<head>", "<head><script>window.__injected = true</script>")
        .replace("</main>", `<img src="/x.png" onerror="window.__handler = true" alt=""></main>`);
      await route.fulfill({ response, body });
    });

    await page.goto("/connexion");

    await expect.poll(() => isHydrated(page), { message: "la page est hydratée (scripts de Next exécutés)" }).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    expect(await page.evaluate(() => (window as unknown as { __handler?: boolean }).__handler)).toBeUndefined();
    const reported = await violations();
    expect(reported.some((v) => v.startsWith("script-src")), `violations : ${reported.join(" | ")}`).toBe(true);
  });

  test("un parcours connecté (action serveur, composants client) ne viole pas la CSP ; le cookie de session est HttpOnly et SameSite=Lax", async ({
    page,
    context,
    db,
  }) => {
    // Someone of the test's own (member and intermittent): a demo account's
    // session left open here would show up in another spec's session counts.
    const contract = await createContract(db, { producer: "Ferme e2e" });
    const email = uniqueEmail("csp");
    const user = await createMember(db, { email, firstName: "Héloïse", lastName: "Csp", contractIds: [contract.id] });
    await addToIntermittents(db, { userId: user.id });
    const violations = await watchCspViolations(page);
    await signIn(page, email);
    await expect(page.getByRole("heading", { level: 1, name: "Bonjour Héloïse !" })).toBeVisible();
    for (const path of ["/paniers", "/mes-paniers", "/inscription", "/absence", "/aide"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect.poll(() => isHydrated(page), { message: `${path} est hydratée` }).toBe(true);
    }
    // A client component at work: the confirmation dialog of « Se désinscrire », closed with « Non ».
    await page.goto("/inscription");
    await page.getByRole("main").getByRole("link", { name: "Se désinscrire" }).click();
    const dialog = page.getByRole("dialog", { name: "Quitter la liste des intermittents ?" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Non, rester inscrit·e" }).click();
    await expect(dialog).toBeHidden();
    expect(await violations()).toEqual([]);

    const session = (await context.cookies()).find((c) => c.name.endsWith("authjs.session-token"));
    expect(session, "un cookie de session").toBeTruthy();
    expect(session!.name, "APP_URL est en http : pas de préfixe __Secure-").toBe("authjs.session-token");
    expect(session!.httpOnly).toBe(true);
    expect(session!.sameSite).toBe("Lax");
    expect(session!.secure).toBe(false);
  });
});

test.describe("corps de requête trop gros", () => {
  const big = Buffer.alloc(1024 * 1024 + 1, "a");

  for (const path of ["/connexion", "/api/desinscription/jeton", "/api/auth/callback/nodemailer"]) {
    test(`POST ${path} de plus d'1 Mo : 413 en français, avant Next`, async ({ request }) => {
      const response = await request.post(path, { data: big, headers: { "Content-Type": "text/plain" } });
      expect(response.status()).toBe(413);
      expect(response.headers()["content-type"]).toBe("text/plain; charset=utf-8");
      expect(response.headers()["x-content-type-options"]).toBe("nosniff");
      expect(await response.text()).toContain("Requête trop volumineuse : la limite est de 1 Mo.");
    });
  }

  test("juste sous la limite, la requête passe à Next comme avant", async ({ request }) => {
    const response = await request.post("/api/desinscription/jeton", {
      data: Buffer.alloc(1024 * 1024, "a"),
      headers: { "Content-Type": "text/plain" },
    });
    expect(response.status()).not.toBe(413);
  });
});

test.describe("connexion", () => {
  const signInAction = () => buildActions().find((a) => a.file === "app/connexion/actions.ts" && a.name === "requestSignInLink")!;

  test("avec un Host et un X-Forwarded-Host forgés, le lien du mail vise APP_URL", async ({ request, db, baseURL }) => {
    const contract = await createContract(db, { producer: "Ferme e2e" });
    const email = uniqueEmail("hote");
    await createMember(db, { email, firstName: "Hector", lastName: "Hôte", contractIds: [contract.id] });
    const since = await latestMailId(request, email);

    const response = await callAction(request, signInAction(), { email }, {
      Host: "evil.example",
      "X-Forwarded-Host": "evil.example",
      "X-Forwarded-Proto": "https",
    });
    expect(response.status(), await response.text()).toBeLessThan(400);

    const link = new URL(extractSignInLink(await waitForNewMail(request, email, since)));
    expect(link.origin).toBe(new URL(baseURL!).origin);
    expect(link.searchParams.get("retour") ?? "/", "le retour après connexion reste sur le site").not.toContain("evil");
  });

  test("un callbackUrl vers un autre site est ignoré : on reste sur le site", async ({ page, db, baseURL }) => {
    const contract = await createContract(db, { producer: "Ferme e2e" });
    const email = uniqueEmail("retour");
    await createMember(db, { email, firstName: "Renée", lastName: "Retour", contractIds: [contract.id] });
    const since = await latestMailId(page.request, email);
    await page.goto("/connexion");
    await page.getByLabel("Adresse e-mail").fill(email);
    await page.getByRole("button", { name: "Recevoir mon lien de connexion" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Consultez votre boîte mail" })).toBeVisible();
    const link = new URL(extractSignInLink(await waitForNewMail(page.request, email, since)));
    link.searchParams.set("retour", "https://evil.example/vol");

    await followSignInLink(page, link.toString());

    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    await expect(page.getByRole("heading", { level: 1, name: "Bonjour Renée !" })).toBeVisible();
  });

  test("Auth.js's own sign-in POST is closed: links are only sent by the form, under its limits", async ({ request }) => {
    const csrf = await request.get("/api/auth/csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await request.post("/api/auth/signin/nodemailer", {
      form: { email: "alice@demo.test", csrfToken },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(404);
  });

  test("20 demandes par heure et par adresse IP ; la même réponse pour une adresse connue, inconnue ou au-delà de la limite, et pas de mail", async ({
    request,
    db,
  }) => {
    const contract = await createContract(db, { producer: "Ferme e2e" });
    const known = uniqueEmail("limite");
    await createMember(db, { email: known, firstName: "Lina", lastName: "Limite", contractIds: [contract.id] });
    const action = signInAction();
    const answer = async (email: string) => {
      const response = await callAction(request, action, { email });
      return { status: response.status(), redirect: response.headers()["x-action-redirect"] ?? null };
    };

    // This test's own client address (e2e/fixtures.ts): 19 unknown addresses…
    const answers = [];
    for (let i = 0; i < 19; i++) answers.push(await answer(uniqueEmail(`inconnu${i}`)));
    // …then the known one, 20th: admitted, it gets its mail.
    const since = await latestMailId(request, known);
    answers.push(await answer(known));
    await waitForNewMail(request, known, since);
    // 21st: over the limit. Same answer, no mail.
    const afterFirst = await latestMailId(request, known);
    answers.push(await answer(known));
    answers.push(await answer(uniqueEmail("inconnu-en-trop")));

    expect(answers[0]!.redirect).toMatch(/^\/connexion\/verification/);
    for (const a of answers) expect(a).toEqual(answers[0]);
    await expectNoNewMail(request, known, afterFirst, 2_000);

    // Another client address is not held back by this one.
    const other = await callAction(request, action, { email: known }, { "X-Forwarded-For": "192.0.2.77" });
    expect(other.status()).toBe(answers[0]!.status);
    await waitForNewMail(request, known, afterFirst);
  });
});

test.describe("liens des e-mails", () => {
  test("un scanner qui ouvre les liens (GET, HEAD) ne change rien ; seul le POST du bouton agit, une fois ; un jeton modifié, rien", async ({
    request,
    db,
  }) => {
    const scene = await createScene(db);
    const owner = await createMember(db, { email: uniqueEmail("offre"), firstName: "Odile", lastName: "Offre", contractIds: [scene.vegetables.id] });
    const taker = await createIntermittent(db, { email: uniqueEmail("scanne"), firstName: "Sacha", lastName: "Scanné" });
    const [subscription] = await db.select({ id: s.subscriptions.id }).from(s.subscriptions).where(eq(s.subscriptions.userId, owner.id));
    const session = randomUUID();
    await db.insert(s.sessions).values({ sessionToken: session, userId: owner.id, expires: new Date(Date.now() + 3_600_000) });
    const actions = buildActions();
    const offer = actions.find((a) => a.name === "offerBasketAction")!;
    const perform = actions.find((a) => a.name === "performLinkAction")!;
    const offered = await callAction(request, offer, { distributionId: String(scene.distribution.id), subscriptionId: String(subscription!.id) }, { Cookie: `authjs.session-token=${session}` });
    expect(offered.status()).toBeLessThan(400);
    const mail = await waitForMail(request, taker.email, 0, /^Panier disponible/);
    const reserve = signedLink(mail, "Réserver");
    const offerId = linkClaims(reserve).objectId;
    const unsubscribe = listUnsubscribe(mail).url;
    const reservations = () => db.select({ id: s.reservations.id }).from(s.reservations).where(eq(s.reservations.offerId, offerId));
    const onList = async () =>
      (
        await db
          .select({ id: s.intermittentMemberships.id })
          .from(s.intermittentMemberships)
          .where(and(eq(s.intermittentMemberships.userId, taker.id), isNull(s.intermittentMemberships.leftAt)))
      ).length === 1;

    // What a mail scanner does: opens every link, with GET and HEAD, twice.
    for (const url of [reserve, unsubscribe]) {
      for (const method of ["GET", "HEAD", "GET"] as const) {
        const response = await request.fetch(url, { method, maxRedirects: 0 });
        expect(response.status(), `${method} ${url}`).toBeLessThan(400);
      }
    }
    expect(await reservations(), "aucune réservation").toEqual([]);
    expect(await onList(), "toujours sur la liste").toBe(true);

    // A token changed by one character acts for nobody.
    const forged = await callAction(request, perform, { token: tokenOf(tampered(reserve)) });
    expect(await forged.text()).toMatch(/"status":"error"/);
    expect(await reservations()).toEqual([]);

    // The confirmation button (a POST, no session needed) reserves, once.
    const done = await callAction(request, perform, { token: tokenOf(reserve) });
    expect(done.headers()["x-action-redirect"]).toMatch(/^\/lien\/fait\?r=/);
    expect(await reservations()).toHaveLength(1);
    const replay = await callAction(request, perform, { token: tokenOf(reserve) });
    expect(await replay.text()).toMatch(/"status":"error"/);
    expect(await reservations(), "rejouer le lien ne change rien").toHaveLength(1);
  });
});
