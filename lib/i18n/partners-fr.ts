// Partner AMAPs (DESIGN.md §11): the référents' page /admin/partenaires, its
// refusals, and the four emails between the two AMAPs' référents. Kept apart
// from fr.ts so catalogues grow side by side.

import { typesetInPlace } from "@/lib/domain/french";
import { ofAmap } from "./grammar";

const isAmapName = (name: string) => /^amap\b/i.test(name.trim());
/** « L'AMAP des Tilleuls » at the head of a sentence; another name as it is. */
const theAmap = (name: string) => (isAmapName(name) ? `L'${name}` : name);
/** « à l'AMAP du Marché ». */
const toAmap = (name: string) => (isAmapName(name) ? `à l'${name}` : `à ${name}`);
/** « avec l'AMAP du Marché ». */
const withAmap = (name: string) => (isAmapName(name) ? `avec l'${name}` : `avec ${name}`);

/** What a partnership means, in one sentence (the page and the emails). */
const meaning = (hours: number) =>
  `Un panier que personne n'a réservé ${hours} h après son annonce est proposé aux intermittents des AMAP partenaires qui l'ont choisi.`;

export const partnersFr = {
  /** Entry of the /admin index: [label, description], as fr.admin.sections. */
  section: ["AMAP partenaires", "Partager vos intermittents avec d'autres AMAP : proposer, accepter, mettre fin."],
  title: "AMAP partenaires",
  meaning,
  optIn: "Vos intermittents choisissent sur la page « Inscription » s'ils reçoivent aussi les paniers de vos AMAP partenaires.",
  partners: {
    title: "Vos AMAP partenaires",
    none: "Aucune AMAP partenaire pour l'instant.",
    since: (date: string) => `Partenaires depuis le ${date}`,
    suspended: "Son espace est suspendu : ses paniers et les vôtres ne circulent plus entre vous.",
    end: "Mettre fin au partenariat",
    endConfirm: (name: string) => `Mettre fin au partenariat ${withAmap(name)}`,
    endHint: "Vos paniers ne sont plus proposés à ses intermittents, ni les siens aux vôtres. Ses référents sont prévenus par e-mail.",
  },
  received: {
    title: "Demandes reçues",
    none: "Aucune demande en attente.",
    from: (name: string, date: string) => `${theAmap(name)} vous le propose depuis le ${date}.`,
    accept: "Accepter",
    refuse: "Refuser",
    acceptLabel: (name: string) => `Accepter le partenariat ${withAmap(name)}`,
    refuseLabel: (name: string) => `Refuser le partenariat ${withAmap(name)}`,
  },
  sent: {
    title: "Demandes envoyées",
    none: "Aucune demande envoyée en attente.",
    to: (name: string, date: string) => `Proposé ${toAmap(name)} le ${date}, en attente de sa réponse.`,
    withdraw: "Retirer la demande",
    withdrawLabel: (name: string) => `Retirer la demande faite ${toAmap(name)}`,
  },
  ask: {
    title: "Proposer un partenariat",
    intro: "Les référents de l'AMAP choisie reçoivent votre proposition par e-mail ; vous devenez partenaires quand l'un·e d'eux l'accepte.",
    field: "AMAP",
    choose: "Choisissez une AMAP",
    submit: "Proposer le partenariat",
    none: "Aucune autre AMAP à qui le proposer : elles sont toutes partenaires, ou une demande est en cours.",
  },
  /** What the page says after an action (the card it was on is gone). */
  done: {
    requested: "Proposition envoyée : les référents de l'autre AMAP sont prévenus par e-mail.",
    acceptedTheirs: "Cette AMAP vous l'avait déjà proposé : vous êtes maintenant partenaires. Ses référents sont prévenus.",
    accepted: "Vous êtes maintenant partenaires. Les référents de l'autre AMAP sont prévenus par e-mail.",
    refused: "Demande refusée. Les référents de l'autre AMAP sont prévenus par e-mail.",
    withdrawn: "Demande retirée.",
    ended: "Le partenariat a pris fin. Les référents de l'autre AMAP sont prévenus par e-mail.",
  },
  refusals: {
    not_referent: "Seuls les référents de l'AMAP peuvent gérer ses partenariats.",
    amap_not_found: "Cette AMAP n'existe pas, ou son espace est suspendu.",
    self: "Une AMAP ne peut pas être sa propre partenaire.",
    already_partners: "Vos deux AMAP sont déjà partenaires.",
    already_requested: "Une demande de partenariat est déjà en cours entre vos deux AMAP.",
    not_found: "Cette demande ou ce partenariat n'existe pas.",
    not_pending: "Cette demande n'est plus en attente : elle a déjà été acceptée, refusée ou retirée.",
    not_live: "Ce partenariat a déjà pris fin.",
  },
  emails: {
    whatItMeans: (hours: number) => meaning(hours),
    optIn: "Vos intermittents qui le souhaitent choisissent, sur la page « Inscription », de recevoir aussi les paniers des AMAP partenaires.",
    replyTo: (name: string) => `Pour en parler, répondez à cet e-mail : votre réponse ira ${toAmap(name)}.`,
    button: "Voir les AMAP partenaires",
    why: (ours: string) => `Vous recevez cet e-mail parce que vous êtes référent·e ${ofAmap(ours)}.`,
    requested: {
      subject: (theirs: string) => `${theAmap(theirs)} vous propose d'être partenaires`,
      preview: "Une proposition de partenariat à accepter ou refuser",
      body: (theirs: string, ours: string) => `${theAmap(theirs)} propose ${toAmap(ours)} de devenir partenaires.`,
      decide: "Un·e référent·e de votre AMAP peut accepter ou refuser la proposition sur la page des AMAP partenaires.",
      button: "Répondre à la proposition",
    },
    accepted: {
      subject: (theirs: string) => `${theAmap(theirs)} a accepté : vous êtes partenaires`,
      preview: "Votre proposition de partenariat est acceptée",
      body: (theirs: string, ours: string) => `${theAmap(theirs)} a accepté la proposition ${ofAmap(ours)} : vos deux AMAP sont maintenant partenaires.`,
    },
    refused: {
      subject: (theirs: string) => `${theAmap(theirs)} a refusé le partenariat`,
      preview: "Votre proposition de partenariat est refusée",
      body: (theirs: string, ours: string) => `${theAmap(theirs)} a refusé la proposition de partenariat ${ofAmap(ours)}. Vos AMAP ne partagent pas leurs intermittents.`,
    },
    ended: {
      subject: (theirs: string) => `${theAmap(theirs)} a mis fin au partenariat`,
      preview: "Votre partenariat a pris fin",
      body: (theirs: string, ours: string) =>
        `${theAmap(theirs)} a mis fin à son partenariat ${withAmap(ours)}. Les paniers de vos deux AMAP ne sont plus proposés aux intermittents de l'autre.`,
    },
  },
} as const;

// French spaces in every string, and in what every function returns (DESIGN.md §10).
typesetInPlace(partnersFr);
