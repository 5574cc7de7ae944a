// What the rest of lib/server may use of reminders/ (the dependency-cruiser rule feature-public-api).
export { reminderMailHandlers } from "./reminder-mail";
export type { ReminderMailPayloads } from "./reminder-mail";
export { runReminders } from "./reminders";
