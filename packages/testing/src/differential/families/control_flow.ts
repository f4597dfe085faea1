/**
 * Control flow and resource variables: IF choosing a branch by a condition computed in the graph, WHILE
 * loops with fixed and with growing loop-variable shapes, and a counter kept in a resource variable that a
 * CALL_ONCE init subgraph sets up (three invokes: it counts across them).
 */
import { BuiltinOp, type BuiltinOptions } from '@tflite-lambda/runtime/internal';
import type { SubgraphBuilder } from '@tflite-lambda/runtime/builder';
import { CaseBuilder, type DiffCase, type DiffFamily } from '../case_builder.js';
import { i32, normalFloats } from '../random_data.js';
import { Rng } from '../rng.js';

const ADD: BuiltinOptions = { kind: 'AddOptions', fusedActivation: 'NONE', potScaleInt16: true };
const MUL: BuiltinOptions = { kind: 'MulOptions', fusedActivation: 'NONE', potScaleInt16: true };

/** A branch computing x·k (then) or x + k (else). */
function branch(sg: SubgraphBuilder, op: 'MUL' | 'ADD', k: number): void {
  const x = sg.addInput({ name: 'x', dtype: 'float32', shape: [2, 3] });
  const c = sg.addTensor({ name: 'k', dtype: 'float32', shape: [1], data: new Float32Array([k]) });
  const y = sg.addOutput({ name: 'y', dtype: 'float32', shape: [2, 3] });
  sg.addOperator({ opcode: BuiltinOp[op], inputs: [x, c], outputs: [y], options: op === 'MUL' ? MUL : ADD });
}

function ifCase(name: string, seed: number, selector: number): DiffCase {
  const rng = new Rng(seed);
  const b = new CaseBuilder();
  const s = b.input({ dtype: 'float32', shape: [1] }, new Float32Array([selector]));
  const x = b.input({ dtype: 'float32', shape: [2, 3] }, normalFloats(rng, [2, 3]));
  const zero = b.constant({ dtype: 'float32', shape: [1] }, new Float32Array([0]));
  const cond = b.intermediate({ dtype: 'bool', shape: [1] });
  const y = b.output({ dtype: 'float32', shape: [2, 3] });
  b.op(BuiltinOp.GREATER, [s, zero], [cond]);
  const then = b.subgraph('then');
  branch(then, 'MUL', 3);
  const otherwise = b.subgraph('else');
  branch(otherwise, 'ADD', 10);
  b.op(BuiltinOp.IF, [cond, x], [y], { kind: 'IfOptions', thenSubgraphIndex: then.index, elseSubgraphIndex: otherwise.index });
  return b.build(name);
}

/** cond: i < n. */
function counterCond(sg: SubgraphBuilder, n: number, xShape: number[]): void {
  const i = sg.addInput({ name: 'i', dtype: 'int32', shape: [1] });
  sg.addInput({ name: 'x', dtype: 'float32', shape: xShape });
  const limit = sg.addTensor({ name: 'n', dtype: 'int32', shape: [1], data: i32([n]) });
  const go = sg.addOutput({ name: 'go', dtype: 'bool', shape: [1] });
  sg.addOperator({ opcode: BuiltinOp.LESS, inputs: [i, limit], outputs: [go] });
}

