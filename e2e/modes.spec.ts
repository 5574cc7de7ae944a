// The two modes (issue 10 §1), on the built app started the way a person
// starts it — `npm start` (scripts/start.mjs) — next to the suite's server:
// - a real deployment (public APP_URL, SMTP_URL at a sink in this process):
//   no mailbox at all (404 at both paths), no demo data, REFERENT_EMAILS
//   names the first référent, mail leaves by SMTP with links on APP_URL,
//   every interface listened on;
// - a public APP_URL without SMTP_URL: refused in one French line, by
//   `npm start` and by `next start` alike;
// - the demo with PORT alone (`PORT=<p> npm start`, embedded database):
//   listens on 127.0.0.1 only, and the emailed sign-in link, the page it
//   leads to and the sign-out all stay on that port.
// These check servers, not screens: they run once (tagged @phone, which
// the desktop project leaves out). START_SKIP_BUILD=1 reuses the suite's build.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { startSmtpSink, type SmtpSink } from "@/test/smtp-sink";
import { expect, test } from "./fixtures";
import type { DevMail } from "./mailbox";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PUBLIC_URL = "https://intermittents.mon-amap.example";
const SECRET = "e2e-modes-secret-never-used-outside-the-test-run";

/** The configuration a person would have: none of the suite's own keys. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(NODE_ENV|E2E_|DATABASE_URL|APP_URL|SMTP_URL|SEED_DEMO|REFERENT_EMAILS|PORT|HOSTNAME|DATA_DIR|PGLITE_DIR|AUTH_|TRUSTED_PROXIES|SIGN_IN_|OUTBOX_)/.test(key)) continue;
    env[key] = value;
  }
  // NODE_ENV: what `next start` sets anyway.
  return { ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", START_SKIP_BUILD: "1", ...extra };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ port: 0 }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** An address of this machine that is not loopback (to see who can reach the server). */
function outsideAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === "IPv4" && !a.internal)?.address;
}

