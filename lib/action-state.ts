// What a server action hands back to its form (useActionState).
export type ActionState = { status: "idle" } | { status: "error"; message: string } | { status: "ok"; message: string };

export const idle: ActionState = { status: "idle" };
