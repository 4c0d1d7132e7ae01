using Orchestrator.Hosting;

return await OrchestratorCommand.Build().Parse(args).InvokeAsync();
