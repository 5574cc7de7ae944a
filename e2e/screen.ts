// What the phone screen must get right, shared by the layout checks.
import { expect, type Locator, type Page } from "@playwright/test";

/** The page fits `width`: no sideways scroll, and no layout viewport widened to fit overflowing content. */
export async function expectNoSidewaysScroll(page: Page, width: number) {
  const metrics = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  // A layout viewport widened to fit overflowing content is sideways scroll too.
  expect(metrics.innerWidth, `largeur de la fenêtre sur ${page.url()}`).toBe(width);
  expect(metrics.scrollWidth, `largeur du contenu sur ${page.url()}`).toBeLessThanOrEqual(metrics.innerWidth);
}

/** Each target is visible and at least 44 px tall: big enough to tap. */
export async function expectTappable(targets: Locator[]) {
  for (const target of targets) {
    await expect(target).toBeVisible();
    const box = await target.boundingBox();
    expect(box, `${target} a une taille`).not.toBeNull();
    expect(box!.height, `hauteur de ${target}`).toBeGreaterThanOrEqual(44);
  }
}
