// Every string a user reads, in French, in one place (DESIGN.md §2), so an
// English catalogue can be added later. Words are the ones AMAP members use.
// Pure data and small formatters: safe to import from pages, components and
// emails alike.

export const fr = {
  app: {
    name: "Espace intermittents",
    tagline: "Ne perdez plus un panier : cédez-le, réservez-le, en quelques gestes.",
  },
  nav: {
    home: "Accueil",
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
  signIn: {
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
  },
  emails: {
    footer: (amapName: string) => `${amapName} — Espace intermittents`,
    signIn: {
      subject: (amapName: string) => `Votre lien de connexion — ${amapName}`,
      preview: "Votre lien pour entrer dans l'espace intermittents",
      greeting: "Bonjour,",
      body: "Pour vous connecter à l'espace intermittents, utilisez le bouton ci-dessous. Le lien est valable 24 heures et ne sert qu'une fois.",
      button: "Me connecter",
      fallback: "Si le bouton ne marche pas, copiez cette adresse dans votre navigateur :",
      ignore: "Vous n'avez rien demandé ? Ignorez ce message : personne ne peut se connecter sans ce lien.",
    },
  },
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
  errors: {
    notFoundTitle: "Page introuvable",
    notFoundBody: "Cette page n'existe pas ou n'existe plus.",
    genericTitle: "Un problème est survenu",
    genericBody: "Réessayez dans un instant. Si cela recommence, prévenez les référents de l'AMAP.",
    retry: "Réessayer",
    backHome: "Retour à l'accueil",
  },
} as const;

export type Catalogue = typeof fr;
