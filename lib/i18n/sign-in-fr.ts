// Signing in by emailed link (/connexion). A section of the French catalogue (`fr.signIn` in
// lib/i18n/fr.ts), in a module of its own so that a client component ships
// these strings only, not the whole catalogue.

import { typesetInPlace } from "@/lib/domain/french";
export const signInFr = {
  title: "Se connecter",
  intro: "Indiquez votre adresse e-mail : nous vous envoyons un lien de connexion, valable 24 heures. Pas de mot de passe.",
  emailLabel: "Adresse e-mail",
  submit: "Recevoir mon lien de connexion",
  invalidEmail: "Cette adresse e-mail ne semble pas valide. Vérifiez-la et réessayez.",
  failed: "La demande n'a pas pu aboutir. Réessayez dans un instant.",
  checkTitle: "Consultez votre boîte mail",
  checkBody:
    "Si cette adresse est connue de l'AMAP (amapien·ne, intermittent·e ou référent·e), un lien de connexion vient de lui être envoyé. Ouvrez-le depuis cet appareil.",
  checkHint: "Rien reçu après quelques minutes ? Regardez dans les indésirables, ou écrivez aux référents de l'AMAP.",
  errorTitle: "Ce lien ne fonctionne plus",
  errorBody: "Le lien de connexion a expiré ou a déjà servi. Demandez-en un nouveau.",
  retry: "Demander un nouveau lien",
  signedOut: "Vous êtes déconnecté·e.",
  signedOutEverywhere: "Vous êtes déconnecté·e sur tous vos appareils. Pour revenir, demandez un lien de connexion.",
  // The page an emailed link opens (/connexion/lien): opening it changes nothing.
  linkTitle: "Se connecter",
  linkAs: (maskedEmail: string) => `Se connecter en tant que ${maskedEmail}`,
  linkButton: "Se connecter",
  linkHint: "Ce bouton vous connecte sur cet appareil. Vous n'avez rien demandé ? Fermez simplement cette page : rien n'a changé.",
  usedTitle: "Ce lien a déjà servi",
  usedBody: "Un lien de connexion ne sert qu'une fois. Si vous n'êtes pas connecté·e, demandez-en un nouveau : il arrive en une minute.",
  expiredTitle: "Ce lien a expiré",
  expiredBody: "Un lien de connexion est valable 24 heures. Demandez-en un nouveau : il arrive en une minute.",
  foreignPost: "Ce bouton ne fonctionne que sur la page du lien de connexion. Ouvrez à nouveau le lien reçu par e-mail.",
} as const;

// French spaces in every string, and in what every function returns (DESIGN.md §10).
typesetInPlace(signInFr);
