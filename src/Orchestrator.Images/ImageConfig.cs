namespace Orchestrator.Images;

/// <summary>What an image's config blob says about how to run it.</summary>
public sealed record ImageConfig(
    IReadOnlyList<string> Entrypoint,
    IReadOnlyList<string> Cmd,
    IReadOnlyList<string> Env,
    string WorkingDir,
    string User,
    string Os,
    string Architecture);
