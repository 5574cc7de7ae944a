"use client";
// The CSV import, in two steps on one page: "Vérifier" reads a file (or
// pasted text) and shows each line's result without writing anything;
// "Importer les lignes valides" sends the same text back, kept in a hidden
// field, and imports. Works without JavaScript.
import { useActionState } from "react";
import { adminMembersFr } from "@/lib/i18n/admin-members-fr";
import { Alert, Button } from "./ui";

/** One line of the preview; each message names the column it is about, if any. */
export type ImportPreviewRow = { line: number; who: string; what: string; ok: boolean; messages: { column: string | null; text: string }[] };

export type ImportState =
  | { status: "idle" }
  | { status: "error"; message: string; csv: string }
  | { status: "preview"; csv: string; summary: string; notes: string[]; rows: ImportPreviewRow[]; /** Why there is nothing to import; null when there is. */ blocked: string | null }
  | { status: "done"; csv: string; message: string };

type Props = { action: (state: ImportState, formData: FormData) => Promise<ImportState>; listHref: string };

const t = adminMembersFr.import;

export function MemberImport({ action, listHref }: Props) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const csv = state.status === "idle" ? "" : state.csv;
  return (
    <div className="flex flex-col gap-6">
      <form action={formAction} className="flex flex-col gap-3">
        <input type="hidden" name="intent" value="verifier" />
        <div className="flex flex-col gap-1">
          <label htmlFor="import-fichier" className="font-semibold">
            {t.fileLabel}
          </label>
          <input
            id="import-fichier"
            name="file"
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            className="min-h-11 w-full max-w-full text-base file:mr-3 file:min-h-11 file:rounded-md file:border file:border-leaf-700 file:bg-white file:px-3 file:font-semibold file:text-leaf-800"
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="import-texte" className="font-semibold">
            {t.textLabel}
          </label>
          <textarea
            key={`${state.status}-${csv.length}`}
            id="import-texte"
            name="csv"
            rows={6}
            defaultValue={csv}
            spellCheck={false}
            className="w-full rounded-md border border-muted/40 px-3 py-2 font-mono text-sm"
          />
        </div>
        <Button type="submit" disabled={pending} className="w-full sm:w-auto">
          {t.verify}
        </Button>
      </form>

      {state.status === "error" ? <Alert kind="error">{state.message}</Alert> : null}

      {state.status === "done" ? (
        <div className="flex flex-col gap-2">
          <Alert kind="info">{state.message}</Alert>
          <a href={listHref} className="font-semibold text-leaf-800 underline">
            {t.seeList}
          </a>
        </div>
      ) : null}

      {state.status === "preview" ? (
        <section aria-labelledby="verification" className="flex flex-col gap-3">
          <h2 id="verification" className="text-xl font-bold text-leaf-800">
            {t.previewTitle}
          </h2>
          {/* The one live region of the preview: read out when the check is done. */}
          <p role="status">{state.summary}</p>
          {state.notes.map((note) => (
            <p key={note} className="text-sm text-muted">
              {note}
            </p>
          ))}
          {/* On a phone the result goes under the content, in the same cell; from sm up it has its own column. */}
          <table className="w-full table-fixed border-collapse text-sm">
            <caption className="sr-only">{t.tableCaption}</caption>
            <thead>
              <tr className="border-b border-leaf-100 text-left">
                <th scope="col" className="w-16 px-1 py-2">
                  {t.headers.line}
                </th>
                <th scope="col" className="p-2">
                  <span className="sm:hidden">{t.headers.contentAndResult}</span>
                  <span className="hidden sm:inline">{t.headers.content}</span>
                </th>
                <th scope="col" className="hidden p-2 sm:table-cell">
                  {t.headers.result}
                </th>
              </tr>
            </thead>
            <tbody>
              {state.rows.map((row) => {
                const result = (
                  <>
                    <span className={`block font-semibold ${row.ok ? "text-leaf-800" : "text-red-800"}`}>{row.ok ? t.lineOk : t.lineError}</span>
                    {row.messages.map((message) => (
                      <span key={`${message.column}-${message.text}`} className={`block ${row.ok ? "text-muted" : "text-red-900"}`}>
                        {message.column ? <span className="font-mono font-semibold">{message.column}{"\u00a0: "}</span> : null}
                        {message.text}
                      </span>
                    ))}
                  </>
                );
                return (
                  <tr key={row.line} className={`border-b border-leaf-100 align-top ${row.ok ? "" : "bg-red-50"}`}>
                    <th scope="row" className="px-1 py-2 text-left font-semibold">
                      {row.line}
                    </th>
                    <td className="p-2 [overflow-wrap:anywhere]">
                      <span className="block">{row.who}</span>
                      <span className="block text-muted">{row.what}</span>
                      <span className="mt-1 block sm:hidden">{result}</span>
                    </td>
                    <td className="hidden p-2 [overflow-wrap:anywhere] sm:table-cell">{result}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {state.blocked === null ? (
            <form action={formAction}>
              <input type="hidden" name="intent" value="importer" />
              <input type="hidden" name="csv" value={state.csv} />
              <Button type="submit" disabled={pending} className="w-full sm:w-auto">
                {t.submit}
              </Button>
            </form>
          ) : (
            <p className="rounded-md border border-leaf-100 bg-leaf-50 p-3 text-leaf-800">{state.blocked}</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
