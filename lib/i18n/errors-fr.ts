// What a user reads when something fails. A section of the French catalogue (`fr.errors` in
// lib/i18n/fr.ts), in a module of its own so that a client component ships
// these strings only, not the whole catalogue.

export const errorsFr = {
  notFoundTitle: "Page introuvable",
  notFoundBody: "Cette page n'existe pas ou n'existe plus.",
  genericTitle: "Un problème est survenu",
  genericBody: "Réessayez dans un instant. Si cela recommence, prévenez les référents de l'AMAP.",
  retry: "Réessayer",
  backHome: "Retour à l'accueil",
  /** A server action failed for a reason of ours (database restarting, lost connection…). */
  actionFailed: "Le service est momentanément indisponible : votre demande n'a pas pu aboutir. Réessayez dans un instant.",
} as const;
