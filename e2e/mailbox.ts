// Reads the development mailbox (GET /api/dev/mails, newest first), where the
// app's outbox worker delivers mail when SMTP_URL is unset.
import { expect, type APIRequestContext, type Page } from "@playwright/test";

export type DevMail = {
  id: number;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  attachments: { filename: string; contentType: string; content: string }[];
  createdAt: string;
};

const POLL_MS = 200;
const MAIL_TIMEOUT_MS = 15_000;

/** The newest mails to `email`, newest first. */
export async function listMails(request: APIRequestContext, email: string, limit = 1): Promise<DevMail[]> {
  const response = await request.get(`/api/dev/mails?to=${encodeURIComponent(email)}&limit=${limit}`);
  expect(response, `GET /api/dev/mails pour ${email}`).toBeOK();
  return (await response.json()) as DevMail[];
}

/** The id of the newest mail to `email`, or 0 when there is none. */
export async function latestMailId(request: APIRequestContext, email: string): Promise<number> {
  const [newest] = await listMails(request, email, 1);
  return newest?.id ?? 0;
}

/** Waits for a mail to `email` newer than `sinceId` (see latestMailId) and returns it. */
export async function waitForNewMail(
  request: APIRequestContext,
  email: string,
  sinceId: number,
  timeoutMs = MAIL_TIMEOUT_MS,
): Promise<DevMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [newest] = await listMails(request, email, 1);
    if (newest && newest.id > sinceId) return newest;
    if (Date.now() >= deadline) {
      throw new Error(`Aucun nouveau mail pour ${email} (après l'id ${sinceId}) en ${timeoutMs} ms.`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Waits for a mail to `email` newer than `sinceId` whose subject is `subject`
 * (exactly, or matching the pattern), and returns it. Unlike waitForNewMail,
 * other mails arriving to the same person in between do not get in the way.
 */
export async function waitForMail(
  request: APIRequestContext,
  email: string,
  sinceId: number,
  subject: string | RegExp,
  timeoutMs = MAIL_TIMEOUT_MS,
): Promise<DevMail> {
  // Subjects are typeset (no-break spaces before « : », in dates and amounts): a
  // spec may write them with plain spaces or with the typeset ones.
  const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");
  const matches = (mail: DevMail) =>
    typeof subject === "string"
      ? mail.subject === subject || plain(mail.subject) === plain(subject)
      : subject.test(mail.subject) || subject.test(plain(mail.subject));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const recent = await listMails(request, email, 20);
    const found = recent.filter((mail) => mail.id > sinceId && matches(mail)).at(-1);
    if (found) return found;
    if (Date.now() >= deadline) {
      const seen = recent.filter((mail) => mail.id > sinceId).map((mail) => `« ${mail.subject} »`);
      throw new Error(
        `Aucun mail « ${String(subject)} » pour ${email} (après l'id ${sinceId}) en ${timeoutMs} ms. ` +
          `Reçus entre-temps : ${seen.join(", ") || "aucun"}.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Waits `waitMs`, then checks no mail to `email` arrived after `sinceId`. */
export async function expectNoNewMail(
  request: APIRequestContext,
  email: string,
  sinceId: number,
  waitMs = 2_000,
): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  const recent = await listMails(request, email, 10);
  expect(
    recent.filter((mail) => mail.id > sinceId).map((mail) => mail.subject),
    `aucun mail ne doit partir vers ${email}`,
  ).toEqual([]);
}

/** The sign-in link in a sign-in mail's plain text: our page (/connexion/lien), carrying Auth.js's token and the address. */
export function extractSignInLink(mail: DevMail): string {
  const match = /https?:\/\/[^\s<>"'\])]+\/connexion\/lien\?[^\s<>"'\])]+/.exec(mail.text);
  if (!match) throw new Error(`Pas de lien de connexion dans le mail « ${mail.subject} » :\n${mail.text}`);
  const link = new URL(match[0]);
  expect(link.searchParams.get("token"), "le lien porte un jeton").toBeTruthy();
  expect(link.searchParams.get("email")?.toLowerCase(), "le lien porte l'adresse").toBe(mail.to.toLowerCase());
  return link.toString();
}

/** Opens a sign-in link and presses its « Se connecter » (opening it alone changes nothing); waits until the page has left it. */
export async function followSignInLink(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await page.getByRole("main").getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL((url) => url.pathname !== "/connexion/lien");
}

/**
 * Asks for a sign-in link for `email` through the form, reads it from the dev
 * mailbox, opens it and presses its button. Returns the link (single use). The
 * page ends wherever the link leads (the home page for a known address). Any
 * earlier session of the page's browser is dropped first.
 */
export async function signIn(page: Page, email: string): Promise<string> {
  const sinceId = await latestMailId(page.request, email);
  // Signed in already (as someone else), /connexion sends the person home: start signed out.
  await page.context().clearCookies();
  await page.goto("/connexion");
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByRole("button", { name: "Recevoir mon lien de connexion" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Consultez votre boîte mail" })).toBeVisible();
  // By subject: other mail may reach the same person meanwhile (a référent is told of each join request).
  const mail = await waitForMail(page.request, email, sinceId, /lien de connexion/i);
  const link = extractSignInLink(mail);
  await followSignInLink(page, link);
  return link;
}
