// Loaded with --require by the benchmark: reports the child process's peak memory when it exits.
process.on('exit', () => {
  process.stderr.write(`maxRSS=${process.resourceUsage().maxRSS}\n`);
});
