// Writes docs/operators.md (run through scripts/op-table.mjs): every TFLite builtin operator with the versions TFLite registers, the kernels our
// registry holds for it, and the dtypes our differential suites check against LiteRT.js (each case's model is
// read and loaded by our interpreter here, so only combinations that run are listed); then the custom
// operators. `--check` writes nothing and exits 1 when the file is stale (a test runs it). Needs `tsc -b`.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Interpreter } from '@tflite-lambda/runtime';
import { BuiltinOp, builtinOpResolver, opName, readModel } from '@tflite-lambda/runtime/internal';
import { DIFFERENTIAL_SUITES } from '@tflite-lambda/testing/differential';
import { NO_TFLITE_KERNEL, TFLITE_VERSIONS } from './tflite_versions.mjs';

const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const target = join(root, 'docs', 'operators.md');
const CONVERSIONS = new Set([BuiltinOp.CAST, BuiltinOp.QUANTIZE, BuiltinOp.DEQUANTIZE, BuiltinOp.BITCAST]);

/** Ops whose first input is not the data: where their element type is read instead. */
const DATA_AT = {
  TRANSPOSE_CONV: 2, CONV_3D_TRANSPOSE: 2, SELECT: 1, SELECT_V2: 1, SPLIT: 1, LSH_PROJECTION: 1, SCATTER_ND: 1,
  EMBEDDING_LOOKUP: 1, HASHTABLE_LOOKUP: 2, SPARSE_TO_DENSE: 2, FILL: 1, EMBEDDING_LOOKUP_SPARSE: 'output',
  ONE_HOT: 'output', RANDOM_UNIFORM: 'output', RANDOM_STANDARD_NORMAL: 'output', ASSIGN_VARIABLE: 1,
  READ_VARIABLE: 'output', IF: 1,
};

/** How one node of a case is typed: its data input's dtype (quantized or not), or in→out for conversions. */
function signature(op, tensors) {
  const inputs = op.inputs.map((i) => (i >= 0 ? tensors[i] : null));
  const out = tensors[op.outputs[0]];
  const at = DATA_AT[opName(op.opcode)] ?? 0;
  const data = (at === 'output' ? out : inputs[at]) ?? out;
  // CALL_ONCE has no tensors at all: checked all the same.
  if (!data) return op.inputs.length === 0 && op.outputs.length === 0 ? 'no tensors' : null;
  const name = (t) => (t.quantization && t.dtype !== 'float32' && t.dtype !== 'int32' ? `${t.dtype} (quantized)` : t.dtype);
  if (CONVERSIONS.has(op.opcode) && out) return `${name(data)} → ${name(out)}`;
  const weights = inputs.slice(1).find((t) => t && t.buffer !== null && t.dtype === 'int8');
  if (data.dtype === 'float32' && weights && op.opcode !== BuiltinOp.CUSTOM) return 'float32 + int8 weights';
  return name(data);
}

/** op name (or custom code) → set of signatures, over every case of every suite that our runtime loads. */
function checkedSignatures() {
  const byOp = new Map();
  const failures = [];
  for (const suite of DIFFERENTIAL_SUITES) {
    for (const family of suite.families) {
      for (const c of family.cases(suite.seed)) {
        try {
          Interpreter.loadSync(c.model).allocateTensors();
        } catch (error) {
          failures.push(`${c.name}: ${error.message}`);
          continue;
        }
        for (const sg of readModel(c.model).subgraphs) {
          for (const op of sg.operators) {
            const key = op.opcode === BuiltinOp.CUSTOM ? op.customCode : opName(op.opcode);
            if (!byOp.has(key)) byOp.set(key, new Set());
            const sig = signature(op, sg.tensors);
            if (sig) byOp.get(key).add(sig);
          }
        }
      }
    }
  }
  return { byOp, failures };
}

/** A registration's name without the op prefix: 'CONV_2D (int8, wasm simd)' → 'int8, wasm simd'. */
function kernelLabel(name, op) {
  const label = name.startsWith(op) ? name.slice(op.length).trim().replace(/^\((.*)\)$/, '$1') : name;
  return label || 'one kernel';
}

