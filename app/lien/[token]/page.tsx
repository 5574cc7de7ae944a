import type { Metadata } from "next";
import { cache } from "react";
import { getViewer } from "@/lib/server/auth/auth";
import { describeLink } from "@/lib/server/links/link-actions";
import { LinkPageBody, linkPageTitle } from "./link-view";

type Props = { params: Promise<{ token: string }> };

// Read once per request, for the title and for the page.
const describe = cache(async (token: string) => describeLink(token, await getViewer()));

/** Titled like its heading (the layout adds « — Espace intermittents » once). */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { token } = await params;
  return { title: linkPageTitle(await describe(decodeURIComponent(token))), robots: { index: false } };
}

/**
 * An email link. Opening it (GET, HEAD — mail scanners prefetch links)
 * changes nothing: it reads where things stand, then asks for confirmation
 * when the action still applies; only the button acts.
 */
export default async function LinkPage({ params }: Props) {
  const token = decodeURIComponent((await params).token);
  return <LinkPageBody view={await describe(token)} token={token} />;
}
