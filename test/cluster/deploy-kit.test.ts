// The deployment kit's files are what the code runs: the units parse
// (systemd-analyze verify) and start the commands the tests exercise, and
// HAProxy accepts its configuration. The cluster test and the pgbouncer test
// use haproxy.cfg and pgbouncer.ini themselves; this covers the rest.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const units = path.join(root, "deploy/systemd");
const unit = (name: string) => readFileSync(path.join(units, name), "utf8");
const execStart = (text: string) => /^ExecStart=(.*)$/m.exec(text)?.[1] ?? "";

describe("deploy/", () => {
  it("systemd accepts every unit", () => {
    const files = readdirSync(units).map((f) => path.join(units, f));
    expect(files.length).toBeGreaterThanOrEqual(4);
    const verify = spawnSync("systemd-analyze", ["verify", ...files], { encoding: "utf8" });
    if (verify.error) throw new Error(`systemd-analyze is needed (Debian's systemd package): ${verify.error.message}`);
    expect(verify.stderr + verify.stdout).toBe("");
    expect(verify.status).toBe(0);
  });

  it("the web unit runs the server with the graceful stop, on loopback, its port from the instance name", () => {
    const command = execStart(unit("espace-intermittents@.service"));
    expect(command).toBe("/usr/bin/node scripts/serve.mjs --hostname 127.0.0.1 --port %i");
    expect(existsSync(path.join(root, "scripts/serve.mjs"))).toBe(true);
    // Longer than what serve.mjs allows itself (10 s for the requests, 10 s for the jobs).
    expect(Number(/^TimeoutStopSec=(\d+)$/m.exec(unit("espace-intermittents@.service"))?.[1])).toBeGreaterThan(20);
  });

  it("the worker and backup units run what `npm run worker` and `npm run backup` run", () => {
    const scripts = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).scripts as Record<string, string>;
    // `tsx --import hook script.ts` is `node --import tsx --import hook script.ts`.
    const viaNode = (script: string) => `/usr/bin/node --import ${script}`;
    expect(execStart(unit("espace-intermittents-worker@.service"))).toBe(viaNode(scripts.worker!));
    expect(execStart(unit("espace-intermittents-backup.service"))).toContain(viaNode(scripts.backup!));
  });

  it("HAProxy accepts its configuration", () => {
    const check = spawnSync("haproxy", ["-c", "-f", path.join(root, "deploy/haproxy.cfg")], { encoding: "utf8" });
    if (check.error) throw new Error(`haproxy is needed (Debian's haproxy package): ${check.error.message}`);
    expect(check.stdout + check.stderr).toContain("Configuration file is valid");
    expect(check.status).toBe(0);
  });
});
