using Orchestrator.Benchmarks;

return await BenchmarkRun.MainAsync(args);
