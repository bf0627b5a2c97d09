// Loaded into a benchmarked sps-tui with --expose-gc: prints the heap still in use after a full
// collection at exit, which tells retained memory (a leak) from garbage V8 had not yet collected.
process.on('exit', () => {
  global.gc();
  process.stderr.write(`live-heap-bytes ${process.memoryUsage().heapUsed}\n`);
});
