// Lint rules, including the layering of STYLE.md:
// app → lib/server → (lib/domain, db, emails); components never reach the server.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const dbPatterns = [
  { group: ["@/db", "@/db/*", "**/db/*", "../db", "../../db"], message: "Go through lib/server: pages and components never touch the database." },
];
const serverPatterns = [
  { group: ["@/lib/server", "@/lib/server/*", "**/lib/server/*", "@/lib/env"], message: "Components are UI only: pass data in as props." },
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "out/**", "build/**", "next-env.d.ts", ".data/**", "test-results/**", "playwright-report/**", "db/migrations/**"]),
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: dbPatterns }] },
  },
  {
    files: ["components/**/*.{ts,tsx}", "emails/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [...dbPatterns, ...serverPatterns] }] },
  },
  {
    files: ["lib/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/*", "!@/lib/domain", "!@/lib/domain/*", "../*"], message: "lib/domain is pure: it imports nothing of ours." }] },
      ],
    },
  },
  {
    // STYLE.md habit 8: configuration is read once, in lib/env.ts.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}", "db/**/*.ts", "emails/**/*.tsx"],
    ignores: ["lib/env.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: "Read configuration through lib/env.ts." },
      ],
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
]);
