namespace Orchestrator.Agent;

/// <summary>An exclusive lock on the agent's data directory, so a second agent on it fails at once instead of fighting the first over its containers.</summary>
internal static class DataDirectoryLock
{
    public const string FileName = "agent.lock";

    /// <summary>Holds the lock until disposed (or the process ends); .NET takes FileShare.None on Linux as an flock.</summary>
    /// <exception cref="InvalidOperationException">Another agent holds it.</exception>
    public static FileStream Acquire(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(Path.GetFullPath(dataDirectory), FileName);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException(
                $"Another agent is already using the data directory {Path.GetDirectoryName(path)} ({path} is locked). Stop it, or give this one its own --data-dir.", e);
        }
    }
}
