// With SMTP_URL set, the development mailbox does not exist: real mail is
// never readable through the application.
import { beforeAll, describe, expect, it } from "vitest";

beforeAll(() => {
  process.env.SMTP_URL = "smtp://127.0.0.1:2525";
});

describe("with SMTP configured", () => {
  it("answers 404 at /api/dev/mails and reads nothing", async () => {
    const { GET } = await import("@/app/api/dev/mails/route");
    const { getDevMail, listDevMails } = await import("@/lib/server/mail/dev-mailbox");
    const response = await GET(new Request("http://localhost:3000/api/dev/mails"));
    expect(response.status).toBe(404);
    expect(await listDevMails()).toBeNull();
    expect(await getDevMail(1)).toBeNull();
  });
});
