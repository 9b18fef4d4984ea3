using BenchCluster.Hosting.Client;
using BenchCluster.Hosting.Identity;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Connections.Security;

namespace BenchCluster.Hosting.Tls;

/// <summary>
/// Mutual TLS on every Orleans connection: silo-to-silo (both ends hold node certificates) and client-to-gateway
/// (the client holds a node or user certificate). A peer without a certificate from the cluster CA is refused during
/// the handshake, before it can send a message.
/// </summary>
public static class ClusterTlsExtensions
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Also binds each gateway client to its certificate's name, which becomes submitted_by (<see cref="CallerIdentityFilter"/>).</summary>
    public static ISiloBuilder UseClusterTls(this ISiloBuilder silo, ClusterCredentials credentials)
    {
        silo.Services.AddSingleton<ConnectedClients>();
        silo.Services.AddSingleton<LocalCallers>();
        silo.AddIncomingGrainCallFilter<CallerIdentityFilter>();
        return silo.Configure<SiloConnectionOptions>(connections =>
        {
            connections.ConfigureSiloInboundConnection(b => b.UseServerTls(Options(b, credentials, CertificateRole.Node, "silo port")));
            connections.ConfigureGatewayInboundConnection(b =>
            {
                b.UseServerTls(Options(b, credentials, CertificateRole.User, "gateway"));
                b.UseGatewayIdentity();
            });
            connections.ConfigureSiloOutboundConnection(b => b.UseClientTls(Options(b, credentials, CertificateRole.Node, "silo")));
        });
    }

    /// <param name="refusals">Told about each failed connection, so a refused client fails instead of retrying forever.</param>
    public static IClientBuilder UseClusterTls(this IClientBuilder client, ClusterCredentials credentials, GatewayRefusals refusals) =>
        client.Configure<ClientConnectionOptions>(connections => connections.ConfigureConnection(b =>
        {
            b.Use(refusals.Observe);
            b.UseClientTls(Options(b, credentials, CertificateRole.Node, "gateway", refusals.RecordRejectedServer));
        }));

    /// <param name="peerRole">What the other end must be: <see cref="CertificateRole.User"/> admits nodes and users.</param>
    /// <param name="peer">Names the other end in a refusal's log line.</param>
    private static TlsOptions Options(IConnectionBuilder builder, ClusterCredentials credentials, CertificateRole peerRole, string peer,
        Action<string>? onRefusal = null)
    {
        var logger = builder.ApplicationServices.GetService<ILoggerFactory>()?.CreateLogger(typeof(ClusterTlsExtensions).FullName!);
        return new TlsOptions
        {
            LocalCertificate = credentials.Certificate,
            RemoteCertificateMode = RemoteCertificateMode.RequireCertificate,
            ClientCertificateMode = RemoteCertificateMode.RequireCertificate,
            HandshakeTimeout = HandshakeTimeout,
            // Replaces the system-store check: the peer must chain to the cluster CA. Host names are not checked;
            // silos are found by address in the membership table, and only the CA's holder can mint a node certificate.
            RemoteCertificateValidation = (certificate, _, _) =>
            {
                var problem = ClusterTrust.Check(certificate, credentials.Authority, peerRole);
                if (problem is not null)
                {
                    logger?.LogWarning("cluster connection refused ({Peer}): {Problem}", peer, problem);
                    onRefusal?.Invoke($"this client refused the {peer}'s certificate: {problem}");
                }
                return problem is null;
            },
        };
    }
}
