// Joining the intermittents list: invitations (« Inscrire une autre
// personne »), the public request (« Devenir intermittent·e »), its mails and
// the référents' decision. A section of the French catalogue (`fr.join` in
// lib/i18n/fr.ts), in a module of its own so a client component ships only
// these strings. Typography: typesetInPlace (lib/domain/french.ts) sets the
// no-break spaces before « ? ! : ; » and inside « … »; « d'Alice » before a
// vowel (ofName).
import { typesetInPlace } from "@/lib/domain/french";
import { ofAmap, ofName } from "./grammar";

export { ofAmap } from "./grammar";

const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

export const joinFr = {
  /** Where the way in is shown: the header, the signed-out home page, /paniers. */
  cta: "Devenir intermittent·e",
  homeInvite: "Vous n'êtes pas amapien·ne mais aimeriez reprendre un panier de temps en temps ? Inscrivez-vous sur la liste des intermittents.",
  notOnListLink: "S'inscrire sur la liste des intermittents",
  /** The référent's home page. */
  toReview: (n: number) => plural(n, "demande à examiner", "demandes à examiner"),

  invite: {
    intro:
      "Un·e ami·e, un·e voisin·e aimerait prendre des paniers de temps en temps ? Indiquez son adresse : nous lui envoyons une invitation, et la personne ne rejoint la liste que si elle l'accepte.",
    submit: "Envoyer l'invitation",
    /** The same sentence for every address: known, already on the list, new. */
    sent:
      "C'est noté. Si cette adresse peut recevoir une invitation, un e-mail lui propose de rejoindre la liste des intermittents ; la personne n'y sera inscrite que si elle l'accepte.",
    tooMany: (limit: number) =>
      `Vous avez déjà envoyé ${limit} invitations aujourd'hui : c'est le maximum par jour. Réessayez demain.`,
    notMember: "Seuls les amapiens et les référents peuvent inviter une autre personne.",
  },

  invitationPage: {
    title: (inviter: string, amapName: string) =>
      `${inviter} vous propose de rejoindre la liste des intermittents ${ofAmap(amapName)}`,
    hello: (firstName: string) => `Bonjour ${firstName},`,
    explain:
      "Sur la liste, vous recevez un e-mail chaque fois qu'un·e amapien·ne absent·e propose son panier : vous le réservez si vous voulez, le récupérez à la distribution et le réglez directement à l'amapien·ne. Aucune obligation.",
    nothingYet: "Rien n'est fait tant que vous n'avez pas appuyé sur un bouton.",
    accept: "Rejoindre la liste",
    decline: "Non merci",
    declineNote: "« Non merci » : personne ne pourra vous réinviter avant 90 jours.",
    joinedTitle: "Bienvenue sur la liste des intermittents",
    joinedBody: "C'est fait. Un e-mail de bienvenue vous explique comment réserver un panier, et comment quitter la liste.",
    declinedTitle: "C'est noté",
    declinedBody: "Vous n'êtes pas inscrit·e, et personne ne pourra vous réinviter avant 90 jours.",
    invalidTitle: "Cette invitation n'est pas valide",
    invalidBody: "Le lien a peut-être été mal copié. Rien n'a été modifié.",
    expiredTitle: "Cette invitation a expiré",
    expiredBody: "Une invitation vaut 30 jours. Rien n'a été modifié ; vous pouvez toujours demander à rejoindre la liste.",
    acceptedTitle: "Cette invitation a déjà servi",
    acceptedBody: "Vous êtes inscrit·e sur la liste des intermittents.",
    onListTitle: "Vous êtes déjà sur la liste",
    onListBody: "Vous êtes déjà inscrit·e sur la liste des intermittents : il n'y a rien à faire.",
    baskets: "Voir les paniers disponibles",
    request: "Demander à rejoindre la liste",
  },

  invitationMail: {
    subject: (inviter: string, amapName: string) =>
      `${inviter} vous propose de rejoindre la liste des intermittents ${ofAmap(amapName)}`,
    preview: (inviter: string) => `Une invitation ${ofName(inviter)} : à vous de voir`,
    meaning:
      "Sur cette liste, on reçoit un e-mail chaque fois qu'un·e amapien·ne absent·e propose son panier ; on le réserve si on veut, on le récupère à la distribution et on le règle directement. Aucune obligation.",
    button: "Voir l'invitation",
    onlyIf: "Vous ne serez inscrit·e que si vous appuyez sur « Rejoindre la liste », sur la page de l'invitation.",
    ignore:
      "Pas intéressé·e ? Ignorez ce message, ou choisissez « Non merci » : personne ne pourra vous réinviter avant 90 jours. L'invitation vaut 30 jours.",
  },

  request: {
    doneTitle: "Demande envoyée",
    doneBody:
      "Merci ! Votre demande est enregistrée, et un e-mail vous le confirme. Un·e référent·e de l'AMAP l'examine et vous répondra par e-mail.",
    back: "Retour à l'accueil",
  },

  requestReceivedMail: {
    subject: (amapName: string) => `Votre demande pour la liste des intermittents — ${amapName}`,
    preview: "Votre demande est bien arrivée",
    intro: (amapName: string) =>
      `Votre demande d'inscription sur la liste des intermittents ${ofAmap(amapName)} est bien arrivée. Merci !`,
    next: "Un·e référent·e l'examine et vous répondra par e-mail : si elle est acceptée, vous recevrez un e-mail à chaque panier disponible.",
    notYou: "Vous n'avez rien demandé ? Ignorez ce message, ou écrivez aux référents : ",
  },

  requestToDecideMail: {
    subject: (applicant: string) => `Demande d'inscription comme intermittent·e : ${applicant}`,
    preview: (applicant: string) => `${applicant} demande à rejoindre la liste`,
    intro: (applicant: string) => `${applicant} demande à rejoindre la liste des intermittents.`,
    email: "E-mail : ",
    phone: "Téléphone : ",
    message: (applicant: string) => `Le mot ${ofName(applicant)} :`,
    button: "Accepter ou refuser",
    why: "Vous recevez ce message parce que vous êtes référent·e de l'AMAP.",
  },

  refusedMail: {
    reason: "Les référents précisent :",
  },

  admin: {
    refuseReason: "Raison transmise à la personne (facultatif)",
    hiddenFromAddress: (n: number) =>
      n === 1
        ? "1 autre demande, plus ancienne, venue de la même adresse IP n'est pas affichée."
        : `${n} autres demandes, plus anciennes, venues de la même adresse IP ne sont pas affichées.`,
  },
} as const;

// French spaces in every string, and in what every function returns (DESIGN.md §10).
typesetInPlace(joinFr);
