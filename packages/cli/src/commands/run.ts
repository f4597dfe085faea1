import { Interpreter, type TensorData } from '@tflite-lambda/runtime';
import { parseArgs, stringFlag } from '../args.js';
import { UsageError } from '../command.js';
import { readInputFile, zeroInputs } from '../tensor_input.js';

export const summary = 'Run a model once on inputs from a file (or zeros) and print its outputs';
export const usage = `Usage: tflite-lambda run <model.tflite> [--input <file>] [--json]

  --input <file>  .json: an array with one (nested) array per input, an object keyed by input name, or for
                  a one-input model a single array; other files: raw little-endian bytes of the inputs in
                  order. Without --input every input is zeros.
  --json          print outputs as JSON (full values)`;

/** Numeric outputs as numbers; string outputs stay strings. */
function plainValues(a: TensorData): number[] | string[] {
  return Array.isArray(a) ? a : Array.from(a as ArrayLike<number | bigint>, Number);
}

function preview(values: number[] | string[]): string {
  const fmt = (v: number | string) =>
    typeof v === 'string' ? JSON.stringify(v) : Number.isInteger(v) ? String(v) : v.toPrecision(6);
  const head = values.slice(0, 16).map(fmt).join(', ');
  return values.length > 16 ? `[${head}, … (${values.length} values)]` : `[${head}]`;
}

export async function main(args: string[]): Promise<number> {
  const p = parseArgs(args, { values: ['input'], booleans: ['json'] });
  if (p.positional.length !== 1) throw new UsageError('run needs exactly one model path');
  const it = await Interpreter.load(p.positional[0]);
  it.allocateTensors();
  const inputs = it.getInputDetails();
  const file = stringFlag(p, 'input');
  const values = file ? await readInputFile(file, inputs) : zeroInputs(inputs);
  values.forEach((v, i) => it.setTensor(inputs[i].index, v));
  const start = performance.now();
  it.invoke();
  const ms = performance.now() - start;
  const outputs = it.getOutputDetails().map((d) => ({ ...d, values: plainValues(it.getTensor(d.index)) }));
  if (p.flags.has('json')) {
    console.log(JSON.stringify({ invokeMs: ms, outputs: outputs.map(({ name, dtype, shape, values: v }) => ({ name, dtype, shape, values: v })) }));
    return 0;
  }
  if (!file) console.log('(no --input: all inputs are zeros)');
  for (const o of outputs) {
    console.log(`${o.name}: ${o.dtype}[${o.shape.join(',')}] ${preview(o.values)}`);
    const v = o.values;
    if (v.length < 2 || typeof v[0] === 'string') continue;
    const nums = v as number[];
    const argmax = nums.reduce((best, x, i, a) => (x > a[best] ? i : best), 0);
    console.log(`  argmax ${argmax} (${nums[argmax]})`);
  }
  console.log(`invoke: ${ms.toFixed(2)} ms`);
  return 0;
}
