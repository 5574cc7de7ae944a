// The layer rules, checked by `npm test` (npm run deps). Why this layout:
// docs/decisions/0001-lib-server-by-capability.md.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment:
        "A runtime import cycle. Types may refer to each other (the mail registry's payload types do); what runs may not.",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "domain-is-pure",
      severity: "error",
      comment: "lib/domain is pure: it imports nothing of ours but lib/domain (no server, database, catalogue or UI).",
      from: { path: "^lib/domain/" },
      to: { path: "^(app|components|db|emails|lib|scripts|test)/", pathNot: "^lib/domain/" },
    },
    {
      name: "ui-never-reaches-the-database",
      severity: "error",
      comment: "Pages, components and email templates go through lib/server: they never touch the database.",
      from: { path: "^(app|components|emails)/" },
      to: { path: "^db/" },
    },
    {
      name: "components-are-ui",
      severity: "error",
      comment: "Components and email templates are UI only: data comes in as props, never from the server or the configuration.",
      from: { path: "^(components|emails)/" },
      to: { path: "^(lib/server|app)/|^lib/env\\.ts$" },
    },
    {
      name: "server-not-ui",
      severity: "error",
      comment: "lib/server and db serve app/: they never import a page, an action or a component.",
      from: { path: "^(lib|db)/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "feature-public-api",
      severity: "error",
      comment:
        "A capability of lib/server uses another only through that one's index.ts (its public API); its other files are its own. Tests may reach in.",
      from: { path: "^lib/server/([^/]+)/", pathNot: "\\.test\\.ts$" },
      to: { path: "^lib/server/[^/]+/", pathNot: ["^lib/server/$1/", "^lib/server/[^/]+/index\\.ts$"] },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|\\.next|test-results|playwright-report)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
