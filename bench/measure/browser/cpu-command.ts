// A browser command for the clip measure: CPU seconds (user + system) used so far by the
// Chromium this run launched (every process under the test runner's), read from /proc. Time on the clock depends on what else the
// shared machine runs; CPU time much less, so the report gives both.
import { readdir, readFile } from "node:fs/promises";
import type { BrowserCommand } from "vitest/node";

declare module "vitest/browser" {
  interface BrowserCommands {
    /** CPU seconds of this run's Chromium processes so far, or null where /proc cannot tell. */
    chromiumCpuSeconds: () => Promise<number | null>;
  }
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds of every process under this one (the Chromium this run launched, and its helpers). */
export const chromiumCpuSeconds: BrowserCommand<[]> = async () => {
  let entries: string[];
  try {
    entries = (await readdir("/proc")).filter((entry) => /^\d+$/.test(entry));
  } catch {
    return null;
  }
  const stats = new Map<number, { parent: number; ticks: number }>();
  for (const pid of entries) {
    try {
      const stat = await readFile(`/proc/${pid}/stat`, "utf8");
      // After the name (which may hold spaces): state, ppid, … utime is the 14th field, stime the 15th.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      stats.set(Number(pid), { parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // A process that ended meanwhile.
    }
  }
  // Only this run's browser: other Chromiums on a shared machine are someone else's.
  const mine = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, { parent }] of stats) if (!mine.has(pid) && mine.has(parent)) grew = mine.add(pid) !== undefined;
  }
  mine.delete(process.pid);
  let ticks = 0;
  for (const pid of mine) ticks += stats.get(pid)!.ticks;
  return ticks / TICKS_PER_SECOND;
};
