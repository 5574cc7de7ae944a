import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import Link, { SpaceProvider } from "@/components/space-link";
import { AMAP_HEADER } from "@/lib/domain/amap-path";
import type { ReactNode } from "react";
import { navItemsFor } from "@/components/nav";
import { SiteHeader } from "@/components/site-header";
import { fr } from "@/lib/i18n/fr";
import { getViewer } from "@/lib/server/auth/auth";
import { isDevMailbox } from "@/lib/env";
import { getRequestSettings } from "@/lib/server/core/request-amap";
import { signOutAction } from "./connexion/actions";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: fr.app.name, template: `%s — ${fr.app.name}` },
  description: fr.app.tagline,
};

// Every page shows who is signed in and the AMAP's settings: nothing is
// prerendered at build time, when there is no database to read (db/client.ts).
export const dynamic = "force-dynamic";

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#2f6b3a" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();
  const settings = await getRequestSettings(viewer?.userId);
  // Set by proxy.ts on /<slug>/… only; an unknown AMAP's was a 404 above.
  const slug = (await headers()).get(AMAP_HEADER);
  return (
    <html lang="fr">
      <body className="min-h-dvh">
        <SpaceProvider slug={slug}>
          <SiteHeader
            amapName={settings.amapName}
            items={navItemsFor(viewer?.roles ?? null, viewer?.isNetworkAdmin ?? false)}
            userName={viewer?.displayName ?? null}
            signOutAction={signOutAction}
          />
          <main id="contenu" className="mx-auto max-w-3xl px-4 py-6">
            {children}
          </main>
          {isDevMailbox() ? (
            <footer className="mx-auto max-w-3xl px-4 pb-8 text-sm text-muted">
              <Link href="/dev/mails" className="inline-flex min-h-11 items-center underline">
                {fr.nav.devMails}
              </Link>
            </footer>
          ) : null}
        </SpaceProvider>
      </body>
    </html>
  );
}
