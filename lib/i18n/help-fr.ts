// The help pages (/aide, /aide/glossaire) and the menu's grouping, in French.
// Kept apart from fr.ts so the two catalogues can grow side by side; an
// English locale would add a help-en.ts of the same shape.
//
// Rich paragraphs are lists of segments: plain text, or an internal link
// ({ href, label }), so pages render links without any HTML in the strings.

import { typesetInPlace } from "@/lib/domain/french";
export type RichSegment = string | { readonly href: string; readonly label: string };
export type RichText = readonly RichSegment[];

/** "12 h avant le début de la distribution", or "au début de la distribution" when the setting is 0. */
function beforeStart(hours: number): string {
  return hours > 0 ? `${hours} h avant le début de la distribution` : "au début de la distribution";
}

export const helpFr = {
  nav: {
    group: "Espace intermittents",
    registration: "Intermittents (dés)inscription",
    help: "Aide",
    admin: "Administration",
  },
  help: {
    title: "Aide",
    intro:
      "Quand un·e amapien·ne ne peut pas venir à la distribution, son panier ne doit pas être perdu. Ici, elle ou il le cède aux personnes inscrites sur la liste des intermittents ; l'une d'elles le récupère à sa place et lui en règle le prix.",
    glossaryLead: ["Un mot vous échappe ? Tout est expliqué dans le ", { href: "/aide/glossaire", label: "glossaire" }, "."],
    tocTitle: "Sur cette page",
    /** Short labels: the table of contents fits two rows on a phone. */
    toc: {
      intermittents: "Intermittents",
      members: "Amapiens",
      everyone: "Tout le monde",
      referents: "Référents",
      glossary: "Glossaire",
    },

    intermittents: {
      title: "Pour les intermittents",
      become: {
        title: "Devenir intermittent·e",
        what: "Être intermittent·e, c'est être prévenu·e par e-mail chaque fois qu'un panier se libère. Aucun engagement : vous ne reprenez un panier que lorsque cela vous arrange.",
        withAccount: [
          "Vous avez déjà un compte (vous êtes amapien·ne, par exemple) : inscrivez-vous sur la page ",
          { href: "/inscription", label: "Intermittents (dés)inscription" },
          ". Vous pouvez aussi y inscrire une autre personne : un·e voisin·e, un·e ami·e.",
        ],
        withoutAccount: [
          "Vous n'avez pas de compte : faites votre demande sur la page ",
          { href: "/devenir-intermittent", label: "Devenir intermittent·e" },
          ".",
        ],
        validation:
          "Les référents de l'AMAP valident les demandes. Vous recevez alors un e-mail qui le confirme et vous explique comment quitter la liste.",
      },
      reserve: {
        title: "Réserver un panier",
        steps: [
          "À chaque panier cédé, vous recevez un e-mail personnel : la date, le lieu, les horaires, le contenu et le prix du panier, et le message de l'amapien·ne.",
          "Cliquez sur « Réserver » dans l'e-mail, puis confirmez sur la page qui s'ouvre : pas besoin de vous connecter. Vous pouvez aussi réserver depuis la page « Réserver un panier » du site.",
          "Premier arrivé, premier servi : la première réservation est transmise à l'amapien·ne, qui la valide.",
          "Le panier est déjà réservé ? Rejoignez la file d'attente. Si la réservation en cours est refusée ou annulée, c'est au tour de la personne suivante, dans l'ordre d'arrivée, et vous êtes prévenu·e par e-mail.",
          "Une fois votre réservation validée, vous recevez par e-mail les coordonnées de l'amapien·ne et le nom sous lequel émarger. Tout est aussi dans « Mes paniers échangés ».",
        ],
        autoAccept:
          "Certains amapiens choisissent la validation automatique : dans ce cas, la première réservation est acceptée tout de suite.",
        dayOf: [
          "Le jour de la distribution, voyez ",
          { href: "#remplacant", label: "ce qu'il faut savoir pour récupérer le panier" },
          " : horaires, sacs, émargement, paiement et consignes de l'AMAP.",
        ],
      },
      leave: {
        title: "Se désinscrire",
        site: [
          "Vous ne souhaitez plus recevoir les paniers disponibles ? Sur la page ",
          { href: "/inscription", label: "Intermittents (dés)inscription" },
          ", choisissez « Se désinscrire », puis confirmez.",
        ],
        email: "Plus simple encore : chaque e-mail de l'espace contient en bas un lien pour vous désinscrire en un clic.",
        comeBack: "Vous pourrez vous réinscrire quand vous voudrez.",
      },
    },

    members: {
      title: "Pour les amapiens",
      offer: {
        title: "Céder son panier",
        lead: ["Vous serez absent·e ? Ouvrez « ", { href: "/absence", label: "Absence – proposer son panier" }, " » :"],
        steps: [
          "cochez une ou plusieurs dates : toute une période d'absence se cède en une fois ;",
          "choisissez les paniers à céder : tous, ou une partie seulement (par exemple les légumes, mais pas les œufs) ;",
          "ajoutez un message si vous le souhaitez : ce qu'il y a dans le panier, comment vous joindre ;",
          "cochez « Accepter automatiquement la première réservation » si vous préférez ne pas avoir à valider vous-même ;",
          "terminez par « Céder mon panier ».",
        ],
        broadcast: "Votre panier est aussitôt proposé par e-mail à toutes les personnes de la liste des intermittents.",
        deadline: (hours: number) =>
          `Les propositions ferment ${beforeStart(hours)}. Pensez-y tôt : un panier proposé tôt trouve plus facilement preneur.`,
      },
      decide: {
        title: "Valider ou refuser",
        steps: [
          "Quand quelqu'un réserve votre panier, vous recevez un e-mail. Validez ou refusez directement depuis l'e-mail, sans vous connecter, ou depuis « Mes paniers échangés ».",
          "Une seule réservation attend votre réponse à la fois ; les suivantes patientent dans la file d'attente. Si vous refusez, la personne suivante prend le relais ; s'il n'y a personne, votre panier est de nouveau proposé.",
          "Les coordonnées ne sont échangées qu'une fois la réservation validée : vous recevez alors celles de la personne, et elle reçoit les vôtres. Retrouvez-les dans « Mes paniers échangés », derrière le « + ».",
          "Quand la personne vous a réglé le panier, notez-le avec « Noter le paiement reçu ».",
        ],
        soon: "Répondez sans tarder : la personne attend votre réponse pour s'organiser.",
      },
      replacement: {
        title: "Ce qu'il faut dire à la personne qui vous remplace",
        lead: "Une fois la réservation validée, prenez contact et rappelez-lui :",
        points: [
          "le jour, les horaires et le lieu de la distribution ;",
          "d'apporter ses propres sacs ou cabas ;",
          "d'émarger à votre nom sur la feuille d'émargement : c'est votre nom qui y figure, pas le sien ;",
          "de ne prendre que les paniers que vous cédez (par exemple les légumes, pas les œufs) ;",
          "de vous régler le prix du panier, comme convenu entre vous.",
        ],
        rulesTitle: "Les consignes de l'AMAP",
        rulesLead: "Elles sont aussi envoyées à la personne avec la validation de sa réservation.",
      },
    },

    everyone: {
      title: "Pour tout le monde",
      cancel: {
        title: "Annuler",
        member:
          "Amapien·ne, un changement de programme ? Dans « Mes paniers échangés », choisissez « Annuler » sur le panier et indiquez le motif : il est transmis à la personne qui a réservé et à celles de la file d'attente.",
        intermittent:
          "Intermittent·e, un empêchement ? Dans « Mes paniers échangés », choisissez « Annuler ma réservation ». Le panier passe à la personne suivante, ou il est de nouveau proposé. Si votre réservation était déjà validée, prévenez aussi l'amapien·ne.",
        deadline:
          "On peut annuler sur le site jusqu'au début de la distribution. Ensuite, prévenez directement l'autre personne.",
      },
    },

    referents: {
      title: "Pour les référents",
      blockTitle: "Le rôle des référents",
      points: [
        "Les référents tiennent la liste des intermittents : ils valident les demandes d'inscription et ajoutent les personnes qui écrivent à l'AMAP.",
        "Ils gèrent les lieux, les contrats, le calendrier des distributions et les consignes de l'AMAP.",
        "Ils peuvent annuler un échange ou attribuer un panier directement, en indiquant pourquoi, et imprimer la feuille d'émargement, où chaque panier repris indique « récupéré par … pour … ».",
      ],
      where: "Tout cela se fait depuis « Administration ».",
    },

    question: {
      title: "Une question ?",
      body: "Écrivez aux référents de l'AMAP :",
    },
  },

  glossary: {
    title: "Intermittent : Glossaire",
    intro: "Les mots de l'AMAP et de l'espace intermittents, expliqués simplement.",
    backToHelp: "Retour à l'aide",
    seeAlso: "Voir aussi :",
    // Alphabetical; each `id` is the anchor other pages link to (/aide/glossaire#emargement).
    terms: [
      {
        id: "adherent",
        term: "Adhérent·e",
        definition:
          "Membre de l'association, à jour de son adhésion. Dans l'espace intermittents, le mot désigne la même personne qu'amapien·ne : quelqu'un qui a un contrat en cours.",
        seeAlso: ["amapien"],
      },
      {
        id: "amap",
        term: "AMAP",
        definition:
          "Association pour le maintien d'une agriculture paysanne. Des foyers s'engagent auprès de producteurs de leur région : ils paient d'avance une saison de paniers, que les producteurs apportent à chaque distribution.",
        seeAlso: ["contrat", "distribution"],
      },
      {
        id: "amapien",
        term: "Amapien·ne",
        definition:
          "Membre de l'AMAP qui a souscrit un ou plusieurs contrats : ses paniers l'attendent à chaque distribution. En cas d'absence, elle ou il peut céder son panier à un·e intermittent·e.",
        seeAlso: ["adherent", "ceder"],
      },
      {
        id: "ceder",
        term: "Céder (son panier)",
        definition:
          "Proposer son panier aux intermittents quand on ne peut pas venir à la distribution. On peut céder tous ses paniers d'une date ou une partie seulement (les légumes, mais pas les œufs), pour une ou plusieurs dates.",
        seeAlso: ["panier", "intermittent"],
      },
      {
        id: "contrat",
        term: "Contrat",
        definition:
          "L'engagement pris avec un producteur pour une saison : un type de panier (légumes, œufs, pain…), sa taille et son prix. Avec plusieurs contrats, on a plusieurs paniers à la même distribution.",
        seeAlso: ["panier"],
      },
      {
        id: "distribution",
        term: "Distribution",
        definition:
          "Le rendez-vous où les paniers sont remis : un jour, un lieu et un créneau horaire (par exemple le jeudi, de 18 h 30 à 20 h). Les paniers se récupèrent pendant ce créneau.",
        seeAlso: ["lieu", "emargement"],
      },
      {
        id: "emargement",
        term: "Émargement",
        definition:
          "La feuille que signe, à la distribution, chaque personne qui récupère un panier. Quand un panier est repris, le repreneur signe au nom de l'amapien·ne : la feuille indique « récupéré par … pour … ».",
        seeAlso: ["repreneur"],
      },
      {
        id: "file-d-attente",
        term: "File d'attente",
        definition:
          "Quand un panier est déjà réservé, les intermittents suivants peuvent attendre leur tour. Si la réservation en cours est refusée ou annulée, la personne suivante prend le relais, dans l'ordre d'arrivée.",
        seeAlso: ["intermittent"],
      },
      {
        id: "intermittent",
        term: "Intermittent·e",
        definition:
          "Personne inscrite sur la liste des intermittents : elle est prévenue par e-mail de chaque panier cédé et peut le réserver. Pas besoin d'avoir un contrat : beaucoup attendent une place dans l'AMAP, d'autres sont amapiens et prennent un panier de plus.",
        seeAlso: ["repreneur", "file-d-attente"],
      },
      {
        id: "lieu",
        term: "Lieu (de distribution)",
        definition:
          "L'endroit où a lieu la distribution : une adresse, et parfois des indications pour trouver l'entrée. Une AMAP peut avoir plusieurs lieux.",
        seeAlso: ["distribution"],
      },
      {
        id: "panier",
        term: "Panier",
        definition:
          "Ce qu'un·e amapien·ne récupère pour un contrat à une distribution : par exemple un grand panier de légumes, ou une boîte de six œufs. Son prix est celui du contrat.",
        seeAlso: ["contrat", "ceder"],
      },
      {
        id: "referent",
        term: "Référent·e",
        definition:
          "Bénévole de l'AMAP qui anime l'espace intermittents : tient la liste des intermittents, valide les demandes d'inscription, gère le calendrier des distributions et la feuille d'émargement, et aide à régler un échange si besoin.",
        seeAlso: ["intermittent", "emargement"],
      },
      {
        id: "repreneur",
        term: "Repreneur·euse",
        definition:
          "L'intermittent·e dont la réservation a été validée : cette personne récupère le panier à la distribution, émarge au nom de l'amapien·ne et lui règle le prix du panier.",
        seeAlso: ["emargement", "intermittent"],
      },
    ],
  },
} as const;

export type HelpCatalogue = typeof helpFr;
export type GlossaryTermId = (typeof helpFr.glossary.terms)[number]["id"];

// French spaces in every string, and in what every function returns (DESIGN.md §10).
typesetInPlace(helpFr);
