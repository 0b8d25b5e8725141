import v8 from 'node:v8';
import vm from 'node:vm';

// Memory measured the one way the tests and benchmarks use: live bytes after full
// collections. Compiled intervals live in typed arrays whose storage V8 keeps outside the JS
// heap, so live is `heapUsed + arrayBuffers`.

/** `global.gc`, exposing it at run time when node was not started with --expose-gc. */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

const gc = collector();

/** Live memory after full collections: `heapUsed + arrayBuffers`. */
export function liveBytes(): number {
  gc();
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}
