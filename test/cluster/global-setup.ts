// Once before the cluster test: HAProxy must be there (Debian's `haproxy`
// package; .ci/run installs it), and a production build (made now when there
// is none: a clean clone running `npm run test:cluster` alone; reused
// otherwise, e.g. after the e2e step of CI, which has just built it).
import { spawnSync } from "node:child_process";
import { ensureBuild } from "./harness";

export default function setup(): void {
  const haproxy = spawnSync("haproxy", ["-v"], { encoding: "utf8" });
  if (haproxy.error || haproxy.status !== 0) {
    throw new Error("HAProxy is not installed (apt-get install haproxy): the cluster test runs the app behind it.");
  }
  ensureBuild((line) => console.log(`[cluster] ${line}`));
}
