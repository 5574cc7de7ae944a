// Every link, button and field a person taps is at least 44 px high on a
// 360 px phone, on every page of every role. Each page is opened with all its
// <details> open (the « + » panels, the forms behind a summary), so what they
// hide is measured too.
//
// The one exception is a link inside running text: WCAG 2.2's target-size
// minimum (2.5.8) allows 24 px there. « Inside running text » means: the
// nearest block around the link holds at least three words of its own,
// outside any link or button — a sentence the link sits in, not a list of
// links or a label beside one.
//
// A checkbox or radio is measured with its <label>: tapping the label ticks it.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signIn } from "./mailbox";

const MIN = 44;
const MIN_IN_TEXT = 24;

type Target = { what: string; height: number; inText: boolean };

/** Opens every <details> of the page, then measures every visible target. */
async function measure(page: Page): Promise<Target[]> {
  await page.locator("details:not([open])").evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  return page.locator("a, button, input, select, textarea, summary, [role=button]").evaluateAll((elements) => {
    const isBlock = (el: Element) => !getComputedStyle(el).display.startsWith("inline") && getComputedStyle(el).display !== "contents";
    const ownWords = (block: Element) => {
      let text = "";
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.parentElement?.closest("a, button, summary, label, select, option")) text += ` ${node.textContent ?? ""}`;
      }
      return text.split(/\s+/).filter((word) => /\p{L}{2,}/u.test(word)).length;
    };
    return elements.flatMap((el) => {
      if (el instanceof HTMLInputElement && el.type === "hidden") return [];
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      // Hidden, or visually hidden (the skip link until focused).
      if (style.visibility === "hidden" || box.width <= 1 || box.height <= 1 || style.clipPath === "inset(50%)") return [];
      // Off the page to the side: nobody can tap it (the join form's honeypot, for robots).
      if (box.right <= 0 || box.left >= window.innerWidth) return [];
      let height = box.height;
      if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) {
        for (const label of Array.from(el.labels ?? [])) height = Math.max(height, label.getBoundingClientRect().height);
      }
      let block = el.parentElement;
      while (block && !isBlock(block)) block = block.parentElement;
      const inText = el.tagName === "A" && block !== null && ownWords(block) >= 3;
      const name =
        el.getAttribute("aria-label") ||
        (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 60) ||
        el.getAttribute("name") ||
        el.getAttribute("type") ||
        "";
      return [{ what: `<${el.tagName.toLowerCase()}> « ${name} »`, height: Math.round(height * 10) / 10, inText }];
    });
  });
}

async function expectTappable(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const targets = await measure(page);
  expect(targets.length, `des cibles sur ${path}`).toBeGreaterThan(0);
  const tooSmall = targets
    .filter((t) => t.height < (t.inText ? MIN_IN_TEXT : MIN))
    .map((t) => `${t.what} : ${t.height} px${t.inText ? " (dans le texte, 24 px au moins)" : ""}`);
  // Soft: one run lists every page's small targets.
  expect.soft(tooSmall, `cibles de moins de ${MIN} px sur ${path}`).toEqual([]);
}

/** The href of the first link of the page matching `pattern`, to open a detail page of the demo. */
async function firstHref(page: Page, path: string, pattern: RegExp): Promise<string> {
  await page.goto(path);
  const hrefs = await page.locator("main a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => pattern.test(h));
  expect(href, `un lien ${pattern} sur ${path}`).toBeTruthy();
  return href!;
}

test.describe("sur un écran de 360 × 740, chaque cible se touche du doigt", { tag: "@phone" }, () => {
  test.use({ viewport: { width: 360, height: 740 } });
  // Each test opens four to sixteen pages, each with all its folded parts open.
  test.describe.configure({ timeout: 120_000 });

  test("pages publiques", async ({ page }) => {
    for (const path of ["/", "/connexion", "/aide", "/aide/glossaire", "/devenir-intermittent"]) await expectTappable(page, path);
  });

  test("pages d'une amapienne (Alice, avec un panier échangé)", async ({ page }) => {
    await signIn(page, "alice@demo.test");
    for (const path of ["/", "/absence", "/mes-paniers", "/inscription", "/compte", "/aide"]) await expectTappable(page, path);
  });

  test("pages d'une intermittente (Inès, repreneuse)", async ({ page }) => {
    await signIn(page, "ines@demo.test");
    for (const path of ["/", "/paniers", "/mes-paniers", "/inscription"]) await expectTappable(page, path);
  });

  test("pages de la référente", async ({ page }) => {
    await signIn(page, "referent@demo.test");
    const offer = await firstHref(page, "/admin/paniers", /^\/admin\/paniers\/\d+$/);
    const member = await firstHref(page, "/admin/amapiens", /^\/admin\/amapiens\/(?!import|nouveau|export|modele)[^/?]+$/);
    const sheet = await firstHref(page, "/admin/emargement", /^\/admin\/emargement\/\d+$/);
    for (const path of [
      "/admin",
      "/admin/calendrier",
      "/admin/calendrier/lieux",
      "/admin/calendrier/contrats",
      "/admin/paniers",
      offer,
      "/admin/amapiens",
      member,
      "/admin/amapiens/import",
      "/admin/intermittents",
      "/admin/emails",
      "/admin/emargement",
      sheet,
      "/admin/reglages",
      "/admin/partenaires",
      "/admin/statistiques",
    ]) {
      await expectTappable(page, path);
    }
  });
});
