// What `npm run backup` and `npm run restore` say, in the terminal of whoever
// runs the server. A section of the French catalogue of its own: only the
// scripts and db/backup read it.

const size = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });

/** "812 octets", "45,2 ko", "12,3 Mo". */
import { typesetInPlace } from "@/lib/domain/french";
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} octets`;
  if (bytes < 1024 * 1024) return `${size.format(bytes / 1024)} ko`;
  return `${size.format(bytes / 1024 / 1024)} Mo`;
}

const kindName = { postgres: "Postgres", pglite: "embarquée (PGlite)" } as const;
type Kind = keyof typeof kindName;

export const backupFr = {
  backupUsage: [
    "Usage : npm run backup -- <fichier>",
    "Écrit une sauvegarde de la base configurée (Postgres si DATABASE_URL est défini, sinon la base embarquée) dans <fichier>, lisible par vous seul.",
  ].join("\n"),
  restoreUsage: [
    "Usage : npm run restore -- <fichier> [--force]",
    "Remplace le contenu de la base configurée par la sauvegarde <fichier>. Arrêtez d'abord l'application et les workers.",
    "Une base qui n'est pas vide n'est remplacée qu'avec --force.",
  ].join("\n"),
  backedUp: (file: string, bytes: number, kind: Kind) => `Sauvegarde de la base ${kindName[kind]} écrite dans ${file} (${formatBytes(bytes)}).`,
  restored: (file: string, kind: Kind) =>
    `Base ${kindName[kind]} restaurée depuis ${file}. Redémarrez l'application : les migrations manquantes s'appliqueront au démarrage.`,
  movedAside: (dir: string) => `L'ancienne base embarquée est gardée dans ${dir} : supprimez-la quand la restauration vous convient.`,
  replaced: "L'ancien contenu de la base (schémas public et drizzle) a été effacé.",
  refusals: {
    fileExists: (file: string) => `Le fichier ${file} existe déjà : une sauvegarde n'en remplace jamais une autre. Choisissez un autre nom.`,
    noFolder: (dir: string) => `Le dossier ${dir} n'existe pas.`,
    fileMissing: (file: string) => `Le fichier ${file} est introuvable.`,
    notABackup: (file: string) =>
      `${file} n'est pas une sauvegarde de l'Espace intermittents (ni un pg_dump au format « custom », ni une base embarquée).`,
    pgliteFileForPostgres: (file: string) =>
      `${file} est une sauvegarde de la base embarquée, mais DATABASE_URL désigne une base Postgres : restaurez-la sans DATABASE_URL.`,
    postgresFileForPglite: (file: string) =>
      `${file} est une sauvegarde Postgres (pg_dump), mais DATABASE_URL n'est pas défini : indiquez dans DATABASE_URL la base Postgres où la restaurer.`,
    databaseNotEmpty: (name: string, objects: number) =>
      `La base ${name} n'est pas vide (${objects} tables ou séquences) : la restauration effacerait son contenu. ` +
      `Restaurez dans une base neuve (createdb), ou ajoutez --force pour l'effacer.`,
    folderNotEmpty: (dir: string) =>
      `Le dossier ${dir} contient déjà une base : la restauration la remplacerait. ` +
      `Ajoutez --force pour la remplacer (l'ancienne sera gardée à côté).`,
    noEmbeddedDatabase: (dir: string) => `Aucune base embarquée dans ${dir} : rien à sauvegarder.`,
    inMemory: "La base embarquée est en mémoire (PGLITE_DIR=memory://) : il n'y a rien à sauvegarder ni à remplacer.",
    inUse: (detail: string) => detail,
    toolMissing: (tool: string) =>
      `${tool} est introuvable : installez les outils clients de Postgres (paquet postgresql-client), ` +
      `de la même version majeure que le serveur ou plus récente.`,
    unreadable: (file: string, detail: string) =>
      `La sauvegarde ${file} n'a pas pu être relue (${detail}) : la base embarquée n'a pas été modifiée.`,
    toolFailed: (tool: string, detail: string) => `${tool} a échoué : ${detail || "sans message"}`,
  },
} as const;

// French spaces in every string, and in what every function returns (DESIGN.md §10).
typesetInPlace(backupFr);
