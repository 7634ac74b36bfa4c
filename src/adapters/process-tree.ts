import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * Everything a command started, found again when it must be stopped, however it tried to leave:
 *
 * - `cgroup` (Linux, preferred): the command starts inside a cgroup (v2) of its own, created under
 *   shipready's; whatever it starts stays in it (a process cannot leave a cgroup by re-parenting or
 *   setsid), and `cgroup.kill` ends all of it at once. Needs a writable cgroup2 hierarchy: root, or a
 *   delegated cgroup. Where that is missing (a container with /sys/fs/cgroup read-only, a runner user
 *   without delegation) the next one is used.
 * - `proc` (Linux): /proc is scanned while the command runs for its process tree (parent chains, its
 *   session and group), and again when stopping, when the processes carrying the command's marker
 *   variable are added: that finds one that re-parented to init after a double fork, or called
 *   setsid, even when the scans missed its parents. A process that both clears its environment and
 *   escapes between two scans is not found.
 * - `group` (other systems): the command's process group, which is all a POSIX system offers.
 *
 * The command always runs in a session and process group of its own as well, which is signalled too.
 */
export type Containment = "cgroup" | "proc" | "group";

/** The variable by which the `proc` scan knows the command's processes; descendants inherit it. */
export const TREE_MARKER = "SHIPREADY_COMMAND_ID";

export interface ProcessTree {
  readonly containment: Containment;
  /** Variables to add to the command's environment. */
  readonly env: Record<string, string>;
  /**
   * Whether the command must wait until `adopt` has run before it does anything (the cgroup: it is
   * moved in first, so nothing it starts is born outside).
   */
  readonly holdsStart: boolean;
  /** Takes in the command's first process, right after it is spawned. */
  adopt(pid: number): void;
  signal(signal: NodeJS.Signals): void;
  /** Whether any process of the tree still runs (a zombie does not). */
  isAlive(): boolean;
  /** Stops watching and removes the cgroup; what still runs is not touched. */
  release(): void;
}

const isLinux = process.platform === "linux";
const CGROUP_PREFIX = "shipready-";
/** Scans while the command runs: often at first, when most forks happen, then every quarter second. */
const SCAN_INTERVALS_MS = [10, 20, 40, 80, 160, 250];
const open = new Set<ProcessTree>();
let counter = 0;

/** A tree for one command: `prefer` names a containment to use when it works here (default: the best). */
export function openProcessTree(prefer: Containment | "auto" = "auto"): ProcessTree {
  const tree =
    !isLinux || prefer === "group"
      ? groupTree()
      : ((prefer === "auto" || prefer === "cgroup" ? cgroupTree() : null) ?? procTree());
  if (open.size === 0) process.once("exit", killOpenTrees);
  open.add(tree);
  const release = tree.release.bind(tree);
  tree.release = () => {
    open.delete(tree);
    if (open.size === 0) process.removeListener("exit", killOpenTrees);
    release();
  };
  return tree;
}

/** Whether this machine lets shipready put commands in cgroups of their own. */
export function canUseCgroups(): boolean {
  const tree = isLinux ? cgroupTree() : null;
  tree?.release();
  return tree !== null;
}

/**
 * On the way out (Ctrl+C ends shipready a moment after the commands were told to stop), nothing a
 * command started may stay behind: SIGKILL to every tree still open, synchronously.
 */
function killOpenTrees(): void {
  for (const tree of open) {
    tree.signal("SIGKILL");
    const until = Date.now() + 200;
    while (tree.isAlive() && Date.now() < until)
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    tree.release();
  }
}

function groupTree(): ProcessTree {
  let root = 0;
  return {
    containment: "group",
    env: {},
    holdsStart: false,
    adopt: (pid) => (root = pid),
    signal: (signal) => signalGroup(root, signal),
    isAlive: () => root !== 0 && groupIsAlive(root),
    release: () => {},
  };
}

// ---- proc ----------------------------------------------------------------------------------------

interface ProcEntry {
  ppid: number;
  pgid: number;
  sid: number;
  /** Clock ticks after boot: with the pid, names one process even when the pid is used again. */
  start: string;
  live: boolean;
}

function procTree(): ProcessTree {
  const marker = `${process.pid}-${++counter}-${randomBytes(6).toString("hex")}`;
  const needle = Buffer.from(`\0${TREE_MARKER}=${marker}\0`);
  /** pid -> start time of every process seen in the tree. */
  const members = new Map<number, string>();
  let root = 0;
  let timer: NodeJS.Timeout | undefined;
  let step = 0;

  const scan = (withMarker: boolean): Map<number, ProcEntry> => {
    const table = readProcTable();
    for (const [pid, entry] of table) if (pid === root && !members.has(pid)) members.set(pid, entry.start);
    // Children of members, and whatever stays in the command's session or group, until nothing is new.
    for (let grown = true; grown;) {
      grown = false;
      for (const [pid, entry] of table) {
        if (members.has(pid)) continue;
        const parent = table.get(entry.ppid);
        const childOfMember = parent !== undefined && members.get(entry.ppid) === parent.start;
        if (childOfMember || entry.sid === root || entry.pgid === root) {
          members.set(pid, entry.start);
          grown = true;
        }
      }
    }
    if (withMarker) {
      for (const [pid, entry] of table) {
        if (!members.has(pid) && entry.live && environHas(pid, needle)) members.set(pid, entry.start);
      }
    }
    return table;
  };
  const live = (table: Map<number, ProcEntry>): number[] =>
    [...members]
      .filter(([pid, start]) => table.get(pid)?.start === start && table.get(pid)?.live)
      .map(([pid]) => pid);
  const watch = () => {
    scan(false);
    timer = setTimeout(watch, SCAN_INTERVALS_MS[Math.min(step++, SCAN_INTERVALS_MS.length - 1)]).unref();
  };

  return {
    containment: "proc",
    env: { [TREE_MARKER]: marker },
    holdsStart: false,
    adopt: (pid) => {
      root = pid;
      watch();
    },
    signal: (signal) => {
      signalGroup(root, signal);
      for (const pid of live(scan(true))) signalProcess(pid, signal);
    },
    isAlive: () => root !== 0 && live(scan(true)).length > 0,
    release: () => clearTimeout(timer),
  };
}

