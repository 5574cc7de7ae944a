// An AMAP's space lives under /<slug>/… (/tilleuls/paniers). The slug is the
// first segment of the path unless that segment is one of the application's
// own: those, and Next's, can never be a slug (a new AMAP's slug is checked
// against them, and migration 0005 gave « mon-amap » to a name that was one).

/** The application's top-level segments (app/), and what Next and browsers ask for. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  "absence",
  "admin",
  "aide",
  "api",
  "compte",
  "connexion",
  "dev",
  "devenir-intermittent",
  "inscription",
  "invitation",
  "lien",
  "mentions-legales",
  "mes-paniers",
  "paniers",
  "reseau",
  "favicon.ico",
  "icon.svg",
  "robots.txt",
  "sitemap.xml",
  "manifest.webmanifest",
  "_next",
]);

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const MAX_SLUG_LENGTH = 40;

/** A slug an AMAP may take: lower-case letters, digits and single dashes, not one of the application's paths. */
export function isValidSlug(slug: string): boolean {
  return slug.length <= MAX_SLUG_LENGTH && SLUG.test(slug) && !RESERVED_SLUGS.has(slug);
}

/**
 * « /tilleuls/paniers » → { slug: "tilleuls", rest: "/paniers" }; « /tilleuls » →
 * rest "/"; null when the path does not start with a possible slug (« /paniers »,
 * « /_next/… », « / »).
 */
export function splitAmapPath(pathname: string): { slug: string; rest: string } | null {
  const match = /^\/([^/]+)(\/.*)?$/.exec(pathname);
  if (!match) return null;
  const slug = match[1]!;
  if (!isValidSlug(slug)) return null;
  return { slug, rest: match[2] ?? "/" };
}

/** The path of a page in an AMAP's space: amapPath("tilleuls", "/paniers?offre=3") → « /tilleuls/paniers?offre=3 ». */
export function amapPath(slug: string, path: string): string {
  return path === "/" ? `/${slug}` : `/${slug}${path.startsWith("/") ? path : `/${path}`}`;
}

/** Set by proxy.ts on a request under /<slug>/… (and removed from any other: a client cannot name it). */
export const AMAP_HEADER = "x-espace-amap";
/** The AMAP whose space the browser visited last: the short paths (/paniers…) go back to it. */
export const AMAP_COOKIE = "espace-amap";

/**
 * The first segments of the pages that live inside an AMAP's space (its
 * calendar, list, exchanges, help and join form). The others are the
 * deployment's own (/connexion, /compte, /lien/…, /invitation/…, /reseau,
 * /api/…, /dev/…) and never take a slug.
 */
const SPACE_SEGMENTS: ReadonlySet<string> = new Set(["absence", "admin", "aide", "devenir-intermittent", "inscription", "mes-paniers", "paniers"]);

/**
 * A page's own link as it should read in the AMAP `slug` the page was
 * reached through (/<slug>/…): an in-space path takes the slug
 * (« /mes-paniers?ok=1 » → « /marche/mes-paniers?ok=1 », « / » → « /marche »);
 * anything else — a short page reached without a slug (slug null), a
 * deployment page, an anchor, an external or already prefixed address — is
 * left as it is.
 */
export function spaceHref(slug: string | null, href: string): string {
  if (!slug || !href.startsWith("/") || href.startsWith("//")) return href;
  const first = /^\/([^/?#]*)/.exec(href)![1]!;
  if (first === "") return `/${slug}${href.slice(1)}`;
  return SPACE_SEGMENTS.has(first) ? `/${slug}${href}` : href;
}
