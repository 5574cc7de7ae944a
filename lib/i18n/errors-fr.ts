// What a user reads when something fails. A section of the French catalogue (`fr.errors` in
// lib/i18n/fr.ts), in a module of its own so that a client component ships
// these strings only, not the whole catalogue.

import { typesetInPlace } from "@/lib/domain/french";
export const errorsFr = {
  notFoundTitle: "Page introuvable",
  notFoundBody: "Cette page n'existe pas ou n'existe plus.",
  genericTitle: "Un problème est survenu",
  genericBody: "Réessayez dans un instant. Si cela recommence, prévenez les référents de l'AMAP.",
  retry: "Réessayer",
  backHome: "Retour à l'accueil",
  /** A server action failed for a reason of ours (database restarting, lost connection…). */
  /** The page answered with status 503 while the database does not answer. */
  unavailableTitle: "Service momentanément indisponible",
  unavailableBody: "L'Espace intermittents ne peut pas lire ses données pour le moment. Réessayez dans un instant : rien de ce que vous avez fait n'est perdu.",
  actionFailed: "Le service est momentanément indisponible : votre demande n'a pas pu aboutir. Réessayez dans un instant.",
} as const;

// French spaces in every string, and in what every function returns (DESIGN.md §10).
typesetInPlace(errorsFr);
