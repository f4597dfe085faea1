/** Test support: running things inside a folder where the packed packages were installed, as a user would. */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The environment of a user's shell: no export condition, loader or test-runner flags from this process. */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...extra };
}

/** Runs `node <args>` in `cwd` (no flags inherited from the test process). */
export function runNode(cwd: string, args: string[], timeout = 120_000): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, args, { cwd, env: userEnv(), encoding: 'utf8', timeout });
}

/** Runs the installed `tflite-lambda` bin (node_modules/.bin, as npx would). */
export function runBin(appDir: string, args: string[], timeout = 120_000): SpawnSyncReturns<string> {
  return spawnSync(join(appDir, 'node_modules', '.bin', 'tflite-lambda'), args, { cwd: appDir, env: userEnv(), encoding: 'utf8', timeout });
}

/** Bytes of every file under `dir` (apparent size, symlinks not followed). */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(path);
    else if (entry.isFile()) total += lstatSync(path).size;
  }
  return total;
}

export interface ServeProcess {
  readonly url: string;
  /** SIGTERM, then the exit code once the process has ended. */
  stop(): Promise<number | null>;
}

/**
 * Starts `tflite-lambda serve <args>` and resolves with its URL once it prints that it is serving; rejects
 * with its stderr if it exits first or does not start within `timeoutMs`.
 */
export function startServe(appDir: string, args: string[], timeoutMs = 60_000): Promise<ServeProcess> {
  const child = spawn(join(appDir, 'node_modules', '.bin', 'tflite-lambda'), ['serve', ...args], { cwd: appDir, env: userEnv() });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start in ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const url = /serving on (http:\/\/\S+\/)/.exec(stderr)?.[1];
      if (url === undefined) return;
      clearTimeout(timer);
      const stop = (): Promise<number | null> => {
        child.kill('SIGTERM');
        return exited;
      };
      resolve({ url, stop });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before serving: ${stderr}`));
    });
  });
}
