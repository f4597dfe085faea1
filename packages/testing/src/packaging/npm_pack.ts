/** Test support: `npm pack` of the publishable workspaces, with what each tarball holds. */
import { execFileSync } from 'node:child_process';
import { repoRoot } from '../paths.js';

/** The workspaces that are published (testing and the examples are private). */
export const PUBLISHED = ['runtime', 'vision', 'serving', 'train', 'cli'] as const;
export type PublishedName = (typeof PUBLISHED)[number];

export interface PackedPackage {
  /** e.g. '@tflite-lambda/runtime' */
  readonly name: string;
  readonly version: string;
  /** Absolute path of the .tgz. */
  readonly tarball: string;
  /** sha512 SRI of the tarball, as a lockfile records it. */
  readonly integrity: string;
  /** Paths inside the package, e.g. 'dist/bundle/index.js'. */
  readonly files: readonly string[];
  readonly unpackedSize: number;
}

interface NpmPackJson {
  name: string;
  version: string;
  filename: string;
  integrity: string;
  unpackedSize: number;
  files: { path: string }[];
}

/** Packs the given workspaces into `destination` (one npm call); nothing is downloaded. */
export function packWorkspaces(destination: string, names: readonly PublishedName[] = PUBLISHED): PackedPackage[] {
  const args = ['pack', '--json', '--pack-destination', destination, '--ignore-scripts', ...names.flatMap((n) => ['-w', `packages/${n}`])];
  const out = execFileSync('npm', args, { cwd: repoRoot(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  return (JSON.parse(out) as NpmPackJson[]).map((p) => ({
    name: p.name,
    version: p.version,
    tarball: `${destination}/${p.filename}`,
    integrity: p.integrity,
    files: p.files.map((f) => f.path).sort(),
    unpackedSize: p.unpackedSize,
  }));
}
