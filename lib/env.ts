// The one reader of process.env (STYLE.md habit 8). Everything else imports
// `env` from here. Parsing is a pure function so tests can feed it a record.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { makePrivateDir } from "./private-files";
import { AppError } from "./app-error";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

function urlWithProtocols(protocols: string[], example: string) {
  return optionalString.refine(
    (v) => {
      if (v === undefined) return true;
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `doit être une URL ${protocols.map((p) => `${p}//`).join(" ou ")} (exemple : ${example})` },
  );
}

const flag = optionalString.refine((v) => v === undefined || ["0", "1", "true", "false"].includes(v), {
  message: "doit valoir 1 ou 0",
}).transform((v) => v === "1" || v === "true");

const emailList = optionalString
  .transform((v) => (v ?? "").split(",").map((e) => e.trim().toLowerCase()).filter(Boolean))
  .refine((list) => list.every((e) => z.email().safeParse(e).success), {
    message: "doit être une liste d'adresses e-mail séparées par des virgules",
  });

/** A whole number in [min, max]; unset means `fallback`. */
function count(fallback: number, min: number, max: number, message: string) {
  return optionalString
    .refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= min && Number(v) <= max), { message })
    .transform((v) => (v === undefined ? fallback : Number(v)));
}

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).catch("development"),
  DATABASE_URL: urlWithProtocols(["postgres:", "postgresql:"], "postgres://user@127.0.0.1:5432/amap"),
  DATA_DIR: optionalString.default(".data"),
  PGLITE_DIR: optionalString,
  SMTP_URL: urlWithProtocols(["smtp:", "smtps:"], "smtp://user:pass@smtp.example.org:587"),
  MAIL_FROM: optionalString.default("Espace intermittents <intermittents@localhost>"),
  // Unset: http://localhost:<PORT> (see parseEnv), so `PORT=3301 npm start` links to 3301.
  APP_URL: urlWithProtocols(["http:", "https:"], "https://intermittents.mon-amap.fr"),
  PORT: count(3000, 1, 65_535, "doit être un numéro de port (1 à 65535)"),
  AUTH_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, {
    message: "doit faire au moins 32 caractères (openssl rand -base64 32)",
  }),
  REFERENT_EMAILS: emailList,
  NETWORK_ADMIN_EMAILS: emailList,
  SEED_DEMO: flag,
  OUTBOX_IN_PROCESS: optionalString
    .refine((v) => v === undefined || ["0", "1", "true", "false"].includes(v), { message: "doit valoir 1 ou 0" })
    .transform((v) => v === undefined || v === "1" || v === "true"),
  OUTBOX_POLL_MS: optionalString
    .refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= 100), {
      message: "doit être un nombre de millisecondes ≥ 100",
    })
    .transform((v) => (v === undefined ? 5000 : Number(v))),
  // How long an outbox worker's claim on a message holds (lib/server/outbox/worker.ts, LEASE_SECONDS):
  // a crashed worker's messages wait that long before another worker sends them.
  OUTBOX_LEASE_SECONDS: count(120, 2, 3600, "doit être un nombre de secondes (2 à 3600)"),
  SCHEDULE_MS: count(60_000, 1_000, 3_600_000, "doit être un nombre de millisecondes (1000 à 3600000)"),
  TRUSTED_PROXIES: count(0, 0, 5, "doit être le nombre de proxys (0 à 5) devant l'application"),
  SIGN_IN_LIMIT_PER_ADDRESS: count(5, 1, 10_000, "doit être un nombre de demandes par heure (1 à 10000)"),
  SIGN_IN_LIMIT_PER_IP: count(20, 1, 100_000, "doit être un nombre de demandes par heure (1 à 100000)"),
  // Set by Next.js itself in each server runtime; read here so no other module touches process.env.
  NEXT_RUNTIME: optionalString,
  NEXT_PHASE: optionalString,
});

export type Env = Omit<z.output<typeof schema>, "APP_URL"> & { APP_URL: string };

/** The configuration cannot work: its message, in French, names the key. */
export class EnvError extends AppError {
  constructor(message: string) {
    super("configuration", message);
    this.name = "EnvError";
  }
}

