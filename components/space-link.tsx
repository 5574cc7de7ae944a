"use client";
// The pages' own links stay in the AMAP the visitor is in: on a page reached
// through /<slug>/… (/marche/paniers), a link to an in-space page
// (/mes-paniers) reads /marche/mes-paniers; on a short address (/paniers) it
// stays short, served in the AMAP visited last (proxy.ts). In the browser the
// slug is read from its address, so it follows every client-side navigation;
// on the server, which renders the page without its slug (next.config.ts's
// rewrite), from the request's AMAP header that the layout hands to
// SpaceProvider. Both give the same slug for the same address, so the
// server's HTML and the browser's first render agree.
// A drop-in for next/link: `import Link from "@/components/space-link"`.
// NOTE: a link to another AMAP's space is a plain <a> (a whole page load):
// the root layout (the AMAP's name, the menu by roles) is not rendered again
// on a client-side navigation, and Next's client cache keys a page by the
// route it is served by (/devenir-intermittent), not by its address, so it
// may show the other AMAP's page it already holds.
import NextLink from "next/link";
import { usePathname } from "next/navigation";
import { createContext, useContext, type ComponentProps, type ReactNode } from "react";
import { spaceHref, splitAmapPath } from "@/lib/domain/amap-path";

const ServerSlug = createContext<string | null>(null);

/** The slug of the AMAP the request came through (/<slug>/…), for the server's render. */
export function SpaceProvider({ slug, children }: { slug: string | null; children: ReactNode }) {
  return <ServerSlug value={slug}>{children}</ServerSlug>;
}

/** The slug of the AMAP whose address the page is at, or null on a short address. */
export function useSpaceSlug(): string | null {
  const serverSlug = useContext(ServerSlug);
  const pathname = usePathname();
  if (typeof window === "undefined") return serverSlug;
  return splitAmapPath(pathname ?? "/")?.slug ?? null;
}

/** `href` as this page should link to it (spaceHref). */
export function useSpaceHref(href: string): string {
  return spaceHref(useSpaceSlug(), href);
}

type Props = Omit<ComponentProps<typeof NextLink>, "href"> & { href: string };

export default function SpaceLink({ href, ...rest }: Props) {
  return <NextLink href={useSpaceHref(href)} {...rest} />;
}