type Server = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Server {
  // Its own process group, so stopping it stops `next start` under it.
  const child = spawn(command, args, { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

const npmStart = (env: NodeJS.ProcessEnv) => run(process.execPath, ["scripts/start.mjs"], env);

async function stop(server: Server | undefined) {
  if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return;
  process.kill(-server.child.pid!, "SIGTERM");
  const killed = setTimeout(() => process.kill(-server.child.pid!, "SIGKILL"), 5_000);
  await server.exited;
  clearTimeout(killed);
}

/** Waits for /api/health on the loopback address; fails with the server's output if it stops first. */
async function waitUntilUp(server: Server, port: number) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`Le serveur s'est arrêté :\n${server.output()}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Pas de réponse de /api/health en 90 s :\n${server.output()}`);
}

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(3_000, () => (socket.destroy(), resolve(false)));
    socket.once("connect", () => (socket.end(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

test.describe("les deux modes, au démarrage de l'application construite @phone", () => {
  test.describe.configure({ timeout: 120_000 });

  test("déploiement réel : pas de boîte de développement (404), pas de démo, REFERENT_EMAILS, le courrier part en SMTP", async ({ page }) => {
    const sink: SmtpSink = await startSmtpSink();
    const base = new URL(process.env.E2E_DATABASE_URL!);
    const name = `${base.pathname.slice(1)}_deploy`;
    base.pathname = "/postgres";
    const admin = postgres(base.toString(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const databaseUrl = new URL(process.env.E2E_DATABASE_URL!);
    databaseUrl.pathname = `/${name}`;
    const port = await freePort();
    let server: Server | undefined;
    try {
      server = npmStart(
        cleanEnv({ PORT: String(port), APP_URL: PUBLIC_URL, SMTP_URL: sink.url, DATABASE_URL: databaseUrl.toString(), AUTH_SECRET: SECRET, REFERENT_EMAILS: "rose@mon-amap.example", OUTBOX_POLL_MS: "300" }),
      );
      await waitUntilUp(server, port);
      expect(server.output()).toContain(`Mode déploiement : le serveur écoute sur toutes les interfaces, port ${port}`);
      const local = `http://localhost:${port}`;

      for (const mailbox of ["/api/dev/mails", "/api/dev/mails?to=rose@mon-amap.example", "/dev/mails", "/dev/mails/1"]) {
        const response = await page.request.get(`${local}${mailbox}`);
        expect(response.status(), mailbox).toBe(404);
        expect(await response.text(), mailbox).not.toMatch(/rose@mon-amap|@demo\.test|Votre lien de connexion/);
      }
      // No link to the mailbox on the pages either.
      await page.goto(`${local}/connexion`);
      await expect(page.getByRole("link", { name: "Boîte mail de développement" })).toHaveCount(0);

      // The référent named by REFERENT_EMAILS gets a link, by SMTP, on APP_URL; a demo account does not exist.
      for (const email of ["referent@demo.test", "rose@mon-amap.example"]) {
        await page.goto(`${local}/connexion`);
        await page.getByLabel("Adresse e-mail").fill(email);
        await page.getByRole("button", { name: "Recevoir mon lien de connexion" }).click();
        await expect(page.getByRole("heading", { level: 1, name: "Consultez votre boîte mail" })).toBeVisible();
      }
      await expect.poll(() => sink.messages.length, { timeout: 15_000 }).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(sink.messages).toHaveLength(1);
      const [mail] = sink.messages;
      expect(mail!.to && !Array.isArray(mail!.to) ? mail!.to.text : "").toBe("rose@mon-amap.example");
      expect(mail!.text).toContain(`${PUBLIC_URL}/connexion/lien?`);

      // Every interface: reachable from outside the loopback too.
      const outside = outsideAddress();
      if (outside) expect(await accepts(outside, port), `joignable sur ${outside}`).toBe(true);
    } finally {
      await stop(server);
      await sink.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });

  test("une APP_URL publique sans SMTP_URL : refus au démarrage, en une ligne qui nomme les deux clés", async () => {
    const env = cleanEnv({ APP_URL: PUBLIC_URL, PORT: String(await freePort()), AUTH_SECRET: SECRET, DATABASE_URL: process.env.E2E_DATABASE_URL! });
    // npm start, the server the units run (scripts/serve.mjs), and Next's own: each refuses.
    const servers = [
      npmStart(env),
      run(process.execPath, [path.join(root, "scripts", "serve.mjs"), "-p", env.PORT!], env),
      run(path.join(root, "node_modules", ".bin", "next"), ["start", "-p", env.PORT!], env),
    ];
    for (const server of servers) {
      expect(await server.exited).toBe(1);
      const refusal = server.output().split("\n").filter((line) => line.includes("Configuration refusée"));
      expect(refusal).toHaveLength(1);
      expect(refusal[0]).toMatch(/APP_URL .* SMTP_URL n'est pas défini/);
    }
  });

  test("PORT seul (`PORT=… npm start`) : la démo n'écoute que sur 127.0.0.1, et le lien du mail, la connexion et la déconnexion restent sur ce port", async ({ page }) => {
    const port = await freePort();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "espace-modes-"));
    const local = `http://localhost:${port}`;
    let server: Server | undefined;
    try {
      server = npmStart(cleanEnv({ PORT: String(port), DATA_DIR: dataDir, OUTBOX_POLL_MS: "300" }));
      await waitUntilUp(server, port);
      expect(server.output()).toContain("Mode démonstration (ni SMTP_URL ni adresse publique) : le serveur n'écoute que sur cette machine (127.0.0.1).");
      expect(server.output()).toContain(`Ouvrez ${local} ; les e-mails arrivent dans ${local}/dev/mails.`);
      const outside = outsideAddress();
      if (outside) expect(await accepts(outside, port), `injoignable sur ${outside}`).toBe(false);

      await page.goto(`${local}/connexion`);
      await page.getByLabel("Adresse e-mail").fill("referent@demo.test");
      await page.getByRole("button", { name: "Recevoir mon lien de connexion" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Consultez votre boîte mail" })).toBeVisible();
      expect(new URL(page.url()).origin).toBe(local);

      let mail: DevMail | undefined;
      await expect
        .poll(async () => {
          const response = await page.request.get(`${local}/api/dev/mails?to=referent@demo.test`);
          [mail] = (await response.json()) as DevMail[];
          return mail?.subject;
        }, { timeout: 20_000 })
        .toBeTruthy();
      // Every link in the mail is on the port served.
      const links = [...mail!.text.matchAll(/https?:\/\/[^\s<>"')\]]+/g)].map((m) => new URL(m[0]));
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) expect(link.origin, link.toString()).toBe(local);
      const signInLink = links.find((l) => l.pathname === "/connexion/lien")!;

      await page.goto(signInLink.toString());
      await page.getByRole("main").getByRole("button", { name: "Se connecter" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Bonjour Rose !" })).toBeVisible();
      expect(page.url()).toBe(`${local}/`);

      await page.getByRole("banner").getByRole("button", { name: "Se déconnecter" }).click();
      await expect(page.getByRole("banner").getByRole("link", { name: "Se connecter" })).toBeVisible();
      expect(page.url()).toBe(`${local}/`);
    } finally {
      await stop(server);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
