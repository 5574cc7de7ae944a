"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { MemberFormState } from "@/components/member-form";
import { adminMembersFr } from "@/lib/i18n/admin-members-fr";
import { handleAction } from "@/lib/server/runtime/action-kit";
import { createMember } from "@/lib/server/admin/members/members";
import { refusalMessage } from "../refusal-message";
import { inRequestSpace } from "@/lib/server/core/request-amap";

const personSchema = z.object({
  email: z.string().max(400).default(""),
  firstName: z.string().max(400).default(""),
  lastName: z.string().max(400).default(""),
  phone: z.string().max(400).default(""),
});

export async function createMemberAction(_prev: MemberFormState, formData: FormData): Promise<MemberFormState> {
  const values = Object.fromEntries(["email", "firstName", "lastName", "phone"].map((k) => [k, String(formData.get(k) ?? "").slice(0, 400)]));
  let userId: string | null = null;
  const state = await handleAction(formData, personSchema, async (viewer, input): Promise<MemberFormState> => {
    const result = await createMember(viewer, input);
    if (!result.ok) return { status: "error", message: refusalMessage(result), values, fields: result.fields ?? (result.refusal === "email_taken" ? ["email"] : []) };
    userId = result.value.userId;
    return { status: "ok", message: adminMembersFr.person.created };
  });
  if (!userId) return state;
  revalidatePath("/admin/amapiens");
  redirect(await inRequestSpace(`/admin/amapiens/${userId}?ok=cree`));
}
