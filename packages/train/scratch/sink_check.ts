import { consoleSink, EpochProgress } from '../src/autokeras/progress.js';
const s = consoleSink();
const b = new EpochProgress('x', 180, s);
for (let i = 32; i < 180; i += 32) b.update(i, 1, 0.5);
b.finish('done');
