using Orchestrator.Benchmarks;

// --scheduler-core needs no server: the pure scheduling core's phases alone (with --quick: small).
return args.Contains("--scheduler-core")
    ? SchedulerBench.ExecuteCoreOnly(quick: args.Contains("--quick"))
    : await BenchmarkRun.MainAsync(args);
