import { Worker } from 'node:worker_threads';

// Compiles the module with swc (as jest does) and calls the export; CommonJS, run by `eval`.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Module = require('node:module');
const { transformFileSync } = require(workerData.swcPath);
const { code } = transformFileSync(workerData.modulePath, {
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  module: { type: 'commonjs' },
});
const loaded = new Module(workerData.modulePath);
loaded.filename = workerData.modulePath;
loaded._compile(code, workerData.modulePath);
parentPort.postMessage(loaded.exports[workerData.exportName](...workerData.args));
`;

const running = new Set<Worker>();

/**
 * Calls an exported function of a TypeScript module in a worker thread and answers its result. For
 * tests of code that could block the event loop (a regex that backtracks): on the test's own thread
 * a call that takes a minute still passes, as nothing can interrupt it; in a worker the test waits
 * asynchronously, so jest's ordinary timeout fails it. Call `endWorkers()` in afterAll.
 */
export function callInWorker<T>(modulePath: string, exportName: string, args: unknown[]): Promise<T> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { modulePath, exportName, args, swcPath: require.resolve('@swc/core') },
  });
  running.add(worker);
  return new Promise<T>((resolve, reject) => {
    worker.once('message', (value: T) => resolve(value));
    worker.once('error', reject);
    worker.once('exit', () => {
      running.delete(worker);
      reject(new Error(`${exportName} ended without an answer`));
    });
  }).finally(() => void worker.terminate());
}

/** Stops workers still busy (a call that timed out). */
export async function endWorkers(): Promise<void> {
  await Promise.all([...running].map((worker) => worker.terminate()));
}
