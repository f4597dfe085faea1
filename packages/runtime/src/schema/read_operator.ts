/** Reads OperatorCode and Operator tables into OperatorDesc values, checking every index they hold. */
import { ModelFormatError } from '../core/errors.js';
import type { OperatorDesc } from '../core/model.js';
import { BuiltinOp } from '../core/ops.js';
import type { FlatReader, Table } from './flatbuffer_reader.js';
import { readBuiltinOptions, readBuiltinOptions2 } from './options/index.js';
import { OperatorCodeF, OperatorF } from './schema_fields.js';

export interface OpCode {
  readonly opcode: number;
  readonly version: number;
  readonly customCode: string | null;
}

export function readOpCode(t: Table): OpCode {
  // Old files only have the int8 deprecated field; new ones set builtin_code and clamp the old one to 127
  // (PLACEHOLDER_FOR_GREATER_OP_CODES). TFLite takes the larger of the two, and so do we.
  const deprecated = t.int8(OperatorCodeF.deprecatedBuiltinCode, 0);
  const extended = t.int32(OperatorCodeF.builtinCode, 0);
  const opcode = Math.max(deprecated, extended);
  if (opcode < 0) throw new ModelFormatError(`${t.where}: negative builtin code ${opcode}`);
  const customCode = t.string(OperatorCodeF.customCode, 'custom_code');
  return {
    opcode,
    version: t.int32(OperatorCodeF.version, 1),
    customCode: opcode === BuiltinOp.CUSTOM ? (customCode ?? '') : null,
  };
}

function tensorIndices(t: Table, id: number, what: string, tensorCount: number, allowOmitted: boolean): number[] {
  const list = t.int32s(id, what) ?? [];
  for (const i of list) {
    const ok = (i >= 0 && i < tensorCount) || (allowOmitted && i === -1);
    if (!ok) throw new ModelFormatError(`${t.where}: ${what} tensor index ${i} is out of range (${tensorCount} tensors)`);
  }
  return list;
}

/** Custom options, either inline or (models > 2 GB) at an offset from the start of the file. */
function customOptions(t: Table, r: FlatReader): Uint8Array | null {
  const inline = t.bytes(OperatorF.customOptions, 'custom_options');
  if (inline !== null && inline.byteLength > 0) return inline;
  const offset = t.uint64(OperatorF.largeCustomOptionsOffset);
  return externalBytes(r, offset, t.uint64(OperatorF.largeCustomOptionsSize), t.where, 'custom options');
}

/** Bytes stored outside the flatbuffer: `offset` counts from the start of the file and is only used when > 1. */
export function externalBytes(r: FlatReader, offset: bigint, size: bigint, where: string, what: string): Uint8Array | null {
  if (offset <= 1n || size === 0n) return null;
  if (offset + size > BigInt(r.size)) {
    throw new ModelFormatError(`${where}: ${what} at offset ${offset} (${size} bytes) lie outside the ${r.size}-byte file`);
  }
  return r.bytes.subarray(Number(offset), Number(offset + size));
}

export function readOperator(t: Table, codes: readonly OpCode[], tensorCount: number): OperatorDesc {
  const index = t.uint32(OperatorF.opcodeIndex, 0);
  const code = codes[index];
  if (code === undefined) {
    throw new ModelFormatError(`${t.where}: opcode_index ${index} is out of range (${codes.length} operator codes)`);
  }
  const optionsType = t.uint8(OperatorF.builtinOptionsType, 0);
  const optionsTable = optionsType === 0 ? null : t.table(OperatorF.builtinOptions, 'builtin_options');
  const options2Type = t.uint8(OperatorF.builtinOptions2Type, 0);
  const options2Table = options2Type === 0 ? null : t.table(OperatorF.builtinOptions2, 'builtin_options_2');
  return {
    opcode: code.opcode,
    version: code.version,
    customCode: code.customCode,
    inputs: tensorIndices(t, OperatorF.inputs, 'input', tensorCount, true),
    outputs: tensorIndices(t, OperatorF.outputs, 'output', tensorCount, false),
    intermediates: tensorIndices(t, OperatorF.intermediates, 'intermediate', tensorCount, false),
    options: readBuiltinOptions(optionsType, optionsTable, t.where) ?? readBuiltinOptions2(options2Type, options2Table, t.where),
    customOptions: customOptions(t, t.r),
  };
}
