// Every string a user reads, in French, in one place (DESIGN.md §2), so an
// English catalogue can be added later. Words are the ones AMAP members use.
// Pure data and small formatters: safe to import from pages, components and
// emails alike.

import { typesetInPlace } from "@/lib/domain/french";
import { ofAmap, ofName, onBehalfOf, rank } from "./grammar";
import { accountFr } from "./account-fr";
import { adminCalendarFr } from "./admin-calendar-fr";
import { adminFr } from "./admin-fr";
import { adminMailFr } from "./admin-mail-fr";
import { adminMembersFr } from "./admin-members-fr";
import { adminSheetFr } from "./admin-sheet-fr";
import { errorsFr } from "./errors-fr";
import { exchangeFr } from "./exchange-fr";
import { helpFr } from "./help-fr";
import { joinFr } from "./join-fr";
import { linkStatesFr } from "./link-states-fr";
import { listFr } from "./list-fr";
import { mailFr } from "./mail-fr";
import { partnersFr } from "./partners-fr";
import { signInFr } from "./sign-in-fr";
import { textFr } from "./text-fr";

export { ofName, onBehalfOf } from "./grammar";

export const fr = {
  app: {
    name: "Espace intermittents",
    tagline: "Ne perdez plus un panier : cédez-le, réservez-le, en quelques gestes.",
  },
  nav: {
    home: "Accueil",
    baskets: "Réserver un panier",
    absence: "Absence – proposer son panier",
    myBaskets: "Mes paniers échangés",
    account: "Mon compte",
    signIn: "Se connecter",
    signOut: "Se déconnecter",
    menu: "Menu",
    devMails: "Boîte mail de développement",
    skipToContent: "Aller au contenu",
  },
  roles: {
    member: "Amapien·ne",
    intermittent: "Intermittent·e",
    referent: "Référent·e",
  },
  home: {
    title: "Espace intermittents",
    yourAmaps: "Vos AMAP",
    yourAmapsHint: "Vous êtes dans l'espace de l'AMAP en gras. Touchez une autre AMAP pour y aller.",
    intro:
      "Quand un·e amapien·ne s'absente, son panier ne doit pas être perdu. L'espace intermittents le met à disposition des personnes inscrites sur la liste des intermittents, qui le récupèrent à la distribution et le règlent directement.",
    forWhom: "Pour qui ?",
    forMembers:
      "Les amapiens et amapiennes : absent·e un jeudi ? Cédez votre panier en deux gestes, validez la personne qui le prend, et retrouvez ses coordonnées.",
    forIntermittents:
      "Les intermittents : inscrit·e sur la liste, vous recevez un e-mail à chaque panier disponible et vous le réservez depuis votre téléphone.",
    forReferents:
      "Les référents : ils tiennent la liste des intermittents, le calendrier des distributions et la feuille d'émargement.",
    howItWorks: "Comment ça marche ?",
    steps: [
      "L'amapien·ne absent·e choisit « Céder mon panier » pour une ou plusieurs distributions.",
      "Chaque intermittent·e reçoit un e-mail personnel et peut « Réserver » le panier.",
      "L'amapien·ne « Valide » la réservation ; chacun voit alors les coordonnées de l'autre.",
      "Le jour de la distribution, le repreneur émarge au nom de l'amapien·ne et règle le panier.",
    ],
    signInCta: "Se connecter",
    signedInAs: (name: string) => `Bonjour ${name} !`,
    yourRoles: "Dans l'espace, vous êtes :",
    noRole:
      "Votre adresse n'est liée à aucun contrat ni à la liste des intermittents pour le moment. Écrivez aux référents de l'AMAP pour vous inscrire.",
  },
  signIn: signInFr,
  account: accountFr,
  emails: {
    /** The sender's name of an AMAP's mail: « AMAP des Tilleuls via Espace intermittents ». */
    fromName: (amapName: string) => `${amapName} via Espace intermittents`,
    footer: (amapName: string) => `${amapName} — Espace intermittents`,
    signIn: {
      subject: (amapName: string) => `Votre lien de connexion — ${amapName}`,
      preview: "Votre lien pour entrer dans l'espace intermittents",
      greeting: "Bonjour,",
      hello: (firstName: string) => `Bonjour ${firstName},`,
      body: "Pour vous connecter à l'espace intermittents, utilisez le bouton ci-dessous. Le lien est valable 24 heures et ne sert qu'une fois.",
      button: "Me connecter",
      fallback: "Si le bouton ne marche pas, copiez cette adresse dans votre navigateur :",
      ignore: "Vous n'avez rien demandé ? Ignorez ce message : personne ne peut se connecter sans ce lien.",
    },
    // The basket exchange (DESIGN.md §5). People are named by first name; no
    // gendered word is used for them, since we do not know it.
    exchange: {
      greeting: (firstName: string) => `Bonjour ${firstName},`,
      /** "panier du jeudi 3 décembre (Légumes — grand panier, Œufs — boîte de 6)" */
      basket: (day: string, summary: string) => `panier du ${day} (${summary})`,
      myBasketsButton: "Mes paniers échangés",
      otherBasketsButton: "Voir les autres paniers",
      otherBaskets: "D'autres paniers attendent peut-être preneur.",
      phoneLabel: "Téléphone : ",
      emailLabel: "E-mail : ",
    },
    basketBlock: {
      when: "Quand",
      where: "Où",
      what: "Le panier",
      line: (quantity: number, label: string, price: string) => `${quantity} × ${label} : ${price}`,
      lineNoPrice: (quantity: number, label: string) => `${quantity} × ${label}`,
      toPayMember: (memberFirstName: string, total: string) => `À régler à ${memberFirstName} : ${total}`,
      toReceive: (total: string) => `Montant à recevoir : ${total}`,
      memberMessage: (memberFirstName: string) => `${memberFirstName} a écrit :`,
      ownMessage: "Votre message :",
    },
    offerAnnounced: {
      subject: (summary: string, day: string) => `Panier disponible : ${summary} — ${day}`,
      subjectReopened: (summary: string, day: string) => `De nouveau disponible : ${summary} — ${day}`,
      preview: (member: string, day: string) => `${member} cède son panier du ${day}`,
      intro: (member: string, day: string) => `${member} ne peut pas récupérer son panier du ${day} et vous le propose.`,
      reopened: "Bonne nouvelle : ce panier est de nouveau disponible.",
      button: "Réserver",
      firstCome: (member: string) => `Premier arrivé, premier servi : ${member} valide la réservation.`,
      firstComeAuto: "Premier arrivé, premier servi\u202f: la première réservation est acceptée automatiquement, le panier est à vous dès que vous le réservez.",
      why: "Vous recevez ce message parce que vous êtes inscrit·e sur la liste des intermittents de l'AMAP.",
    },
    partnerAnnounced: {
      subject: (amapName: string, summary: string, day: string) => `Panier ${ofAmap(amapName)} : ${summary} — ${day}`,
      preview: (amapName: string, day: string) => `Un panier ${ofAmap(amapName)} cherche preneur pour le ${day}`,
      intro: (member: string, amapName: string, day: string) =>
        `${member}, ${ofAmap(amapName)}, ne peut pas récupérer son panier du ${day}, et personne ne l'a réservé dans son AMAP : il est proposé aux intermittents des AMAP partenaires.`,
      where: (amapName: string, member: string) =>
        `Il se retire à la distribution ${ofAmap(amapName)}, au lieu et aux horaires ci-dessus ; vous émargerez sur sa feuille au nom de ${member}.`,
      button: "Réserver",
      why: (homeAmapName: string) =>
        `Vous recevez ce message parce que, sur la liste des intermittents ${ofAmap(homeAmapName)}, vous avez choisi de recevoir aussi les paniers des AMAP partenaires.`,
      leaveLead: (amapName: string) => `Les paniers ${ofAmap(amapName)} ne vous intéressent plus ? `,
      /** One click, no sign-in; only this AMAP's (the other partners' keep coming). */
      leave: "Ne plus les recevoir",
    },
    offerListed: {
      subject: (summary: string, day: string) => `Panier proposé : ${summary} — ${day}`,
      preview: (day: string) => `Votre panier du ${day} est proposé aux intermittents`,
      proposedTo: (count: number) =>
        count === 0
          ? "Votre panier est proposé. Personne n'est inscrit sur la liste des intermittents pour le moment : il reste visible sur le site."
          : count === 1
            ? "Votre panier est proposé à 1 intermittent·e."
            : `Votre panier est proposé à ${count} intermittents.`,
      thanks: "Merci d'en faire profiter quelqu'un !",
      autoAccept:
        "Vous avez choisi la validation automatique : la première réservation sera acceptée d'office, et vous recevrez les coordonnées de la personne.",
      manual: "Vous recevrez un e-mail à chaque réservation, à valider ou refuser.",
      cancel:
        "Un changement de programme ? Depuis « Mes paniers échangés », choisissez « Annuler » et indiquez la raison : elle sera transmise à la personne qui a réservé.",
    },
    reservationToDecide: {
      subject: (intermittent: string, day: string, summary: string) => `${intermittent} souhaite votre panier du ${day} (${summary})`,
      preview: (intermittent: string) => `${intermittent} attend votre réponse`,
      intro: (intermittent: string, day: string) => `${intermittent} souhaite reprendre votre panier du ${day}.`,
      promoted: (intermittent: string) =>
        `La réservation précédente a été refusée ou annulée : ${intermittent} était la personne suivante dans la file d'attente.`,
      ask: "Validez la réservation pour échanger vos coordonnées, ou refusez-la.",
      queue: (count: number) =>
        count === 0
          ? "Si vous refusez, votre panier sera de nouveau proposé aux intermittents."
          : count === 1
            ? "1 autre personne attend dans la file : si vous refusez, elle prendra le relais."
            : `${count} autres personnes attendent dans la file : si vous refusez, la suivante prendra le relais.`,
      button: "Valider ou refuser",
    },
    reservationPending: {
      subject: (day: string, summary: string) => `Réservation envoyée : panier du ${day} (${summary})`,
      subjectPromoted: (day: string, summary: string) => `C'est votre tour : panier du ${day} (${summary})`,
      preview: (member: string) => `${member} doit valider votre réservation`,
      intro: (day: string) => `Votre réservation pour le panier du ${day} est bien partie.`,
      promoted: (day: string) =>
        `La réservation précédente pour le panier du ${day} a été refusée ou annulée : c'est votre tour !`,
      mustValidate: (member: string) => `${member} doit maintenant la valider. Vous recevrez un e-mail dès sa réponse.`,
      cancel: "Un empêchement ? Depuis « Mes paniers échangés », choisissez « Annuler ma réservation ».",
    },
    reservationQueued: {
      subject: (day: string, summary: string) => `File d'attente : panier du ${day} (${summary})`,
      preview: (position: string) => `Vous êtes en ${position} position dans la file d'attente`,
      intro: (member: string, day: string) =>
        `Le panier du ${day} est déjà réservé, et ${member} doit encore répondre à cette réservation.`,
      /** 1 → "1re", 2 → "2e" (agrees with « position »). */
      ordinal: rank,
      position: (position: string) => `Vous êtes en ${position} position dans la file d'attente.`,
      next: "Si la réservation en cours est refusée ou annulée, la file avance dans l'ordre : vous recevrez un e-mail dès que ce sera votre tour. D'ici là, rien à faire.",
      leave: "Vous pouvez quitter la file à tout moment depuis « Mes paniers échangés » (« Annuler ma réservation »).",
    },
    reservationAcceptedTaker: {
      subject: (day: string, summary: string) => `Réservation validée : panier du ${day} (${summary})`,
      preview: (member: string) => `${member} a validé votre réservation`,
      intro: (member: string, day: string) => `Bonne nouvelle : ${member} a validé votre réservation. Le panier du ${day} est pour vous !`,
      signAs: (memberFullName: string) => `Émargez ${onBehalfOf(memberFullName)}`,
      signAsHint: "Sur la feuille d'émargement de la distribution, signez à sa place : c'est ce nom qui y figure.",
      contact: (member: string) => `Pour joindre ${member}`,
      rules: "Bon à savoir",
      ics: "Le rendez-vous est en pièce jointe (fichier .ics) pour votre agenda.",
      cancel: (member: string) =>
        `Un empêchement ? Prévenez ${member} et annulez depuis « Mes paniers échangés » (« Annuler ma réservation »).`,
    },
    reservationAcceptedOwner: {
      subject: (taker: string, day: string, summary: string) => `Votre panier du ${day} est repris par ${taker} (${summary})`,
      preview: (taker: string) => `${taker} reprend votre panier`,
      intro: (taker: string, day: string) => `C'est réglé : ${taker} reprend votre panier du ${day} et émargera à votre nom.`,
      autoAccepted: "La réservation a été validée automatiquement, comme vous l'aviez choisi.",
      contact: (taker: string) => `Pour joindre ${taker}`,
      payment: (total: string) => `Pensez à convenir du paiement (${total}).`,
    },
    reservationDeclined: {
      subject: (day: string, summary: string) => `Réservation non retenue : panier du ${day} (${summary})`,
      preview: (day: string) => `Votre réservation du ${day} n'a pas été retenue`,
      intro: (member: string, day: string) => `${member} n'a pas retenu votre réservation pour le panier du ${day}.`,
      thanks: "Merci d'avoir proposé de le reprendre !",
    },
    reservationNotChosen: {
      subject: (day: string, summary: string) => `Panier du ${day} attribué (${summary})`,
      preview: (day: string) => `Le panier du ${day} a trouvé preneur`,
      intro: (member: string, day: string) => `${member} a validé la réservation d'une autre personne pour le panier du ${day}.`,
      stay: "Vous restez dans la file d'attente : si cette personne se désiste, vous serez prévenu·e.",
      leave: "Vous pouvez quitter la file depuis « Mes paniers échangés » (« Annuler ma réservation »).",
    },
    offerCancelled: {
      subject: (day: string, summary: string) => `Panier du ${day} annulé (${summary})`,
      preview: (member: string) => `${member} ne cède plus son panier`,
      introTaker: (member: string, day: string) =>
        `${member} ne cède plus son panier du ${day} : l'échange est annulé, vous n'avez pas à le récupérer.`,
      introQueue: (member: string, day: string) => `${member} ne cède plus son panier du ${day} : votre réservation est annulée.`,
      reason: (member: string) => `${member} explique :`,
      noReason: (member: string) => `${member} n'a pas précisé de raison.`,
      ics: "Le rendez-vous est retiré de votre agenda (fichier joint).",
    },
    reservationWithdrawn: {
      subject: (intermittent: string, day: string, summary: string) =>
        `${intermittent} a annulé sa réservation — panier du ${day} (${summary})`,
      preview: (intermittent: string) => `${intermittent} a annulé sa réservation`,
      intro: (intermittent: string, day: string) => `${intermittent} a annulé sa réservation pour votre panier du ${day}.`,
      reopened: "Votre panier est de nouveau proposé aux intermittents.",
      promoted: (next: string) =>
        `${next} était la personne suivante dans la file : un autre e-mail vous demande de valider ou refuser sa réservation.`,
      promotedUnnamed:
        "La personne suivante dans la file prend le relais : un autre e-mail vous demande de valider ou refuser sa réservation.",
      none: "Rien d'autre ne change pour votre panier.",
    },
  },
  exchange: exchangeFr,
  links: {
    titles: {
      reserve: "Réserver ce panier ?",
      accept: "Valider cette réservation ?",
      decline: "Refuser cette réservation ?",
      withdraw: "Annuler votre réservation ?",
      unsubscribe: "Quitter la liste des intermittents ?",
      "leave-partner": "Ne plus recevoir les paniers de cette AMAP ?",
    },
    explain: {
      reserve: (member: string) =>
        `Le panier ${ofName(member)} vous sera réservé. ${member} valide ensuite la réservation : vous recevrez un e-mail dès sa réponse.`,
      accept: (who: string) => `${who} prendra votre panier. Vous recevrez chacun·e les coordonnées de l'autre par e-mail.`,
      decline: (who: string) =>
        `${who} sera prévenu·e poliment. La personne suivante dans la file prendra le relais, ou votre panier sera proposé à nouveau.`,
      withdraw: "La personne suivante dans la file sera prévenue, ou le panier sera proposé à nouveau aux intermittents.",
      unsubscribe: (amapName: string) =>
        `Vous ne recevrez plus les paniers ${ofAmap(amapName)}. Vous pourrez vous réinscrire sur sa liste quand vous voudrez.`,
    },
    buttons: {
      reserve: "Réserver",
      accept: "Valider",
      decline: "Refuser",
      withdraw: "Annuler ma réservation",
      unsubscribe: "Se désinscrire",
      "leave-partner": "Ne plus recevoir ses paniers",
    },
    /** The link of a partner AMAP's announcements: stop that AMAP's baskets. */
    leavePartner: {
      title: (amapName: string) => `Ne plus recevoir les paniers ${ofAmap(amapName)} ?`,
      explain: (amapName: string) =>
        `Vous ne recevrez plus les paniers ${ofAmap(amapName)} que personne n'y a réservés. Ceux des autres AMAP partenaires continueront de vous parvenir, et votre inscription sur la liste de votre AMAP ne change pas.`,
      notReceiving: "Vous ne recevez plus les paniers de cette AMAP : il n'y a rien à faire. Vous choisissez les paniers des AMAP partenaires sur votre page d'inscription.",
    },
    hello: (firstName: string) => `Bonjour ${firstName},`,
    nothingYet: "Rien n'est fait tant que vous n'avez pas appuyé sur le bouton.",
    notOnList: (amapName: string) => `Vous n'êtes plus sur la liste des intermittents ${ofAmap(amapName)} : il n'y a rien à faire.`,
    invalidTitle: "Ce lien n'est pas valide",
    invalidBody: "Il a peut-être été mal copié. Rien n'a été modifié.",
    expiredTitle: "Ce lien a expiré",
    expiredBody: "Les liens des e-mails ne marchent que jusqu'au début de la distribution (60 jours pour la désinscription). Rien n'a été modifié.",
    usedTitle: "Ce lien a déjà servi",
    usedBody: "Son action est déjà faite. Rien n'a été modifié de nouveau.",
    foreignTitle: "Ce lien a été envoyé à une autre personne",
    foreignBody:
      "Vous êtes connecté·e sous un autre nom que la personne à qui ce lien a été envoyé. Rien n'a été modifié.",
    wayForward: "Vous pouvez vous connecter pour tout retrouver dans votre espace, ou voir les paniers disponibles.",
    signIn: "Se connecter",
    baskets: "Voir les paniers disponibles",
    doneTitle: "C'est fait",
    outcomes: {
      reserved: "Réservation envoyée : vous recevrez un e-mail dès la réponse.",
      queued: "Vous êtes dans la file d'attente : vous serez prévenu·e si le panier se libère.",
      "accepted-for-you": "C'est à vous : le panier vous est attribué. Un e-mail vous donne tous les détails.",
      accepted: "Réservation validée : vous recevez chacun·e les coordonnées de l'autre par e-mail.",
      declined: "Réservation refusée : la personne est prévenue.",
      withdrawn: "Votre réservation est annulée.",
      unsubscribed: "Vous êtes désinscrit·e de la liste des intermittents. Un e-mail de confirmation vous a été envoyé.",
      "left-partner": "C'est noté : vous ne recevrez plus les paniers de cette AMAP partenaire. Ceux des autres vous parviennent toujours.",
    },
    /** The outcome of an unsubscribe link, on the page of its AMAP's space. */
    unsubscribedFrom: (amapName: string) =>
      `Vous ne recevrez plus les paniers ${ofAmap(amapName)}. Un e-mail de confirmation vous a été envoyé.`,
    oneClickDone: (amapName: string) => `Vous ne recevrez plus les paniers ${ofAmap(amapName)}.`,
    /** What the page says about the state it finds (lib/i18n/link-states-fr.ts). */
    states: linkStatesFr,
  },
  list: listFr,
  /** Joining the list: invitations, public requests, their mails (lib/i18n/join-fr.ts). */
  join: joinFr,
  admin: adminFr,
  devMails: {
    title: "Boîte mail de développement",
    intro:
      "Aucun serveur SMTP n'est configuré (SMTP_URL) : les e-mails sont gardés ici au lieu d'être envoyés.",
    empty: "Aucun message pour le moment.",
    to: "À",
    subject: "Objet",
    date: "Date",
    html: "Version HTML",
    text: "Version texte",
    back: "Tous les messages",
  },
  errors: errorsFr,
  /** Emails of the list and reminders (lib/i18n/mail-fr.ts). */
  mail: mailFr,
  /** The help pages (lib/i18n/help-fr.ts). */
  help: helpFr,
  /** Référent administration, by section (lib/i18n/admin-*-fr.ts). */
  adminCalendar: adminCalendarFr,
  adminMembers: adminMembersFr,
  adminSheet: adminSheetFr,
  /** Emails of the référents' commands (lib/i18n/admin-mail-fr.ts). */
  adminMail: adminMailFr,
  /** Partner AMAPs: the référents' page and its emails (lib/i18n/partners-fr.ts). */
  partners: partnersFr,
  /** A field holding an invisible or control character (lib/i18n/text-fr.ts). */
  text: textFr,
} as const;

export type Catalogue = typeof fr;

// French spaces in every string, and in what every function returns (DESIGN.md §10).
typesetInPlace(fr);
