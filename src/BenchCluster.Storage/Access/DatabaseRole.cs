namespace BenchCluster.Storage.Access;

/// <summary>
/// The part of BenchCluster a Postgres login serves; infra/sql/V006__roles.sql grants each only the statements that
/// part runs, and <c>infra/postgres.sh url --role NAME</c> prints its connection string (NAME: the member's name in
/// lower case).
/// </summary>
public enum DatabaseRole
{
    /// <summary>Owns the schema: migrates, plans runs and jobs, dispatches, aggregates results.</summary>
    Coordinator,

    /// <summary>A worker silo: membership, its node and models, samples and the outcome of its running attempts.</summary>
    Worker,

    /// <summary>The CLI's read commands and the cluster client: SELECT only.</summary>
    Reader,
}
