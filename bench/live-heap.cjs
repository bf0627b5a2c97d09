// Loaded into a benchmarked sps-tui with --expose-gc: every two seconds and at exit, a full
// collection, then the heap still in use. The largest of these is what the run retains (a leak
// grows it), as opposed to garbage V8 had not yet collected, which peak RSS also counts.
let largest = 0;
const sample = () => {
  global.gc();
  largest = Math.max(largest, process.memoryUsage().heapUsed);
};
setInterval(sample, 2000).unref();
process.on('exit', () => {
  sample();
  process.stderr.write(`live-heap-bytes ${largest}\n`);
});
