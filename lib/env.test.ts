import { describe, expect, it } from "vitest";
import { EnvError, isLoopbackHost, parseEnv, runtimeMode } from "./env";

describe("parseEnv", () => {
  it("needs no configuration at all", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SMTP_URL).toBeUndefined();
    expect(env).toMatchObject({
      APP_URL: "http://localhost:3000",
      DATA_DIR: ".data",
      SEED_DEMO: false,
      OUTBOX_IN_PROCESS: true,
      OUTBOX_POLL_MS: 5000,
      OUTBOX_LEASE_SECONDS: 120,
      REFERENT_EMAILS: [],
      TRUSTED_PROXIES: 0,
      SIGN_IN_LIMIT_PER_ADDRESS: 5,
      SIGN_IN_LIMIT_PER_IP: 20,
    });
  });

  it("treats empty values as unset", () => {
    const env = parseEnv({ DATABASE_URL: "", SMTP_URL: "  " });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SMTP_URL).toBeUndefined();
  });

  it.each([
    ["DATABASE_URL", "mysql://root@localhost/amap"],
    ["DATABASE_URL", "not a url"],
    ["SMTP_URL", "http://mail.example.org"],
    ["SMTP_URL", "smtp//oops"],
    ["APP_URL", "localhost:3000"],
    ["AUTH_SECRET", "short"],
    ["REFERENT_EMAILS", "rose@amap.fr, pas-une-adresse"],
    ["SEED_DEMO", "yes"],
    ["OUTBOX_POLL_MS", "fast"],
    ["OUTBOX_LEASE_SECONDS", "1"],
    ["OUTBOX_LEASE_SECONDS", "2 min"],
    ["TRUSTED_PROXIES", "yes"],
    ["TRUSTED_PROXIES", "9"],
    ["SIGN_IN_LIMIT_PER_ADDRESS", "0"],
    ["SIGN_IN_LIMIT_PER_IP", "-1"],
    ["PORT", "http"],
    ["PORT", "70000"],
  ])("rejects a bad %s with one line naming the key", (key, value) => {
    let error: unknown;
    try {
      parseEnv({ [key]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as Error).message;
    expect(message).toContain(key);
    expect(message).not.toContain("\n");
  });

  it("reads lists and flags", () => {
    const env = parseEnv({
      REFERENT_EMAILS: " Rose@AMAP.fr , paul@amap.fr ",
      SEED_DEMO: "1",
      OUTBOX_IN_PROCESS: "0",
      DATABASE_URL: "postgresql://u:p@db:5432/amap",
      SMTP_URL: "smtps://u:p@smtp.example.org",
    });
    expect(env.REFERENT_EMAILS).toEqual(["rose@amap.fr", "paul@amap.fr"]);
    expect(env.SEED_DEMO).toBe(true);
    expect(env.OUTBOX_IN_PROCESS).toBe(false);
  });

  it("reads a short outbox lease, in French when it is out of range", () => {
    expect(parseEnv({ OUTBOX_LEASE_SECONDS: "4" }).OUTBOX_LEASE_SECONDS).toBe(4);
    expect(() => parseEnv({ OUTBOX_LEASE_SECONDS: "7200" })).toThrow(
      "Configuration invalide : OUTBOX_LEASE_SECONDS doit être un nombre de secondes (2 à 3600).",
    );
  });
});

describe("APP_URL follows PORT", () => {
  it("is http://localhost:<PORT> when unset, so every link, the sign-in callback and the sign-out redirect use the port served", () => {
    expect(parseEnv({}).APP_URL).toBe("http://localhost:3000");
    expect(parseEnv({ PORT: "3301" })).toMatchObject({ PORT: 3301, APP_URL: "http://localhost:3301" });
    expect(parseEnv({ PORT: "3301", APP_URL: "https://intermittents.mon-amap.fr" }).APP_URL).toBe("https://intermittents.mon-amap.fr");
  });
});

describe("runtimeMode: the two modes, from the configuration alone", () => {
  const SMTP = "smtp://u:p@smtp.example.org:587";
  const REFUSED = "refused";
  // configuration → mode, mailbox, demo data, listening address, refusal
  it.each([
    [{}, "demo", true, "embedded", "loopback", null],
    [{ PORT: "3301" }, "demo", true, "embedded", "loopback", null],
    [{ APP_URL: "http://localhost:3301" }, "demo", true, "embedded", "loopback", null],
    [{ APP_URL: "http://127.0.0.1:3000" }, "demo", true, "embedded", "loopback", null],
    [{ APP_URL: "http://127.8.9.10" }, "demo", true, "embedded", "loopback", null],
    [{ APP_URL: "http://[::1]:3000" }, "demo", true, "embedded", "loopback", null],
    [{ APP_URL: "http://LOCALHOST.:3000" }, "demo", true, "embedded", "loopback", null],
    [{ SEED_DEMO: "1" }, "demo", true, "any", "loopback", null],
    [{ SMTP_URL: SMTP }, "deployment", false, "none", "all", null],
    [{ SMTP_URL: SMTP, APP_URL: "http://localhost:3000" }, "deployment", false, "none", "all", null],
    [{ SMTP_URL: SMTP, APP_URL: "https://intermittents.mon-amap.fr" }, "deployment", false, "none", "all", null],
    [{ SMTP_URL: SMTP, APP_URL: "https://intermittents.mon-amap.fr", SEED_DEMO: "1" }, "deployment", false, "any", "all", null],
    [{ APP_URL: "https://intermittents.mon-amap.fr" }, "deployment", false, "none", "all", REFUSED],
    [{ APP_URL: "http://192.168.1.20:3000" }, "deployment", false, "none", "all", REFUSED],
    [{ APP_URL: "http://0.0.0.0:3000" }, "deployment", false, "none", "all", REFUSED],
    [{ APP_URL: "http://localhost.evil.fr" }, "deployment", false, "none", "all", REFUSED],
  ] as const)("%o → %s, mailbox %s, demo data %s, listens on %s, %s", (config, kind, devMailbox, demoData, listen, refusal) => {
    const mode = runtimeMode(parseEnv(config));
    expect(mode).toMatchObject({ kind, devMailbox, demoData, listen });
    if (refusal === null) expect(mode.refusal).toBeNull();
    else {
      // One French line naming both keys.
      expect(mode.refusal).toMatch(/^Configuration refusée : APP_URL .* SMTP_URL n'est pas défini/);
      expect(mode.refusal).not.toContain("\n");
    }
  });

  it.each([
    ["localhost", true],
    ["127.0.0.1", true],
    ["127.255.255.254", true],
    ["[::1]", true],
    ["128.0.0.1", false],
    ["127.0.0.256", false],
    ["localhost.example.org", false],
    ["[::ffff:127.0.0.1]", false],
    ["example.org", false],
  ])("isLoopbackHost(%s) is %s", (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
