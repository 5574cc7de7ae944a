// Lets plain Node (tsx scripts: worker, migrate, seed) load modules marked
// `import "server-only"`: outside Next's react-server build that package
// throws by design, so resolve it to an empty module here.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(
      'export async function resolve(specifier, context, next) {' +
        ' if (specifier === "server-only") return { url: "data:text/javascript,", shortCircuit: true };' +
        ' return next(specifier, context); }',
    ),
);
