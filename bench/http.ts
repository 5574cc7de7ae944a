// The HTTP side of the benchmark: `next start` on the bench database,
// autocannon for server time, real Chromium (Playwright) for page weight,
// Lighthouse (mobile) for performance and accessibility scores.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { chromium } from "@playwright/test";
import autocannon from "autocannon";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

export const CHROMIUM = "/usr/bin/chromium";
// NOTE: the flags of STACK.md trap 7: without the networking ones Debian's
// chromium floods the closed network with refused connections.
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ port: 0 }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type Server = { baseUrl: string; stop: () => Promise<void> };

/**
 * `next start` on the bench database (or, with `databaseUrl` null, on the
 * embedded PGlite that `extraEnv` points at); resolves once /api/health answers.
 */
export async function startServer(root: string, databaseUrl: string | null, extraEnv: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  // NOTE: localhost, not 127.0.0.1 (STACK.md trap 4).
  const baseUrl = `http://localhost:${port}`;
  // BENCH_SERVER_NODE_FLAGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": to profile the server under the bench's load.
  const nodeFlags = (process.env.BENCH_SERVER_NODE_FLAGS ?? "").split(" ").filter(Boolean);
  // The deployment's own server (`next start` with a graceful stop), as systemd runs it.
  const child: ChildProcess = spawn(process.execPath, [...nodeFlags, path.join(root, "scripts/serve.mjs"), "-p", String(port)], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      // undefined: the variable is left out, and the app opens PGlite.
      DATABASE_URL: databaseUrl ?? undefined,
      APP_URL: baseUrl,
      SMTP_URL: "",
      SEED_DEMO: "0",
      // The web process sends no mail here: the bench measures pages, not the worker.
      OUTBOX_IN_PROCESS: "0",
      AUTH_SECRET: "bench-only-secret-never-used-outside-the-bench",
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      ...extraEnv,
    },
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // A fresh PGlite folder takes 5–10 s to open, and the demo AMAP loads into it.
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("next start did not answer /api/health within 120 s");
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    stop: async () => {
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}

export type Latency = { median: number; p90: number; p99: number; requests: number; errors: number; non2xx: number };

/** Server time of one page under `connections` concurrent clients (a short warm-up first). */
export async function loadTest(url: string, cookie: string, connections: number, seconds: number): Promise<Latency> {
  const headers = { cookie };
  await autocannon({ url, connections, amount: Math.max(5, connections * 2), headers, timeout: 30 });
  const result = await autocannon({ url, connections, duration: seconds, headers, timeout: 30 });
  return {
    median: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

export type Weight = {
  bytes: number;
  requests: number;
  byType: Record<string, { bytes: number; requests: number }>;
  htmlBytes: number;
  urls: string[];
};

/**
 * Everything the browser downloads for a cold load of the page (empty cache),
 * as bytes on the wire (headers + compressed bodies), from Chromium's own
 * network events.
 */
export async function pageWeight(url: string, cookie: { name: string; value: string }): Promise<Weight> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS.filter((f) => f !== "--headless") });
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 });
    const origin = new URL(url);
    await context.addCookies([{ name: cookie.name, value: cookie.value, domain: origin.hostname, path: "/" }]);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const types = new Map<string, string>();
    const byType: Weight["byType"] = {};
    let bytes = 0;
    let requests = 0;
    let htmlBytes = 0;
    const urls: string[] = [];
    cdp.on("Network.requestWillBeSent", (e) => {
      requests++;
      urls.push(`${e.type ?? "Other"} ${e.request.url.replace(origin.origin, "").slice(0, 100)}`);
      types.set(e.requestId, e.type ?? "Other");
    });
    cdp.on("Network.loadingFinished", (e) => {
      const type = types.get(e.requestId) ?? "Other";
      bytes += e.encodedDataLength;
      const entry = (byType[type] ??= { bytes: 0, requests: 0 });
      entry.bytes += e.encodedDataLength;
      entry.requests++;
      if (type === "Document") htmlBytes += e.encodedDataLength;
    });
    await page.goto(url, { waitUntil: "networkidle" });
    // Anything lazily fetched after load (prefetches) counts too.
    await page.waitForTimeout(1500);
    return { bytes, requests, byType, htmlBytes, urls };
  } finally {
    await browser.close();
  }
}