/** Every process /proc shows, by pid. */
function readProcTable(): Map<number, ProcEntry> {
  const table = new Map<number, ProcEntry>();
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return table;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    // The command name may hold spaces and parentheses; the fields after the last ")" are fixed.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    table.set(Number(entry), {
      ppid: Number(fields[1]),
      pgid: Number(fields[2]),
      sid: Number(fields[3]),
      start: fields[19] ?? "",
      live: fields[0] !== "Z" && fields[0] !== "X",
    });
  }
  return table;
}

function environHas(pid: number, needle: Buffer): boolean {
  try {
    const environ = Buffer.concat([Buffer.from([0]), readFileSync(`/proc/${pid}/environ`)]);
    return environ.includes(needle);
  } catch {
    return false; // gone, or not ours to read (and then not ours to signal either)
  }
}

// ---- cgroup --------------------------------------------------------------------------------------

let cgroupParent: string | null | undefined;

/** A new cgroup for one command, or null when cgroups cannot be used here. */
function cgroupTree(): ProcessTree | null {
  cgroupParent ??= findCgroupParent();
  if (cgroupParent === null) return null;
  const dir = join(cgroupParent, `${CGROUP_PREFIX}${process.pid}-${++counter}`);
  try {
    mkdirSync(dir);
  } catch {
    return null;
  }
  let fallback: ProcessTree | null = null;
  let root = 0;
  const members = (): number[] => {
    try {
      return readFileSync(join(dir, "cgroup.procs"), "utf8").split("\n").filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  const tree: ProcessTree = {
    containment: "cgroup",
    env: {},
    holdsStart: true,
    adopt: (pid) => {
      root = pid;
      try {
        writeFileSync(join(dir, "cgroup.procs"), String(pid));
      } catch {
        // Not allowed after all: watch /proc instead, before the command is let go.
        fallback = procTree();
        fallback.adopt(pid);
      }
    },
    signal: (signal) => {
      if (fallback) return fallback.signal(signal);
      signalGroup(root, signal);
      if (signal === "SIGKILL" && existsSync(join(dir, "cgroup.kill"))) {
        try {
          writeFileSync(join(dir, "cgroup.kill"), "1");
          return;
        } catch {
          // Fall through to signalling each member.
        }
      }
      for (const pid of members()) signalProcess(pid, signal);
    },
    isAlive: () => (fallback ? fallback.isAlive() : members().length > 0 || groupIsAlive(root)),
    release: () => {
      fallback?.release();
      removeCgroup(dir);
    },
  };
  return tree;
}

/** shipready's own cgroup in the cgroup2 hierarchy, when there is one it may create cgroups in. */
function findCgroupParent(): string | null {
  try {
    const own = readFileSync("/proc/self/cgroup", "utf8")
      .split("\n")
      .find((line) => line.startsWith("0::"))
      ?.slice(3);
    if (own === undefined) return null;
    for (const line of readFileSync("/proc/self/mountinfo", "utf8").split("\n")) {
      const [before, after] = line.split(" - ");
      if (!after?.startsWith("cgroup2 ")) continue;
      const fields = before!.split(" ");
      const mountRoot = unescapeMountPath(fields[3] ?? "");
      const mountPoint = unescapeMountPath(fields[4] ?? "");
      const inside = relative(mountRoot, own);
      if (inside.startsWith("..")) continue;
      const dir = join(mountPoint, inside);
      if (!existsSync(join(dir, "cgroup.procs"))) continue;
      removeStaleCgroups(dir);
      return dir;
    }
  } catch {
    // No /proc, or not the format expected: no cgroups.
  }
  return null;
}

/** Mount paths in mountinfo write a space, tab, newline and backslash as octal escapes. */
function unescapeMountPath(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** Empty cgroups left by a shipready that was killed before it could remove them. */
function removeStaleCgroups(parent: string): void {
  for (const name of readdirSync(parent)) {
    const owner = new RegExp(`^${CGROUP_PREFIX}(\\d+)-\\d+$`).exec(name);
    if (owner && !processExists(Number(owner[1]))) removeCgroup(join(parent, name));
  }
}

function removeCgroup(dir: string): void {
  // The last members may take a moment to leave after they were killed.
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      rmdirSync(dir);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EBUSY") return;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

// ---- signals -------------------------------------------------------------------------------------

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  if (pgid !== 0) signalProcess(-pgid, signal);
}

function signalProcess(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // ESRCH: already gone.
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function groupIsAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  // Killed members that nobody reaped yet (an init that does not reap orphans) still answer
  // kill(0) but are gone; on Linux /proc tells them apart.
  const table = isLinux ? readProcTable() : null;
  if (table === null || table.size === 0) return true;
  for (const entry of table.values()) if (entry.pgid === pgid && entry.live) return true;
  return false;
}
