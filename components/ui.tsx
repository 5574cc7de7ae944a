// Small presentational pieces shared by pages. Tap targets are at least 44 px.
import type { ComponentProps, ReactNode } from "react";

export function PageTitle({ children }: { children: ReactNode }) {
  return <h1 className="mb-4 text-2xl font-bold text-leaf-800">{children}</h1>;
}

export function Card({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <section className={`rounded-lg border border-leaf-100 bg-white p-4 shadow-sm ${className}`}>{children}</section>;
}

const buttonBase =
  "inline-flex min-h-11 items-center justify-center rounded-md px-4 py-2 text-base font-semibold disabled:opacity-60";

export function buttonClass(variant: "primary" | "secondary" = "primary"): string {
  return variant === "primary"
    ? `${buttonBase} bg-leaf-700 text-white hover:bg-leaf-800`
    : `${buttonBase} border border-leaf-700 bg-white text-leaf-800 hover:bg-leaf-50`;
}

export function Button({ variant = "primary", className = "", ...props }: ComponentProps<"button"> & { variant?: "primary" | "secondary" }) {
  return <button {...props} className={`${buttonClass(variant)} ${className}`} />;
}

export function Alert({ kind, children }: { kind: "error" | "info"; children: ReactNode }) {
  const style = kind === "error" ? "border-red-300 bg-red-50 text-red-900" : "border-leaf-100 bg-leaf-50 text-leaf-800";
  return (
    <p role={kind === "error" ? "alert" : "status"} className={`rounded-md border p-3 ${style}`}>
      {children}
    </p>
  );
}
