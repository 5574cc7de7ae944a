// A script can post any list of arguments to a server action (proxy.ts only
// checks that it is a list): an action given something else than a form
// answers the French « invalid » message — never a TypeError, a 500 or « réessayez ».
import { describe, expect, it, vi } from "vitest";
import { requestSignInLink } from "@/app/connexion/actions";
import { requestToJoinAction } from "@/app/devenir-intermittent/actions";
import { performLinkAction } from "@/app/lien/[token]/actions";
import { reserveAction } from "@/app/paniers/actions";
import { fr } from "@/lib/i18n/fr";

vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "203.0.113.7" }),
  cookies: async () => ({ get: () => undefined }),
}));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a forged call: whatever a script posts
const forged = [undefined, 2, "x", { a: 1 }, ["a"]] as any[];

describe("an action given no form", () => {
  it.each(forged)("answers in French for %j", async (notAForm) => {
    expect(await reserveAction({ status: "idle" }, notAForm)).toEqual({ status: "error", message: fr.exchange.invalidInput });
    expect(await requestToJoinAction({ status: "idle" }, notAForm)).toEqual({ status: "error", message: fr.exchange.invalidInput });
    expect(await performLinkAction({ status: "idle" }, notAForm)).toEqual({ status: "error", message: fr.links.invalidBody });
    expect(await requestSignInLink({ status: "idle" }, notAForm)).toEqual({ status: "error", message: fr.signIn.invalidEmail, email: "" });
  });
});
