// Child processes of the harness: each one logs to its own file (kept for failure diagnosis)
// and is killed when the harness stops, and also when the Node process exits or is
// interrupted, so that a failed or aborted run leaves no Dovecot or PHP server behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';

const live = new Set<ChildProcess>();
/** The signal that stops each child (default SIGTERM). */
const stopSignal = new WeakMap<ChildProcess, NodeJS.Signals>();
const cleanups = new Set<() => void>();
let hooked = false;

function killNow(child: ChildProcess, signal: NodeJS.Signals = stopSignal.get(child) ?? 'SIGTERM'): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    // Negative pid: the whole process group (PHP workers, Dovecot's own children).
    process.kill(-(child.pid ?? 0), signal);
  } catch {
    try { child.kill(signal); } catch { /* already gone */ }
  }
}

function runCleanupsSync() {
  // Servers first, so that fewer of them write into a temp dir while it is being removed.
  for (const child of live) killNow(child);
  live.clear();
  for (const fn of cleanups) {
    try { fn(); } catch { /* best effort while exiting */ }
  }
  cleanups.clear();
}

function hookExit() {
  if (hooked) return;
  hooked = true;
  process.once('exit', runCleanupsSync);
  const codes = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      runCleanupsSync();
      // A host that handles the signal itself (Playwright's runner) decides when to exit;
      // alone, we exit the usual way of dying from this signal (128 + n).
      if (process.listenerCount(sig) === 0) process.exit(128 + codes[sig]);
    });
  }
}

/** Registers a synchronous cleanup (e.g. removing a temp dir) to run on process exit. Returns an unregister function. */
export function onExit(fn: () => void): () => void {
  hookExit();
  cleanups.add(fn);
  return () => { cleanups.delete(fn); };
}

export interface LoggedProcess {
  child: ChildProcess;
  /** null while running; afterwards why it ended (with the log file's path). */
  exited(): string | null;
  /** Its stop signal to its process group, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Spawns `cmd` in its own process group with stdout and stderr appended to `logFile`; with
 * `uid`/`gid` as that user (servers that refuse to run as root: PostgreSQL, SOGo). `stopSignal`
 * (default SIGTERM) is what stop() and an exiting harness send to the group: SIGINT is
 * PostgreSQL's fast shutdown, SIGKILL for a server whose state the tests throw away anyway.
 */
export function spawnLogged(cmd: string, args: string[], { logFile, env = process.env, cwd, uid, gid, stopSignal: signal }: { logFile: string; env?: NodeJS.ProcessEnv; cwd?: string; uid?: number; gid?: number; stopSignal?: NodeJS.Signals }): LoggedProcess {
  hookExit();
  const fd = openSync(logFile, 'a');
  const child = spawn(cmd, args, { stdio: ['ignore', fd, fd], env, cwd, detached: true, uid, gid });
  closeSync(fd);
  let exitReason: string | null = null;
  child.once('error', (err) => { exitReason = `${cmd}: ${err.message}`; live.delete(child); });
  child.once('exit', (code, signal) => { exitReason = `${cmd} exited with ${signal ?? code} (log: ${logFile})`; live.delete(child); });
  live.add(child);
  if (signal) stopSignal.set(child, signal);
  return {
    child,
    exited: () => exitReason,
    stop(graceMs = 3000) {
      if (exitReason || child.exitCode !== null) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          try { process.kill(-(child.pid ?? 0), 'SIGKILL'); } catch { /* gone */ }
        }, graceMs);
        child.once('exit', () => { clearTimeout(t); resolve(); });
        killNow(child);
      });
    },
  };
}
