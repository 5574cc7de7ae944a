import "server-only";
// One react-email element → the HTML and plain-text bodies of one message.
import { render } from "@react-email/render";
import type { ReactElement } from "react";

export async function renderMail(element: ReactElement): Promise<{ html: string; text: string }> {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}
