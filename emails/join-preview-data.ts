// Preview data for the emails of joining the list: an invitation, a public
// request and its decision.
import type { MailPerson } from "./offer-data";

/** Camille, invited by Alice or asking to join. */
export const previewApplicant = {
  firstName: "Camille",
  fullName: "Camille Dupont",
  email: "camille.dupont@example.org",
  phone: "06 12 34 56 78",
  message: "Je travaille à côté de la salle des fêtes, je peux passer le jeudi soir.",
};

export const previewInviter = { fullName: "Alice Martin" };

export const previewReferentRecipient: MailPerson = { firstName: "Rose", fullName: "Rose Lefèvre" };

export const previewJoinLinks = {
  invitation: "http://localhost:3000/invitation/exemple",
  decide: "http://localhost:3000/admin/intermittents#demandes",
};

export const previewRefusalReason = "La liste est complète pour cette saison ; réessayez en septembre.";
