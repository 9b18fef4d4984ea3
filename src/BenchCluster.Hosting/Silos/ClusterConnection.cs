namespace BenchCluster.Hosting.Silos;

/// <summary>Where the cluster meets: the Postgres that holds the membership table, and the cluster's name in it.</summary>
public sealed record ClusterConnection(string PostgresConnectionString, string ClusterId = ClusterConnection.DefaultClusterId)
{
    public const string DefaultClusterId = "benchcluster";
    /// <summary>Orleans' ADO.NET invariant for Npgsql.</summary>
    public const string AdoNetInvariant = "Npgsql";
    public const string ServiceId = "benchcluster";
}
