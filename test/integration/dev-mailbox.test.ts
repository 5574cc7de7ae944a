// With no SMTP_URL, mail lands in the development mailbox, readable as JSON
// at GET /api/dev/mails (newest first) and page by page at /dev/mails.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getMails } from "@/app/api/dev/mails/route";
import { GET as getHealth } from "@/app/api/health/route";
import { getDb, type Db } from "@/db/client";
import { outbox } from "@/db/schema";
import { getDevMail, listDevMails } from "@/lib/server/mail/dev-mailbox";
import { getMailer } from "@/lib/server/mail/mailer";
import { drainOutbox } from "@/lib/server/outbox/worker";
import { enqueueMail } from "@/lib/server/mail/enqueue";
import { firstAmapId } from "@/db/queries";

let db: Db;

beforeAll(async () => {
  db = await getDb();
});

describe("the development mailbox", () => {
  it("receives what the outbox sends and lists it newest first", async () => {
    await enqueueMail(db, await firstAmapId(db), "sign-in", [
      { to: "first@test.local", payload: { url: "http://localhost:3000/x?token=one" } },
      { to: "second@test.local", payload: { url: "http://localhost:3000/x?token=two" } },
    ]);
    const report = await drainOutbox({ db, mailer: getMailer(), concurrency: 1 });
    expect(report.sent).toBe(2);
    expect((await db.select().from(outbox)).map((r) => r.status)).toEqual(["sent", "sent"]);

    const response = await getMails(new Request("http://localhost:3000/api/dev/mails"));
    expect(response.status).toBe(200);
    const mails = (await response.json()) as { id: number; to: string; subject: string; text: string; html: string; createdAt: string }[];
    expect(mails.map((m) => m.to)).toEqual(["second@test.local", "first@test.local"]);
    expect(mails[0]!.text).toContain("token=two");
    expect(mails[0]!.html).toContain("<html");
    // Transactional mail: no List-Unsubscribe.
    expect((mails[0] as unknown as { headers: Record<string, string> }).headers).toEqual({});
    expect(Object.keys(mails[0]!)).toEqual(expect.arrayContaining(["id", "to", "subject", "text", "html", "createdAt"]));

    const filtered = await getMails(new Request("http://localhost:3000/api/dev/mails?to=FIRST@test.local"));
    expect(((await filtered.json()) as { to: string }[]).map((m) => m.to)).toEqual(["first@test.local"]);

    const one = await getDevMail(mails[1]!.id);
    expect(one?.subject).toBe(mails[1]!.subject);
    expect(await getDevMail(-1)).toBeNull();
    expect(await listDevMails({ limit: 1 })).toHaveLength(1);
  });

  it("is reported healthy with the database answering", async () => {
    const response = await getHealth();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok" });
  });
});
