/**
 * Assembles a WebAssembly module: one imported memory (`env.memory`), and functions that are all exported
 * by name. Section ids and layout are from the WebAssembly core spec's binary format.
 */
import { ByteWriter } from './bytes.js';
import { Code, VALTYPE, type ValType } from './code.js';

export interface FunctionDef {
  readonly name: string;
  readonly params: readonly ValType[];
  /** Writes the body into a fresh Code whose first locals are the params. */
  readonly emit: (code: Code) => void;
}

function section(out: ByteWriter, id: number, content: ByteWriter): void {
  out.byte(id).sized(content);
}

/** The module's bytes. Every function returns nothing; types are deduplicated by parameter list. */
export function assembleModule(functions: readonly FunctionDef[]): Uint8Array<ArrayBuffer> {
  const typeKeys: string[] = [];
  const typeOf = functions.map((f) => {
    const key = f.params.join(',');
    let i = typeKeys.indexOf(key);
    if (i < 0) i = typeKeys.push(key) - 1;
    return i;
  });
  const out = new ByteWriter().bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

  const types = new ByteWriter().u32(typeKeys.length);
  for (const key of typeKeys) {
    const params = key === '' ? [] : (key.split(',') as ValType[]);
    types.byte(0x60).u32(params.length);
    for (const p of params) types.byte(VALTYPE[p]);
    types.u32(0);
  }
  section(out, 1, types);

  // import "env" "memory" (memory, limits: min 1 page, no maximum)
  section(out, 2, new ByteWriter().u32(1).name('env').name('memory').byte(0x02).byte(0x00).u32(1));

  const funcs = new ByteWriter().u32(functions.length);
  for (const t of typeOf) funcs.u32(t);
  section(out, 3, funcs);

  const exports = new ByteWriter().u32(functions.length);
  functions.forEach((f, i) => { exports.name(f.name).byte(0x00).u32(i); });
  section(out, 7, exports);

  const codes = new ByteWriter().u32(functions.length);
  for (const f of functions) {
    const code = new Code(f.params.length);
    f.emit(code);
    codes.sized(code.encode());
  }
  section(out, 10, codes);
  return out.finish();
}
