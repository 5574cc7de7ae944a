// Every email template, as a phone shows it: the HTML declares the viewport
// (else a phone lays it out at desktop width and shrinks it), and every link
// or button is at least 44 px high (issue 11 §6), measured by Debian's
// chromium on a 360 px wide page — not guessed from the styles.
import { readdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { render } from "@react-email/render";
import { createElement, type ComponentType } from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIN_TAP_PX } from "./components/layout";

const dir = path.dirname(new URL(import.meta.url).pathname);
const templates = readdirSync(dir)
  .filter((f) => f.endsWith(".tsx") && !f.endsWith(".test.tsx"))
  .map((f) => f.slice(0, -".tsx".length));

let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

afterAll(async () => {
  await browser?.close();
});

async function htmlOf(file: string): Promise<string> {
  const mod = (await import(`./${file}.tsx`)) as { default: ComponentType };
  return render(createElement(mod.default));
}

describe("every email on a phone", () => {
  it("covers every template", () => {
    expect(templates.length).toBeGreaterThanOrEqual(30);
  });

  it.each(templates)("%s declares the viewport", async (file) => {
    expect(await htmlOf(file)).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
  });

  it("has every link and button at least 44 px high at 360 px wide", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    const small: string[] = [];
    let measured = 0;
    for (const file of templates) {
      await page.setContent(await htmlOf(file));
      const links = await page.$$eval("a", (as) =>
        as.map((a) => ({ text: (a.textContent ?? "").trim().slice(0, 40), height: a.getBoundingClientRect().height })),
      );
      measured += links.length;
      for (const link of links) if (link.height < MIN_TAP_PX) small.push(`${file}: « ${link.text} » ${link.height.toFixed(1)} px`);
    }
    await page.close();
    expect(measured).toBeGreaterThan(40);
    expect(small).toEqual([]);
  }, 60_000);
});
