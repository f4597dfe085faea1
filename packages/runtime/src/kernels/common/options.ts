import { ModelFormatError } from '../../core/errors.js';
import type { BuiltinOptions, OptionsKind } from '../../core/options.js';

/** The options type(s) whose `kind` can be one of K (ArithmeticOptions serves four kinds, for example). */
type OptionsOf<K extends OptionsKind> = BuiltinOptions extends infer T
  ? T extends { readonly kind: infer TK }
    ? [Extract<TK, K>] extends [never]
      ? never
      : T
    : never
  : never;

/** The node's options, which must be of one of `kinds`; `fallback` when the model stores none. */
export function optionsOrDefault<K extends OptionsKind>(
  raw: BuiltinOptions | null,
  kinds: readonly K[],
  fallback: OptionsOf<K>,
): OptionsOf<K> {
  if (raw === null) return fallback;
  if ((kinds as readonly string[]).includes(raw.kind)) return raw as OptionsOf<K>;
  throw new ModelFormatError(`expected ${kinds.join(' or ')}, found ${raw.kind}`);
}

/** The node's options, which must be present and of one of `kinds`. */
export function requireOptions<K extends OptionsKind>(raw: BuiltinOptions | null, kinds: readonly K[]): OptionsOf<K> {
  if (raw !== null && (kinds as readonly string[]).includes(raw.kind)) return raw as OptionsOf<K>;
  throw new ModelFormatError(`expected ${kinds.join(' or ')}, found ${raw === null ? 'no options' : raw.kind}`);
}
