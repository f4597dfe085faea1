import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { intFlag, parseArgs, stringFlag } from './args.js';
import { UsageError } from './command.js';

const spec = { values: ['model', 'port'], booleans: ['json'] };

describe('parseArgs (node util.parseArgs underneath)', () => {
  it('reads --name value, --name=value, bare booleans, -h and positionals in any order', () => {
    const p = parseArgs(['a.tflite', '--model', 'm', '--port=8080', '--json', 'b', '-h'], spec);
    assert.deepEqual(p.positional, ['a.tflite', 'b']);
    assert.deepEqual([...p.flags], [['model', 'm'], ['port', '8080'], ['json', true], ['help', true]]);
    assert.equal(stringFlag(p, 'model'), 'm');
    assert.equal(intFlag(p, 'port', 3000), 8080);
    assert.equal(intFlag(parseArgs([], spec), 'port', 3000), 3000);
  });

  it('refuses unknown options, missing values and values given to booleans with a one-line UsageError', () => {
    for (const [args, message] of [
      [['--nope'], 'unknown option --nope'],
      [['--model'], "Option '--model <value>' argument missing"],
      [['--json=1'], "Option '--json' does not take an argument"],
    ] as const) {
      assert.throws(() => parseArgs([...args], spec), (err: Error) => err instanceof UsageError && err.message === message);
    }
    assert.throws(() => parseArgs(['--port', '--json'], spec), (err: Error) => err instanceof UsageError && !err.message.includes('\n'));
  });

  it('takes a value starting with a dash only in the --name=value form', () => {
    assert.equal(stringFlag(parseArgs(['--model=-x'], spec), 'model'), '-x');
  });

  it('refuses a non-integer where an integer is expected', () => {
    for (const v of ['abc', '1.5', '']) {
      assert.throws(() => intFlag(parseArgs([`--port=${v}`], spec), 'port', 0), /--port must be an integer/);
    }
  });
});