function statusOf(name, kernels) {
  if (kernels.length > 0) return 'yes';
  if (NO_TFLITE_KERNEL.includes(name)) return 'no kernel in TFLite either';
  return '**missing**';
}

function render() {
  const resolver = builtinOpResolver({ simd: true });
  const { byOp, failures } = checkedSignatures();
  if (failures.length > 0) throw new Error(`differential cases our runtime does not load:\n  ${failures.join('\n  ')}`);
  const builtins = Object.entries(BuiltinOp).filter(([name]) => name !== 'CUSTOM' && !name.startsWith('STABLEHLO_'));
  const rows = builtins.map(([name, code]) => {
    const kernels = [...resolver.candidates(code)].reverse().map((k) => kernelLabel(k.name, name));
    const v = TFLITE_VERSIONS[name];
    const versions = v ? (v[0] === v[1] ? `${v[0]}` : `${v[0]}–${v[1]}`) : '—';
    const dtypes = [...(byOp.get(name) ?? [])].sort().join(', ') || '—';
    return `| ${name} | ${code} | ${statusOf(name, kernels)} | ${versions} | ${kernels.join('; ') || '—'} | ${dtypes} |`;
  });
  const custom = [...resolver.candidates(BuiltinOp.CUSTOM)].reverse().map((k) => {
    const code = k.name.replace(/ .*$/, '');
    const dtypes = [...(byOp.get(code) ?? [])].sort().join(', ') || '—';
    return `| ${code} | ${kernelLabel(k.name, code)} | ${dtypes} |`;
  });
  const stablehlo = builtins.length === 0 ? [] : Object.keys(BuiltinOp).filter((n) => n.startsWith('STABLEHLO_'));
  return [
    '# Operators',
    '',
    '<!-- Generated by `node scripts/op-table.mjs` from the kernel registry and the differential suites; do not edit. -->',
    '',
    'Every builtin operator of the TFLite schema. **TFLite versions**: the versions TFLite\'s builtin resolver',
    'registers. Our kernels do not refuse a node for its version: a node runs on the last registered kernel that',
    'accepts its dtypes and options (**our kernels**, in registration order; wasm kernels win where the engine',
    'has WebAssembly SIMD). **Checked against a reference engine**: the input dtypes of the nodes in our',
    'differential suites (`packages/testing/src/differential/suites.ts`), each a model built with our builder,',
    'run by our runtime and by LiteRT.js (or tfjs-tflite, TFLite\'s own interpreter, for variable tensors and',
    'dynamic outputs, which LiteRT.js refuses) and compared; "(quantized)" marks tensors with quantization parameters, "float32 +',
    'int8 weights" the hybrid kernels, `a → b` conversions. Where that column is empty, the kernel is covered',
    'by kernel tests beside it (hand-checked values), by the other differential tests in `packages/runtime`',
    '(`litert_differential.test.ts`, `*.differential.test.ts`) or by published models (`../shared`).',
    '',
    '| operator | code | supported | TFLite versions | our kernels | checked against a reference engine |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    `StableHLO operators (${stablehlo.join(', ')}) are out of scope: a model using them fails at load with`,
    'an `UnsupportedError` naming the operator.',
    '',
    '## Custom operators',
    '',
    'Registered on CUSTOM and told apart by the node\'s custom code. MediaPipe\'s landmark operators and TFLite',
    'Micro\'s signal operators have no reference engine in JavaScript: hand-checked kernel tests and the published',
    'models that use them (face_landmark_with_attention, audio_preprocessor) check them.',
    '',
    '| custom code | kernel | checked against a reference engine |',
    '|---|---|---|',
    ...custom,
    '',
  ].join('\n');
}

const text = render();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing: stale
  }
  if (current !== text) {
    console.error('docs/operators.md is stale: run `node scripts/op-table.mjs` after `npx tsc -b`');
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
