using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace BenchCluster.Hosting.Tls;

/// <summary>
/// The cluster's own certificate authority: a self-signed CA that issues node and user certificates. Peers are
/// validated against it alone (never the system store), so holding a certificate it issued is what membership means.
/// </summary>
public static partial class CertificateAuthority
{
    public static readonly TimeSpan AuthorityValidity = TimeSpan.FromDays(3650);
    public static readonly TimeSpan DefaultCertificateValidity = TimeSpan.FromDays(365);
    // A clock a few minutes behind on another host must not reject a certificate issued just now.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private const string Organization = "BenchCluster";
    private const int SerialBytes = 16;

    public static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    public static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")]
    private static partial Regex NamePattern();

    /// <summary>Refuses a name that would be ambiguous in a subject or a file name.</summary>
    public static string CheckName(string name) => NamePattern().IsMatch(name)
        ? name
        : throw new ArgumentException($"certificate name '{name}' is not allowed: use 1-64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");

    /// <summary>A new CA certificate with its private key.</summary>
    public static X509Certificate2 CreateAuthority(string clusterName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject($"{CheckName(clusterName)} cluster CA"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now - ClockSkew, now + AuthorityValidity);
    }

    /// <summary>A certificate for <paramref name="name"/> signed by <paramref name="authority"/> (which must hold its private key).</summary>
    public static X509Certificate2 Issue(X509Certificate2 authority, string name, CertificateRole role, IEnumerable<IPAddress> addresses, TimeSpan validity)
    {
        if (!authority.HasPrivateKey)
            throw new ArgumentException($"the CA certificate {authority.Subject} has no private key; issuing needs the CA's key file");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject(CheckName(name)), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var usages = new OidCollection { ClientAuthentication };
        if (role == CertificateRole.Node)
            usages.Add(ServerAuthentication);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, true));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        foreach (var address in addresses)
            names.AddIpAddress(address);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        var serial = RandomNumberGenerator.GetBytes(SerialBytes);
        serial[0] &= 0x7f;
        var now = DateTimeOffset.UtcNow;
        var notAfter = now + validity < authority.NotAfter ? now + validity : new DateTimeOffset(authority.NotAfter.ToUniversalTime());
        using var issued = request.Create(authority, now - ClockSkew, notAfter, serial);
        return issued.CopyWithPrivateKey(key);
    }

    private static X500DistinguishedName Subject(string commonName)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddOrganizationName(Organization);
        builder.AddCommonName(commonName);
        return builder.Build();
    }
}
