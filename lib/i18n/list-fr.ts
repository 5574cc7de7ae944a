// The intermittents list: (dés)inscription, registering someone. A section of the French catalogue (`fr.list` in
// lib/i18n/fr.ts), in a module of its own so that a client component ships
// these strings only, not the whole catalogue.

import { typesetInPlace } from "@/lib/domain/french";
import { ofAmap } from "./grammar";
export const listFr = {
  title: "Intermittents (dés)inscription",
  statusActive: (since: string) => `Vous êtes inscrit·e sur la liste des intermittents depuis le ${since}.`,
  statusAddedBy: (name: string) => `Inscription faite par ${name}.`,
  statusInactive: "Vous n'êtes pas inscrit·e sur la liste des intermittents.",
  explain:
    "Les intermittents reçoivent un e-mail à chaque panier cédé par un·e amapien·ne absent·e, le réservent, le récupèrent à la distribution et le règlent à l'amapien·ne.",
  subscribe: "S'inscrire",
  unsubscribe: "Se désinscrire",
  confirmTitle: "Quitter la liste des intermittents ?",
  confirmBody:
    "Vous ne recevrez plus d'e-mails de paniers disponibles. Vos réservations en cours restent valables. Vous pourrez vous réinscrire quand vous voudrez.",
  /** The same, on the page without JavaScript, naming the AMAP whose list it is. */
  confirmBodyOf: (amapName: string) =>
    `Vous ne recevrez plus les paniers ${ofAmap(amapName)}. Vos réservations en cours restent valables. Vous pourrez vous réinscrire quand vous voudrez.`,
  confirm: "Oui, me désinscrire",
  keep: "Non, rester inscrit·e",
  joined: "Vous êtes inscrit·e : vous recevrez un e-mail à chaque panier disponible.",
  leftTitle: "Vous êtes désinscrit·e",
  leftBody: "Vous ne recevrez plus d'e-mails de paniers disponibles. Un e-mail de confirmation vous a été envoyé.",
  rejoin: "Se réinscrire",
  /** Receiving the partner AMAPs' baskets too (DESIGN.md §11). */
  partners: {
    title: "Paniers des AMAP partenaires",
    explain: (names: string[]) =>
      `Votre AMAP est partenaire ${names.map(ofAmap).join(", ").replace(/, ([^,]*)$/, " et $1")}. Un panier que personne n'a réservé chez elles peut vous être proposé : vous le retirez à leur distribution, à leurs horaires.`,
    statusOn: "Vous recevez aussi les paniers des AMAP partenaires.",
    statusOff: "Vous ne recevez que les paniers de votre AMAP.",
    left: (names: string[]) => `Sauf ceux ${names.map(ofAmap).join(", ").replace(/, ([^,]*)$/, " et $1")}, que vous avez choisi de ne plus recevoir.`,
    back: "Recevoir à nouveau tous leurs paniers",
    turnOn: "Recevoir aussi leurs paniers",
    turnOff: "Ne plus recevoir leurs paniers",
    on: "C'est noté : vous recevrez aussi les paniers des AMAP partenaires que personne n'y a réservés.",
    off: "C'est noté : vous ne recevrez plus que les paniers de votre AMAP.",
  },
  history: "Historique",
  historyLine: (from: string, to: string | null) => (to ? `Du ${from} au ${to}` : `Depuis le ${from}`),
  registerTitle: "Inscrire une autre personne",
  registerIntro:
    "Un·e ami·e, un·e voisin·e aimerait prendre des paniers de temps en temps ? Inscrivez la personne : elle recevra un e-mail qui dit qui l'a inscrite et comment se désinscrire.",
  registerSubmit: "Inscrire cette personne",
  registered: (name: string) => `${name} est inscrit·e sur la liste des intermittents et reçoit un e-mail de bienvenue.`,
  registeredExisting: (name: string) => `${name} est inscrit·e sur la liste des intermittents et en est prévenu·e par e-mail.`,
  fields: { email: "Adresse e-mail", firstName: "Prénom", lastName: "Nom", phone: "Téléphone (facultatif)", message: "Un mot pour les référents (facultatif)" },
  fieldErrors: {
    email: "Adresse e-mail invalide.",
    firstName: "Indiquez un prénom (80 caractères au plus).",
    lastName: "Nom trop long ou invalide.",
    phone: "Numéro de téléphone invalide.",
  },
  refusals: {
    already_on_list: "Cette personne est déjà sur la liste des intermittents.",
    not_on_list: "Vous n'êtes pas (ou plus) sur la liste des intermittents.",
    not_member: "Seuls les amapiens et les référents peuvent inscrire une autre personne.",
    not_referent: "Réservé aux référents.",
    not_in_amap:
      "Vous n'êtes ni amapien·ne ni référent·e de cette AMAP : pour rejoindre sa liste des intermittents, faites une demande avec « Devenir intermittent·e », ses référents vous répondront.",
    not_found: "Cette personne ou cette demande n'existe pas.",
    already_decided: "Cette demande a déjà été traitée.",
    too_many_requests: "Trop de demandes en peu de temps. Réessayez plus tard.",
    invalid_person: "Certains champs sont à corriger.",
    link_used: "Ce lien a déjà servi : son action est faite.",
  },
  publicTitle: "Devenir intermittent·e",
  publicIntro:
    "Vous n'êtes pas amapien·ne mais aimeriez prendre un panier de temps en temps, quand un·e adhérent·e s'absente ? Laissez vos coordonnées : un·e référent·e de l'AMAP valide votre inscription.",
  /** The form of one AMAP (/<slug>/devenir-intermittent), naming it. */
  publicIntroOf: (amapName: string) =>
    `Vous n'êtes pas amapien·ne mais aimeriez prendre un panier ${ofAmap(amapName)} de temps en temps, quand un·e adhérent·e s'absente ? Laissez vos coordonnées : un·e référent·e de l'AMAP valide votre inscription.`,
  /** /devenir-intermittent on a deployment of several AMAPs, for a visitor nothing tells which. */
  chooseAmapIntro: "Plusieurs AMAP partagent cet espace. Choisissez celle dont vous aimeriez prendre des paniers :",
  chooseAmapFirst: "Choisissez d'abord votre AMAP sur la page « Devenir intermittent·e ».",
  publicSubmit: "Envoyer ma demande",
  publicDone:
    "Merci ! Votre demande est enregistrée. Un·e référent·e vous répondra par e-mail.",
  honeypot: "Ne pas remplir ce champ",
} as const;

// French spaces in every string, and in what every function returns (DESIGN.md §10).
typesetInPlace(listFr);
