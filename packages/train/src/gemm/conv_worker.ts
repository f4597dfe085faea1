/** Worker thread entry: runs ConvJobs posted by ConvThreads and signals completion through shared memory. */
import { parentPort } from 'node:worker_threads';
import { runConvJob, type ConvJob } from './conv_jobs.js';

interface Message {
  job: ConvJob;
  control: SharedArrayBuffer;
}

const port = parentPort;
if (!port) throw new Error('conv_worker must run as a worker thread');
port.on('message', ({ job, control }: Message) => {
  const flag = new Int32Array(control);
  try {
    runConvJob(job);
    Atomics.store(flag, 0, 1);
  } catch (err) {
    console.error('conv worker failed:', err);
    Atomics.store(flag, 0, 2);
  }
  Atomics.notify(flag, 0);
});
