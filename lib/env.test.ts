import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

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
    ["TRUSTED_PROXIES", "yes"],
    ["TRUSTED_PROXIES", "9"],
    ["SIGN_IN_LIMIT_PER_ADDRESS", "0"],
    ["SIGN_IN_LIMIT_PER_IP", "-1"],
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
});
