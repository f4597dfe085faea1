/** Reads `run --input` files into typed arrays matching a model's inputs. */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { TfliteError, type TensorDetails, type TypedArray } from '@tflite-lambda/runtime';
import { allocTyped, numElements } from '@tflite-lambda/runtime/internal';

type NestedNumbers = number | boolean | NestedNumbers[];

function flatten(v: NestedNumbers, out: number[]): number[] {
  if (Array.isArray(v)) for (const x of v) flatten(x, out);
  else if (typeof v === 'number' || typeof v === 'boolean') out.push(Number(v));
  else throw new TfliteError('TENSOR', `input values must be numbers, got ${typeof v}`);
  return out;
}

function fill(details: TensorDetails, values: number[]): TypedArray {
  const n = numElements(details.shape);
  if (values.length !== n) {
    throw new TfliteError('TENSOR', `input '${details.name}' needs ${n} values for shape [${details.shape.join(',')}]; got ${values.length}`);
  }
  const arr = allocTyped(details.dtype, n);
  if (arr instanceof BigInt64Array) arr.set(values.map((v) => BigInt(Math.trunc(v))));
  else arr.set(values);
  return arr;
}

function fromJson(text: string, inputs: TensorDetails[]): TypedArray[] {
  const parsed = JSON.parse(text) as unknown;
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
    const byName = parsed as Record<string, NestedNumbers>;
    return inputs.map((d) => {
      if (!(d.name in byName)) throw new TfliteError('TENSOR', `input file has no entry for input '${d.name}'`);
      return fill(d, flatten(byName[d.name], []));
    });
  }
  if (!Array.isArray(parsed)) throw new TfliteError('TENSOR', 'input JSON must be an array or an object of arrays');
  if (inputs.length === 1) {
    // One input: `[[...values]]` (a list of one) or the values themselves, nested as the shape or flat.
    const only = parsed.length === 1 && Array.isArray(parsed[0]) ? parsed[0] : parsed;
    return [fill(inputs[0], flatten(only as NestedNumbers, []))];
  }
  if (parsed.length !== inputs.length) {
    throw new TfliteError('TENSOR', `input JSON has ${parsed.length} entries; the model has ${inputs.length} inputs`);
  }
  return inputs.map((d, i) => fill(d, flatten(parsed[i] as NestedNumbers, [])));
}

function fromRaw(bytes: Uint8Array, inputs: TensorDetails[]): TypedArray[] {
  const out: TypedArray[] = [];
  let offset = 0;
  for (const d of inputs) {
    const arr = allocTyped(d.dtype, numElements(d.shape));
    if (offset + arr.byteLength > bytes.byteLength) {
      throw new TfliteError('TENSOR', `raw input file is ${bytes.byteLength} bytes; input '${d.name}' needs ${arr.byteLength} more at offset ${offset}`);
    }
    new Uint8Array(arr.buffer).set(bytes.subarray(offset, offset + arr.byteLength));
    offset += arr.byteLength;
    out.push(arr);
  }
  if (offset !== bytes.byteLength) throw new TfliteError('TENSOR', `raw input file has ${bytes.byteLength - offset} extra bytes`);
  return out;
}

/**
 * `.json`: an array (one entry per input, nested arrays allowed), an object keyed by input name, or for a
 * single-input model one (nested) array of all its values. Anything else: raw little-endian bytes of the
 * inputs, concatenated in input order.
 */
export async function readInputFile(file: string, inputs: TensorDetails[]): Promise<TypedArray[]> {
  const bytes = await readFile(file);
  if (extname(file).toLowerCase() === '.json') return fromJson(bytes.toString('utf8'), inputs);
  return fromRaw(bytes, inputs);
}

export function zeroInputs(inputs: TensorDetails[]): TypedArray[] {
  return inputs.map((d) => allocTyped(d.dtype, numElements(d.shape)));
}
