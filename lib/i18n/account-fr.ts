// « Mon compte » (/compte): who is signed in, and how to end every session.
// A section of the French catalogue (`fr.account` in lib/i18n/fr.ts).

import { typesetInPlace } from "@/lib/domain/french";
export const accountFr = {
  title: "Mon compte",
  name: "Nom",
  email: "Adresse e-mail",
  sessionsTitle: "Vos connexions",
  sessionsBody:
    "Vous restez connecté·e sur cet appareil tant que vous utilisez le site au moins une fois tous les 14 jours, et au plus 30 jours ; ensuite, un nouveau lien de connexion est demandé.",
  signOutEverywhere: "Me déconnecter partout",
  confirmTitle: "Vous déconnecter partout ?",
  confirmBody:
    "Vous serez déconnecté·e sur tous vos appareils, celui-ci compris : téléphone, ordinateur, tablette. Pour revenir, il faudra demander un nouveau lien de connexion.",
  confirm: "Oui, me déconnecter partout",
  keep: "Non, rester connecté·e",
} as const;

// French spaces in every string, and in what every function returns (DESIGN.md §10).
typesetInPlace(accountFr);
