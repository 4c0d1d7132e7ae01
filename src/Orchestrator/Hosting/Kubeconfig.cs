using System.Security.Cryptography;

namespace Orchestrator.Hosting;

/// <summary>The admin token and the kubeconfig that lets a stock kubectl reach this cluster.</summary>
public static class Kubeconfig
{
    /// <summary>Reads the token kept in the data folder, or makes one on first start.</summary>
    public static string LoadOrCreateToken(string dataDir)
    {
        var path = Path.Combine(dataDir, "token");
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        File.WriteAllText(path, token);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return token;
    }

    public static string Write(string dataDir, string server, string token, string caPem)
    {
        var path = Path.Combine(dataDir, "kubeconfig");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: orchestrator
              cluster:
                server: {server}
                certificate-authority-data: {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(caPem))}
            users:
            - name: orchestrator-admin
              user:
                token: {token}
            contexts:
            - name: orchestrator
              context:
                cluster: orchestrator
                user: orchestrator-admin
                namespace: default
            current-context: orchestrator

            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return path;
    }
}
