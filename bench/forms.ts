// A browser without JavaScript, for the rush and capacity parts: find a form
// on a page by its button's label, keep its hidden fields (the server
// action's own — `$ACTION_ID_…`, or `$ACTION_REF_n` / `$ACTION_n:0` /
// `$ACTION_KEY` for a form of useActionState — and the ids the page put
// there), add what a person would fill in, and post it as multipart form
// data, each request on a connection of its own. What a page says is read
// from its HTML with a few regular expressions: the bench knows the forms it
// looks for, a full HTML parser would add nothing here.
import http from "node:http";

export type PageForm = {
  /** Hidden fields and the named button's, in page order, values decoded. */
  hidden: [string, string][];
  /** The names of the other fields (checkboxes, text, email…), for the caller to fill. */
  named: string[];
  /** The form's text, tags removed (button labels included). */
  text: string;
};

const ENTITIES: Record<string, string> = { quot: '"', amp: "&", lt: "<", gt: ">", apos: "'", nbsp: "\u00a0" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === "#") return String.fromCodePoint(code[1] === "x" || code[1] === "X" ? parseInt(code.slice(2), 16) : Number(code.slice(1)));
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? decodeEntities(match[1]!) : null;
}

/** The forms inside <main> (the header has forms of its own: « Se déconnecter »). */
export function formsOf(html: string): PageForm[] {
  const main = html.slice(Math.max(0, html.indexOf("<main")));
  return [...main.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)].map((m) => {
    const body = m[1]!;
    const hidden: [string, string][] = [];
    const named: string[] = [];
    for (const input of body.matchAll(/<(input|textarea|select|button)\b[^>]*>/g)) {
      const name = attribute(input[0], "name");
      if (!name) continue;
      // A named button sends its value when pressed: the forms looked for here have one button.
      const sent = input[1] === "button" || (input[1] === "input" && attribute(input[0], "type") === "hidden");
      if (sent) hidden.push([name, attribute(input[0], "value") ?? ""]);
      else if (!named.includes(name)) named.push(name);
    }
    return { hidden, named, text: decodeEntities(body.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ").trim() };
  });
}

/** The form whose text has `label` (a button's), or an error that says what the page had. */
export function formWith(html: string, label: string, where: string): PageForm {
  const forms = formsOf(html);
  const form = forms.find((f) => f.text.includes(label));
  if (!form) throw new Error(`${where}: no form with « ${label} » (forms: ${forms.map((f) => f.text.slice(0, 60)).join(" | ") || "none"})`);
  return form;
}

export type Answer = { status: number; location: string; ms: number; body: string };

/** One request on a connection of its own (`agent: false`), as a separate browser would. */
export function request(url: string, options: { cookie?: string; fields?: [string, string][] } = {}): Promise<Answer> {
  const target = new URL(url);
  const boundary = "----banc" + Math.random().toString(36).slice(2);
  const body = options.fields
    ? Buffer.from(
        options.fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") +
          `--${boundary}--\r\n`,
      )
    : null;
  const headers: http.OutgoingHttpHeaders = { "accept-encoding": "identity" };
  if (options.cookie) headers.cookie = options.cookie;
  if (body) Object.assign(headers, { origin: target.origin, "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": body.length });
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(target, { method: body ? "POST" : "GET", agent: false, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (c: Buffer) => chunks.push(c));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          location: response.headers.location ?? "",
          ms: performance.now() - t0,
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
      response.on("error", reject);
    });
    req.on("error", reject);
    req.end(body ?? undefined);
  });
}