/** body: (i + 1, grow ? concat(x, x) : x·1.5 + 1). */
function counterBody(sg: SubgraphBuilder, xShape: number[], grow: boolean): void {
  const i = sg.addInput({ name: 'i', dtype: 'int32', shape: [1] });
  const x = sg.addInput({ name: 'x', dtype: 'float32', shape: xShape });
  const one = sg.addTensor({ name: 'one', dtype: 'int32', shape: [1], data: i32([1]) });
  const next = sg.addOutput({ name: 'i_next', dtype: 'int32', shape: [1] });
  sg.addOperator({ opcode: BuiltinOp.ADD, inputs: [i, one], outputs: [next], options: ADD });
  if (grow) {
    const y = sg.addOutput({ name: 'x_next', dtype: 'float32', shape: [xShape[0]! * 2, ...xShape.slice(1)] });
    sg.addOperator({ opcode: BuiltinOp.CONCATENATION, inputs: [x, x], outputs: [y], options: { kind: 'ConcatenationOptions', axis: 0, fusedActivation: 'NONE' } });
    return;
  }
  const k = sg.addTensor({ name: 'k', dtype: 'float32', shape: [1], data: new Float32Array([1.5]) });
  const scaled = sg.addTensor({ name: 'scaled', dtype: 'float32', shape: xShape });
  const y = sg.addOutput({ name: 'x_next', dtype: 'float32', shape: xShape });
  sg.addOperator({ opcode: BuiltinOp.MUL, inputs: [x, k], outputs: [scaled], options: MUL });
  sg.addOperator({ opcode: BuiltinOp.ADD, inputs: [scaled, k], outputs: [y], options: ADD });
}

function whileCase(name: string, seed: number, grow: boolean): DiffCase {
  const rng = new Rng(seed);
  const b = new CaseBuilder();
  const xShape = [2, 2];
  const i = b.input({ dtype: 'int32', shape: [1] }, i32([0]));
  const x = b.input({ dtype: 'float32', shape: xShape }, normalFloats(rng, xShape));
  const iOut = b.output({ dtype: 'int32', shape: [1] });
  const xOut = b.output({ dtype: 'float32', shape: xShape });
  const cond = b.subgraph('cond');
  counterCond(cond, 3, xShape);
  const body = b.subgraph('body');
  counterBody(body, xShape, grow);
  b.op(BuiltinOp.WHILE, [i, x], [iOut, xOut], { kind: 'WhileOptions', condSubgraphIndex: cond.index, bodySubgraphIndex: body.index });
  return b.build(name);
}

/** init: v ← [100]. main: y = read(v) + x; v ← y. */
function counterVariableCase(): DiffCase {
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'float32', shape: [1] }, new Float32Array([2.5]));
  const init = b.subgraph('init');
  const ih = init.addTensor({ name: 'h', dtype: 'resource', shape: [1] });
  const start = init.addTensor({ name: 'start', dtype: 'float32', shape: [1], data: new Float32Array([100]) });
  const handle = { kind: 'VarHandleOptions', container: '', sharedName: 'acc' } as const;
  init.addOperator({ opcode: BuiltinOp.VAR_HANDLE, inputs: [], outputs: [ih], options: handle });
  init.addOperator({ opcode: BuiltinOp.ASSIGN_VARIABLE, inputs: [ih, start], outputs: [] });
  const h = b.intermediate({ dtype: 'resource', shape: [1] });
  const v = b.intermediate({ dtype: 'float32', shape: [1] });
  const y = b.output({ dtype: 'float32', shape: [1] });
  b.op(BuiltinOp.CALL_ONCE, [], [], { kind: 'CallOnceOptions', initSubgraphIndex: init.index });
  b.op(BuiltinOp.VAR_HANDLE, [], [h], handle);
  b.op(BuiltinOp.READ_VARIABLE, [h], [v]);
  b.op(BuiltinOp.ADD, [v, x], [y], ADD);
  b.op(BuiltinOp.ASSIGN_VARIABLE, [h, y], []);
  return b.build('CALL_ONCE init, then a resource-variable accumulator over three invokes', 3);
}

export const controlFlowFamily: DiffFamily = {
  name: 'control flow',
  cases: (seed) => [
    ifCase('IF takes the then branch', seed, 1),
    ifCase('IF takes the else branch', seed + 1, -1),
    whileCase('WHILE with fixed shapes', seed + 2, false),
    whileCase('WHILE whose loop variable grows each iteration', seed + 3, true),
  ],
};

export const resourceVariablesFamily: DiffFamily = {
  name: 'resource variables',
  cases: () => [counterVariableCase()],
};
