// What the rest of lib/server may use of admin/ (the dependency-cruiser rule feature-public-api).
export { calendarMailHandlers } from "./calendar/calendar-mail";
export type { CalendarMailPayloads } from "./calendar/calendar-mail";
export { memberMailHandlers } from "./members/member-mail";
export type { MemberMailPayloads } from "./members/member-mail";
