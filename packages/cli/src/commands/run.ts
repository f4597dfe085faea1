import { Interpreter, TfliteError, type TensorData, type TensorDetails, type TypedArray } from '@tflite-lambda/runtime';
import { parseArgs, stringFlag } from '../args.js';
import { CommandError, UsageError } from '../command.js';
import { readInputFile, zeroInputs } from '../tensor_input.js';

export const summary = 'Run a model once on inputs from a file (or zeros) and print its outputs';
export const usage = `Usage: tflite-lambda run <model.tflite> [--input <file>] [--json]

  --input <file>  .json: an array with one (nested) array per input, an object keyed by input name, or for
                  a one-input model a single array; other files: raw little-endian bytes of the inputs in
                  order. Without --input every input is zeros.
  --json          print outputs as JSON (full values)`;

/** The model, loaded and planned; a model the runtime refuses is a one-line error naming the file. */
async function loadModel(file: string): Promise<Interpreter> {
  try {
    const it = await Interpreter.load(file);
    it.allocateTensors();
    return it;
  } catch (err) {
    if (err instanceof TfliteError && err.code !== 'IO') throw new CommandError(`${file}: ${err.message}`);
    throw err;
  }
}

/** The --input file's values; a missing, unreadable or malformed file is a one-line error naming it. */
async function readInputs(file: string, inputs: TensorDetails[]): Promise<TypedArray[]> {
  try {
    return await readInputFile(file, inputs);
  } catch (err) {
    if (err instanceof SyntaxError) throw new CommandError(`${file}: not valid JSON (${err.message})`);
    if (typeof (err as { syscall?: unknown }).syscall === 'string') {
      throw new CommandError(`cannot read input file ${file}: ${(err as Error).message}`);
    }
    throw err; // TfliteError naming the input and what it needs
  }
}

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
  const it = await loadModel(p.positional[0]);
  const inputs = it.getInputDetails();
  const file = stringFlag(p, 'input');
  const values = file ? await readInputs(file, inputs) : zeroInputs(inputs);
  for (const [i, v] of values.entries()) it.setTensor(inputs[i].index, v);
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
