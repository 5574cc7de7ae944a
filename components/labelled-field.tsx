// One field of a plain form: its label, the input (or a textarea), and the
// hint under it, which turns red and is read out when the field is faulty.
export type LabelledFieldProps = {
  id: string;
  name: string;
  label: string;
  hint: string;
  kind: "text" | "email" | "number" | "textarea";
  defaultValue: string;
  invalid: boolean;
  rows?: number;
  autoCapitalize?: "none";
};

export function LabelledField({ id, name, label, hint, kind, defaultValue, invalid, rows = 6, autoCapitalize }: LabelledFieldProps) {
  const common = { id, name, defaultValue, "aria-invalid": invalid || undefined, "aria-describedby": `${id}-hint` };
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-semibold">
        {label}
      </label>
      {kind === "textarea" ? (
        <textarea {...common} rows={rows} className="rounded-md border border-muted/40 p-3 text-base" />
      ) : (
        <input
          {...common}
          type={kind === "number" ? "text" : kind}
          inputMode={kind === "number" ? "numeric" : undefined}
          autoCapitalize={autoCapitalize}
          className="min-h-11 rounded-md border border-muted/40 px-3 text-base"
        />
      )}
      <p id={`${id}-hint`} className={`text-sm ${invalid ? "text-red-800" : "text-muted"}`}>
        {hint}
      </p>
    </div>
  );
}