export type LighthouseScores = {
  url: string;
  performance: number;
  accessibility: number;
  failing: string[];
  runs?: number[];
  /** Lighthouse's own measure of this machine's CPU (its simulated 4× slowdown assumes a desktop of about 1,000 or more). */
  benchmarkIndex?: number;
  /** Set when the page did not load (no score). */
  runtimeError?: string;
  /** Runs that did not load, run again. */
  failedRuns?: string[];
};

/**
 * Lighthouse's default (mobile, simulated throttling) run, performance and
 * accessibility only; each page `runs` times, keeping the run with the median
 * performance score (Lighthouse's own advice for noisy machines).
 */
export async function lighthouseScores(urls: { url: string; cookie?: string }[], runs = 5): Promise<LighthouseScores[]> {
  const results: LighthouseScores[] = [];
  for (const target of urls) {
    const all: LighthouseScores[] = [];
    const failures: string[] = [];
    // A run where the page did not load at all (Lighthouse's runtimeError,
    // e.g. NO_FCP) measures nothing: it is run again, up to three times in all.
    for (let attempt = 0; all.length < runs && attempt < runs + 3; attempt++) {
      const [run] = await lighthouseOnce([target]);
      if (run!.runtimeError) failures.push(run!.runtimeError);
      else all.push(run!);
    }
    if (all.length === 0) throw new Error(`Lighthouse could not load ${target.url}: ${failures.join(", ")}`);
    all.sort((a, b) => a.performance - b.performance);
    const median = all[Math.floor(all.length / 2)]!;
    results.push({ ...median, runs: all.map((r) => r.performance), failedRuns: failures });
  }
  return results;
}

async function lighthouseOnce(urls: { url: string; cookie?: string }[]): Promise<LighthouseScores[]> {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_FLAGS });
  const results: LighthouseScores[] = [];
  try {
    for (const { url, cookie } of urls) {
      const runner = await lighthouse(url, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: ["performance", "accessibility"],
        extraHeaders: cookie ? { Cookie: cookie } : undefined,
      });
      const lhr = runner?.lhr;
      if (!lhr) throw new Error(`lighthouse gave no result for ${url}`);
      const failing = Object.values(lhr.audits)
        .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "notApplicable")
        .map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ""}`);
      results.push({
        url,
        performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
        accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
        failing,
        benchmarkIndex: lhr.environment?.benchmarkIndex,
        runtimeError: lhr.runtimeError ? `${lhr.runtimeError.code}` : undefined,
      });
    }
  } finally {
    chrome.kill();
  }
  return results;
}

export type FormRace = { times: number[]; outcomes: Map<string, number>; errors: number; wallMs: number };

/**
 * Everyone presses the same « Réserver » at once: one plain form post (what
 * the page sends without JavaScript) per signed-in person, each on its own
 * connection, all started together (or, without fields, one GET each). An outcome is where the answer
 * redirects to (`ok=reserved`, `ok=queued`, `erreur=…`), or the status.
 */
export async function raceFormPosts(url: string, fields: Record<string, string> | null, cookies: string[]): Promise<FormRace> {
  const boundary = "----banc" + Math.random().toString(36).slice(2);
  // No fields: a plain GET each (the floor to compare with).
  const body = fields
    ? Buffer.from(
        Object.entries(fields)
          .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
          .join("") + `--${boundary}--\r\n`,
      )
    : null;
  const target = new URL(url);
  const outcomes = new Map<string, number>();
  let errors = 0;
  const post = (cookie: string) =>
    new Promise<number>((resolve) => {
      const t0 = performance.now();
      const request = http.request(
        target,
        {
          method: body ? "POST" : "GET",
          agent: false,
          headers: body
            ? { cookie, origin: target.origin, "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": body.length }
            : { cookie },
        },
        (response) => {
          response.resume();
          response.on("end", () => {
            const location = response.headers.location ?? "";
            const answer = new URL(location || "/", target).searchParams;
            const outcome = answer.get("ok") ? `ok=${answer.get("ok")}` : answer.get("erreur") ? `erreur=${answer.get("erreur")}` : `HTTP ${response.statusCode}`;
            if (response.statusCode !== (body ? 303 : 200)) errors++;
            outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
            resolve(performance.now() - t0);
          });
        },
      );
      request.on("error", (error) => {
        errors++;
        outcomes.set(`error: ${error.message}`, (outcomes.get(`error: ${error.message}`) ?? 0) + 1);
        resolve(performance.now() - t0);
      });
      request.end(body ?? undefined);
    });
  const started = performance.now();
  const times = await Promise.all(cookies.map(post));
  return { times: times.sort((a, b) => a - b), outcomes, errors, wallMs: performance.now() - started };
}
