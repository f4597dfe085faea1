/** Worker thread entry: runs the jobs posted by TwoThreads and signals completion through shared memory. */
import { parentPort } from 'node:worker_threads';
import { runJob, type Job } from './jobs.js';

interface Message {
  readonly job: Job;
  readonly start: number;
  readonly end: number;
  readonly control: SharedArrayBuffer;
}

const port = parentPort;
if (!port) throw new Error('the training worker must run as a worker thread');
port.on('message', ({ job, start, end, control }: Message) => {
  const flag = new Int32Array(control);
  try {
    runJob(job, start, end);
    Atomics.store(flag, 0, 1);
  } catch (err) {
    console.error('training worker failed:', err);
    Atomics.store(flag, 0, 2);
  }
  Atomics.notify(flag, 0);
});