/** Parses a raw environment; throws an EnvError whose message is one line naming the key. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (result.success) return { ...result.data, APP_URL: result.data.APP_URL ?? `http://localhost:${result.data.PORT}` };
  const issue = result.error.issues[0]!;
  const key = String(issue.path[0] ?? "?");
  throw new EnvError(`Configuration invalide : ${key} ${issue.message}.`);
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export const env: Env = new Proxy({} as Env, {
  get: (_target, key) => getEnv()[key as keyof Env],
});

export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ getEnv().DATA_DIR);
}

/** "memory://" keeps PGlite in memory (tests); otherwise a folder, by default .data/pglite. */
export function pgliteDir(): string {
  const configured = getEnv().PGLITE_DIR;
  if (configured?.startsWith("memory://")) return configured;
  return path.resolve(/*turbopackIgnore: true*/ configured ?? path.join(dataDir(), "pglite"));
}

/**
 * AUTH_SECRET, or a secret generated at first start and kept in .data/auth-secret,
 * so `npm start` needs no configuration and sessions survive a restart.
 */
export function authSecret(): string {
  const configured = getEnv().AUTH_SECRET;
  if (configured) return configured;
  const file = path.join(dataDir(), "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  makePrivateDir(dataDir());
  const secret = randomBytes(32).toString("base64url");
  try {
    writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
    return secret;
  } catch (error) {
    // Another process (the worker, a second instance) wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return readFileSync(file, "utf8").trim();
    throw error;
  }
}

/**
 * The two ways the application runs, decided from the configuration alone
 * (SECURITY.md, « Two modes »):
 * - **demo**: APP_URL unset or on a loopback host, and no SMTP_URL. Mail
 *   goes to the development mailbox, the embedded database gets the demo
 *   AMAP, and `npm start` listens on 127.0.0.1 only: nobody else can reach
 *   a mailbox that shows every sign-in link.
 * - **deployment**: anything else. No mailbox (its routes answer 404), no
 *   demo data unless SEED_DEMO=1, every interface. A public APP_URL without
 *   SMTP_URL is refused: nobody could ever receive a sign-in link.
 */
export type RuntimeMode = {
  kind: "demo" | "deployment";
  devMailbox: boolean;
  /** Which empty database gets the demo AMAP: the on-disk embedded one (demo), any (SEED_DEMO=1), none. */
  demoData: "embedded" | "any" | "none";
  /** Where `npm start` listens: 127.0.0.1 only, or every interface (Next's default). */
  listen: "loopback" | "all";
  /** Set when the configuration cannot run: one French line naming the keys. */
  refusal: string | null;
};

/** localhost, 127.0.0.0/8 and [::1] (as URL.hostname writes them). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (host === "localhost" || host === "[::1]") return true;
  return /^127(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(host);
}

export function runtimeMode(env: Pick<Env, "APP_URL" | "SMTP_URL" | "SEED_DEMO">): RuntimeMode {
  const loopback = isLoopbackHost(new URL(env.APP_URL).hostname);
  const demo = loopback && env.SMTP_URL === undefined;
  const demoData = env.SEED_DEMO ? "any" : demo ? "embedded" : "none";
  if (demo) return { kind: "demo", devMailbox: true, demoData, listen: "loopback", refusal: null };
  const refusal =
    !loopback && env.SMTP_URL === undefined
      ? `Configuration refusée : APP_URL (${env.APP_URL}) est une adresse publique mais SMTP_URL n'est pas défini — personne ne recevrait de lien de connexion ; définissez SMTP_URL, ou retirez APP_URL pour la démonstration locale.`
      : null;
  return { kind: "deployment", devMailbox: false, demoData, listen: "all", refusal };
}

/** The development mailbox exists in demo mode only (its routes answer 404 otherwise). */
/** Inside `next build` (its workers inherit NEXT_PHASE): nothing may open the database there. */
export function isNextBuild(): boolean {
  return process.env.NEXT_PHASE === "phase-production-build";
}

export function isDevMailbox(): boolean {
  return runtimeMode(getEnv()).devMailbox;
}

/** The environment of a child process (pg_dump, psql…): this process's, with `extra` on top. */
export function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
