// To someone a member invited to the intermittents list (« Inscrire une autre
// personne »): who invites, what the list is, and the one button that leads
// to the invitation's page — nothing happens unless the person presses
// « Rejoindre la liste » there.
import { joinFr } from "@/lib/i18n/join-fr";
import { EmailLayout } from "./components/layout";
import { ActionButton, Greeting, Note, Paragraph } from "./components/parts";
import { previewInviter, previewJoinLinks } from "./join-preview-data";
import { previewOffer, type MailPerson } from "./offer-data";

export type ListInvitationProps = {
  amapName: string;
  /** Named as the member typed it (the person may have no account yet). */
  recipient: MailPerson;
  inviter: { fullName: string };
  links: { invitation: string };
};

const t = joinFr.invitationMail;

export const listInvitationSubject = ({ inviter, amapName }: Pick<ListInvitationProps, "inviter" | "amapName">) =>
  t.subject(inviter.fullName, amapName);

export default function ListInvitation({
  amapName = previewOffer.amapName,
  recipient = { firstName: "Camille", fullName: "Camille Dupont" },
  inviter = previewInviter,
  links = previewJoinLinks,
}: Partial<ListInvitationProps>) {
  return (
    <EmailLayout amapName={amapName} preview={t.preview(inviter.fullName)}>
      <Greeting person={recipient} />
      <Paragraph>
        <strong>{t.subject(inviter.fullName, amapName)}.</strong>
      </Paragraph>
      <Paragraph>{t.meaning}</Paragraph>
      <ActionButton href={links.invitation}>{t.button}</ActionButton>
      <Paragraph>{t.onlyIf}</Paragraph>
      <Note>{t.ignore}</Note>
    </EmailLayout>
  );
}
