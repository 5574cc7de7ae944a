import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SettingsForm } from "@/components/settings-form";
import { Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";
import { formatReminderSlots } from "@/lib/domain/reminders";
import { requireViewer } from "@/lib/server/auth/auth";
import { readSettingsForEdit } from "@/lib/server/admin/settings";
import { saveSettingsAction } from "./actions";

export const metadata: Metadata = { title: fr.admin.settings.title };

export default async function SettingsPage() {
  const viewer = await requireViewer();
  const settings = await readSettingsForEdit(viewer);
  if (!settings) notFound();
  return (
    <>
      <PageTitle>{fr.admin.settings.title}</PageTitle>
      <Card>
        <SettingsForm
          action={saveSettingsAction}
          fields={[
            { name: "amapName", kind: "text", value: settings.amapName },
            { name: "contactEmail", kind: "email", value: settings.contactEmail },
            { name: "replyTo", kind: "email", value: settings.replyTo },
            { name: "offerCloseHours", kind: "number", value: String(settings.offerCloseHours) },
            { name: "decisionReminderHours", kind: "number", value: String(settings.decisionReminderHours) },
            { name: "autoAcceptHours", kind: "number", value: settings.autoAcceptHours === null ? "" : String(settings.autoAcceptHours) },
            { name: "intermittentReminders", kind: "text", value: formatReminderSlots(settings.intermittentReminders) },
            { name: "practicalRules", kind: "textarea", value: settings.practicalRules },
            { name: "partnerDelayHours", kind: "number", value: String(settings.partnerDelayHours) },
            { name: "retentionMonths", kind: "number", value: String(settings.retentionMonths) },
            { name: "emailLogRetentionDays", kind: "number", value: String(settings.emailLogRetentionDays) },
            { name: "usedLinkRetentionDays", kind: "number", value: String(settings.usedLinkRetentionDays) },
            { name: "joinRequestRetentionDays", kind: "number", value: String(settings.joinRequestRetentionDays) },
          ]}
        />
      </Card>
    </>
  );
}
