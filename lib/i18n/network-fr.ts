// The network's administrator's page (/reseau), in French. Kept apart from
// fr.ts so catalogues grow side by side.

import { typesetInPlace } from "@/lib/domain/french";
import { ofAmap } from "./grammar";

export const networkFr = {
  title: "Le réseau",
  intro: "Les AMAP hébergées par cet espace, leurs chiffres du mois, et la création d'une AMAP.",
  month: "Mois",
  showMonth: "Afficher",
  table: {
    caption: (month: string) => `Les AMAP du réseau, chiffres de ${month}`,
    amap: "AMAP",
    members: "Amapiens",
    intermittents: "Intermittents",
    offered: "Paniers proposés",
    exchanged: "Échangés",
    lost: "Perdus",
    state: "État",
    open: "Ouverte",
    suspended: "Suspendue",
    suspend: "Suspendre",
    reopen: "Rouvrir",
    none: "Aucune AMAP pour l'instant.",
  },
  create: {
    title: "Créer une AMAP",
    submit: "Créer l'AMAP",
    fields: {
      name: ["Nom de l'AMAP", "Tel que les membres le lisent, par exemple « AMAP des Tilleuls »."],
      slug: ["Adresse de son espace", "Lettres minuscules, chiffres et tirets : l'espace sera /tilleuls/paniers. Elle ne change plus ensuite."],
      referentEmails: ["Premiers référents", "Une à cinq adresses e-mail, séparées par des virgules ou des retours à la ligne. Chacun·e reçoit un e-mail de bienvenue avec son lien de connexion."],
    } as Record<string, [string, string]>,
    created: (name: string, path: string) => `${name} est créée : son espace est ${path}. Les premiers référents sont prévenus par e-mail.`,
    invalid: "Vérifiez les champs signalés.",
    slugTaken: "Cette adresse est déjà celle d'une autre AMAP : choisissez-en une autre.",
  },
  welcome: {
    subject: (amapName: string) => `Bienvenue : vous êtes référent·e ${ofAmap(amapName)}`,
    preview: "Votre espace de référent·e est prêt",
    greeting: "Bonjour,",
    hello: (firstName: string) => `Bonjour ${firstName},`,
    body: (amapName: string) =>
      `L'espace intermittents ${ofAmap(amapName)} vient d'être créé, et vous en êtes référent·e : vous tenez la liste des intermittents, le calendrier des distributions et les amapiens.`,
    space: "L'adresse de l'espace, à donner aux membres :",
    button: "Me connecter et commencer",
    validity: "Ce lien vous connecte directement. Il est valable 24 heures et ne sert qu'une fois ; ensuite, demandez un lien sur la page de connexion avec cette adresse e-mail.",
    fallback: "Si le bouton ne marche pas, copiez cette adresse dans votre navigateur :",
  },
  suspended: "L'AMAP est suspendue : son espace n'est plus accessible.",
  reopened: "L'AMAP est rouverte.",
  notAllowed: "Seul·e l'administrateur·rice du réseau peut faire cela.",
  notFound: "Cette AMAP n'existe pas.",
} as const;

// French spaces in every string, and in what every function returns (DESIGN.md §10).
typesetInPlace(networkFr);
