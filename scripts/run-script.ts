// Runs a script body; a configuration error prints its one line, anything
// else its message, and the process exits non-zero.
import { EnvError } from "@/lib/env";

export async function runScript(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    console.error(error instanceof EnvError ? error.message : error);
    process.exit(1);
  }
}
