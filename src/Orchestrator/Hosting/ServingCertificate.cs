using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Orchestrator.Hosting;

/// <summary>
/// The API server's TLS certificate: self-signed for 127.0.0.1 and localhost, made on first start and kept in
/// the data folder. kubectl only sends credentials over TLS, so even the embedded cluster serves HTTPS; the
/// kubeconfig trusts exactly this certificate.
/// </summary>
public static class ServingCertificate
{
    public static X509Certificate2 LoadOrCreate(string dataDir)
    {
        var path = Path.Combine(dataDir, "serving.pfx");
        if (File.Exists(path))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
        }
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=orchestrator-apiserver", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
    }

    /// <summary>The certificate as PEM, for the kubeconfig's certificate-authority-data.</summary>
    public static string Pem(X509Certificate2 certificate) => certificate.ExportCertificatePem();
}
