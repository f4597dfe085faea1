import { Worker } from 'node:worker_threads';
const w = new Worker(new URL('../src/gemm/conv_worker.ts', import.meta.url));
w.on('error', (e) => console.log('error', e));
w.on('online', () => console.log('online'));
w.on('exit', (c) => console.log('exit', c));
setTimeout(() => { console.log('timeout'); process.exit(0); }, 5000);
