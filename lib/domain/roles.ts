// The roles a person can hold at once (DESIGN.md §3).
export const ROLES = ["member", "intermittent", "referent"] as const;
export type Role = (typeof ROLES)[number];
