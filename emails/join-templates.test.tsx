// The emails of joining the list render from their preview defaults, say who
// and what in correct French (narrow no-break spaces, « de l'AMAP »), and keep
// typed text as text.
import { render } from "@react-email/render";
import type { ReactElement } from "react";
import { describe, expect, test } from "vitest";
import { ofAmap } from "@/lib/i18n/join-fr";
import { previewApplicant, previewJoinLinks, previewRefusalReason } from "./join-preview-data";
import ListInvitation, { listInvitationSubject } from "./list-invitation";
import ListRequestReceived, { listRequestReceivedSubject } from "./list-request-received";
import ListRequestRefused from "./list-request-refused";
import ListRequestToDecide, { listRequestToDecideSubject } from "./list-request-to-decide";

const both = async (element: ReactElement) => ({ html: await render(element), text: await render(element, { plainText: true }) });
const evil = "<script>alert(1)</script> <b>gras</b>";
const evilPerson = { firstName: evil, fullName: evil };

describe("joining the list, by mail", () => {
  test("an invitation names who invites, to which AMAP, and leads to its page", async () => {
    expect(listInvitationSubject({ inviter: { fullName: "Alice Martin" }, amapName: "AMAP des Tilleuls" })).toBe(
      "Alice Martin vous propose de rejoindre la liste des intermittents de l'AMAP des Tilleuls",
    );
    const { text } = await both(<ListInvitation />);
    expect(text).toContain("Bonjour Camille,");
    expect(text).toContain(`Voir l'invitation ${previewJoinLinks.invitation}`);
    expect(text).toContain("Pas intéressé·e\u202f? Ignorez ce message");
  });

  test("the applicant's acknowledgement and the référent's mail carry the facts and the link to decide", async () => {
    expect(listRequestReceivedSubject({ amapName: "AMAP des Tilleuls" })).toBe("Votre demande pour la liste des intermittents — AMAP des Tilleuls");
    expect((await both(<ListRequestReceived />)).text).toContain("Un·e référent·e l'examine et vous répondra par e-mail");
    expect(listRequestToDecideSubject({ applicant: previewApplicant })).toBe("Demande d'inscription comme intermittent·e\u00a0: Camille Dupont");
    const { text } = await both(<ListRequestToDecide />);
    for (const fact of [previewApplicant.email, previewApplicant.phone, previewApplicant.message, `Accepter ou refuser ${previewJoinLinks.decide}`]) {
      expect(text).toContain(fact);
    }
    expect(text).toContain("Le mot de Camille Dupont\u00a0:");
  });

  test("a refusal carries the référents' reason when there is one", async () => {
    expect((await both(<ListRequestRefused reason={previewRefusalReason} />)).text).toContain(previewRefusalReason);
    expect((await both(<ListRequestRefused />)).text).not.toContain("précisent");
  });

  test.each([
    ["list-invitation", <ListInvitation key="1" amapName={evil} recipient={evilPerson} inviter={evilPerson} />],
    ["list-request-received", <ListRequestReceived key="2" amapName={evil} recipient={evilPerson} />],
    ["list-request-to-decide", <ListRequestToDecide key="3" amapName={evil} recipient={evilPerson} applicant={{ fullName: evil, email: "x@example.org", phone: evil, message: evil }} />],
    ["list-request-refused", <ListRequestRefused key="4" amapName={evil} recipient={evilPerson} reason={evil} />],
  ])("%s keeps typed text as text", async (_name, element) => {
    const { html, text } = await both(element);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("&lt;b&gt;gras&lt;/b&gt;");
    expect(text).toContain(evil);
  });

  test("« de l'AMAP … » before an AMAP named so, elision otherwise", () => {
    expect(ofAmap("AMAP des Tilleuls")).toBe("de l'AMAP des Tilleuls");
    expect(ofAmap("Amap du Marais")).toBe("de l'Amap du Marais");
    expect(ofAmap("Les Paniers du Lez")).toBe("de Les Paniers du Lez");
    expect(ofAmap("Épi de Blé")).toBe("d'Épi de Blé");
  });
});
