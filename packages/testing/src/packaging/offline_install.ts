/**
 * Test support: installs packed tarballs into an empty folder the way a user would, without the network.
 *
 * `npm install <tarballs> --offline` cannot work from what `npm ci` leaves in the cache: npm ci fetches
 * tarballs by their lockfile integrity and never the registry's package documents, which resolving a range
 * like `^25.9.23` needs. So the folder gets a lockfile cut from the monorepo's (the same versions and
 * integrities `npm ci` installed), and `npm ci --offline` installs from the cache alone — or fails at once
 * with ENOTCACHED, never reaching for the network.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../paths.js';
import type { PackedPackage } from './npm_pack.js';

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [field: string]: unknown;
}

interface Lockfile {
  packages: Record<string, LockEntry>;
}

interface Manifest {
  name: string;
  version: string;
  license?: string;
  bin?: Record<string, string>;
  engines?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/** Where node would find `name` from the package installed at `from` (a lockfile key, '' for the root). */
function lockKeyFor(lock: Lockfile, from: string, name: string): string | null {
  let dir = from;
  for (;;) {
    const key = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (lock.packages[key]) return key;
    if (!dir) return null;
    const at = dir.lastIndexOf('/node_modules/');
    dir = at < 0 ? '' : dir.slice(0, at);
  }
}

/** The registry packages a set of dependencies needs, copied (with their nested copies) from the monorepo lock. */
function registryClosure(lock: Lockfile, roots: string[]): Record<string, LockEntry> {
  const out: Record<string, LockEntry> = {};
  const visit = (from: string, name: string, optional: boolean) => {
    const key = lockKeyFor(lock, from, name);
    if (key === null) {
      if (optional) return;
      throw new Error(`the monorepo lockfile has no entry for '${name}' (needed from '${from || 'the root'}'): run npm install there`);
    }
    if (out[key]) return;
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = lock.packages[key] as LockEntry & Record<string, unknown>;
    if (entry.link) throw new Error(`'${name}' is a workspace link in the monorepo: pack it as well`);
    out[key] = entry;
    for (const dep of Object.keys(entry.dependencies ?? {})) visit(key, dep, false);
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) visit(key, dep, true);
    for (const dep of Object.keys(entry.peerDependencies ?? {})) visit(key, dep, entry.peerDependenciesMeta?.[dep]?.optional === true);
  };
  for (const name of roots) visit('', name, false);
  return out;
}

function tarballManifest(tarball: string): Manifest {
  const text = execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' });
  return JSON.parse(text) as Manifest;
}

/**
 * Writes package.json and package-lock.json into `appDir` for an app depending on `packed`: the tarballs as
 * file: dependencies, everything else as the monorepo's lockfile has it.
 */
export function writeOfflineProject(appDir: string, packed: readonly PackedPackage[]): void {
  const monorepoLock = JSON.parse(readFileSync(join(repoRoot(), 'package-lock.json'), 'utf8')) as Lockfile;
  const ours = new Set(packed.map((p) => p.name));
  const dependencies: Record<string, string> = {};
  const packages: Record<string, LockEntry> = {};
  const registryRoots = new Set<string>();
  for (const p of packed) {
    const spec = `file:${relative(appDir, p.tarball)}`;
    dependencies[p.name] = spec;
    const m = tarballManifest(p.tarball);
    const { version, license, bin, engines, dependencies: deps, peerDependencies, peerDependenciesMeta } = m;
    packages[`node_modules/${p.name}`] = {
      version, resolved: spec, integrity: p.integrity, license, bin, engines, dependencies: deps, peerDependencies, peerDependenciesMeta,
    };
    for (const dep of Object.keys(m.dependencies ?? {})) if (!ours.has(dep)) registryRoots.add(dep);
  }
  const app = { name: 'tflite-lambda-install-check', version: '1.0.0', private: true, type: 'module', dependencies };
  const lock = {
    name: app.name,
    version: app.version,
    lockfileVersion: 3,
    requires: true,
    packages: { '': { name: app.name, version: app.version, dependencies }, ...packages, ...registryClosure(monorepoLock, [...registryRoots]) },
  };
  writeFileSync(join(appDir, 'package.json'), `${JSON.stringify(app, null, 2)}\n`);
  writeFileSync(join(appDir, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
}

/** `npm ci --offline` in `appDir`: from the npm cache only, no install scripts; throws with npm's output. */
export function installOffline(appDir: string): void {
  try {
    execFileSync('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: appDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 300_000,
    });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`npm ci --offline failed in ${appDir} (is the npm cache missing what npm ci fetched?):\n${e.stderr ?? ''}${e.stdout ?? ''}${e.message}`);
  }
}
