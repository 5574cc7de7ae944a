// CPU time of other processes, from Linux's /proc: a process's utime +
// stime (/proc/<pid>/stat, fields 14 and 15, in clock ticks — 100 a second
// on Linux), for the web instance (with any child it forked), the worker, and
// the Postgres backends serving one database (their process title names it:
// "postgres: <cluster>: <user> <database> <client> <state>").
import { readdirSync, readFileSync } from "node:fs";

/** Linux's USER_HZ (`getconf CLK_TCK`): 100 on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

type Stat = { ppid: number; ticks: number };

function stat(pid: number): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces: read after its closing one.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null; // gone
  }
}

function pids(): number[] {
  return readdirSync("/proc")
    .filter((name) => /^[0-9]+$/.test(name))
    .map(Number);
}

/** CPU milliseconds of `root` and its descendants, per process. */
export function treeCpu(root: number): Map<number, number> {
  const all = new Map<number, Stat>();
  for (const pid of pids()) {
    const s = stat(pid);
    if (s) all.set(pid, s);
  }
  const inTree = new Set([root]);
  // Parents before children is not guaranteed: repeat until nothing joins.
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, s] of all) {
      if (!inTree.has(pid) && inTree.has(s.ppid)) {
        inTree.add(pid);
        grew = true;
      }
    }
  }
  const out = new Map<number, number>();
  for (const pid of inTree) {
    const s = all.get(pid);
    if (s) out.set(pid, (s.ticks * 1000) / TICKS_PER_SECOND);
  }
  return out;
}

/** CPU milliseconds of each Postgres backend connected to `database`. */
export function postgresCpu(database: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids()) {
    let title: string;
    try {
      title = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    } catch {
      continue;
    }
    if (!title.startsWith("postgres: ") || !title.includes(` ${database} `)) continue;
    const s = stat(pid);
    if (s) out.set(pid, (s.ticks * 1000) / TICKS_PER_SECOND);
  }
  return out;
}

/**
 * CPU spent between two readings: per process, after minus before (a process
 * that appeared in between counts whole; one that ended is lost, so the
 * measured processes must outlive the window — the pools keep their connections).
 */
export function spent(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

/** A reading function and what it returns, to measure a window with. */
export type Probe = () => Map<number, number>;

/** CPU milliseconds each probe saw while `body` ran. */
export async function measureCpu<T>(probes: Record<string, Probe>, body: () => Promise<T>): Promise<{ value: T; cpu: Record<string, number>; wallMs: number }> {
  const before = Object.fromEntries(Object.entries(probes).map(([k, p]) => [k, p()]));
  const t0 = performance.now();
  const value = await body();
  const wallMs = performance.now() - t0;
  const cpu = Object.fromEntries(Object.entries(probes).map(([k, p]) => [k, spent(before[k]!, p())]));
  return { value, cpu, wallMs };
}
