"use client";
// "Imprimer": opens the browser's print dialog; the print stylesheet
// (app/globals.css) leaves only the sheet on the paper.
import { buttonClass } from "./ui";

export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className={buttonClass()} onClick={() => window.print()}>
      {label}
    </button>
  );
}
