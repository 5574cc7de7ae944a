"use client";
// The pages' own links stay in the AMAP the visitor is in: on a page reached
// through /<slug>/… (/marche/paniers), a link to an in-space page
// (/mes-paniers) reads /marche/mes-paniers; on a short address (/paniers) it
// stays short, served in the AMAP visited last (proxy.ts). The slug is read
// from the browser's address, so it follows every client-side navigation.
// A drop-in for next/link: `import Link from "@/components/space-link"`.
import NextLink from "next/link";
import { usePathname } from "next/navigation";
import type { ComponentProps } from "react";
import { spaceHref, splitAmapPath } from "@/lib/domain/amap-path";

/** The slug of the AMAP whose address the browser shows, or null on a short address. */
export function useSpaceSlug(): string | null {
  return splitAmapPath(usePathname() ?? "/")?.slug ?? null;
}

/** `href` as this page should link to it (spaceHref). */
export function useSpaceHref(href: string): string {
  return spaceHref(useSpaceSlug(), href);
}

type Props = Omit<ComponentProps<typeof NextLink>, "href"> & { href: string };

export default function SpaceLink({ href, ...rest }: Props) {
  return <NextLink href={useSpaceHref(href)} {...rest} />;
}
