using Microsoft.Extensions.Logging;

namespace BenchCluster.Hosting.Silos;

/// <summary>Console logging for silo processes: our own events at Information, Orleans' and Npgsql's at Warning.</summary>
public static class SiloLogging
{
    public static void Configure(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss.fff ";
        });
        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Orleans", LogLevel.Warning);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("Npgsql", LogLevel.Warning);
        logging.AddFilter("Polly", LogLevel.Warning);
    }
}
