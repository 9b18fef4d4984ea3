namespace BenchCluster.Web.Tests;

/// <summary>All browser tests share one local coordinator and one browser, and run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}
