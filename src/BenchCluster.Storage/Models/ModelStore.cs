using Npgsql;
using NpgsqlTypes;

namespace BenchCluster.Storage.Models;

/// <summary>Registers model files by content hash; the same file seen on several nodes is one row.</summary>
public sealed class ModelStore(NpgsqlDataSource dataSource)
{
    public async Task UpsertAsync(ModelRow model, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO models (sha256, file_name, architecture, parameter_count, file_size_bytes, quantization,
                context_length, is_synthetic, synthetic_preset, metadata)
            VALUES (@sha256, @file_name, @architecture, @parameter_count, @file_size_bytes, @quantization,
                @context_length, @is_synthetic, @synthetic_preset, @metadata)
            ON CONFLICT (sha256) DO UPDATE SET
                file_name = excluded.file_name, architecture = excluded.architecture,
                parameter_count = excluded.parameter_count, file_size_bytes = excluded.file_size_bytes,
                quantization = excluded.quantization, context_length = excluded.context_length,
                is_synthetic = excluded.is_synthetic, synthetic_preset = excluded.synthetic_preset,
                metadata = excluded.metadata
            """);
        command.With("sha256", model.Sha256)
            .With("file_name", model.FileName)
            .With("architecture", model.Architecture, NpgsqlDbType.Text)
            .With("parameter_count", model.ParameterCount, NpgsqlDbType.Bigint)
            .With("file_size_bytes", model.FileSizeBytes)
            .With("quantization", model.Quantization, NpgsqlDbType.Text)
            .With("context_length", model.ContextLength, NpgsqlDbType.Integer)
            .With("is_synthetic", model.IsSynthetic)
            .With("synthetic_preset", model.SyntheticPreset, NpgsqlDbType.Text)
            .WithJson("metadata", model.MetadataJson);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<ModelRow?> GetAsync(string sha256, CancellationToken cancellationToken = default) =>
        dataSource.ReadFirstAsync("SELECT * FROM models WHERE sha256 = @sha256", command => command.With("sha256", sha256), ReadModel, cancellationToken);

    private static ModelRow ReadModel(NpgsqlDataReader reader) => new()
    {
        Sha256 = reader.Get<string>("sha256"),
        FileName = reader.Get<string>("file_name"),
        Architecture = reader.GetNullableString("architecture"),
        ParameterCount = reader.GetNullable<long>("parameter_count"),
        FileSizeBytes = reader.Get<long>("file_size_bytes"),
        Quantization = reader.GetNullableString("quantization"),
        ContextLength = reader.GetNullable<int>("context_length"),
        IsSynthetic = reader.Get<bool>("is_synthetic"),
        SyntheticPreset = reader.GetNullableString("synthetic_preset"),
        MetadataJson = reader.Get<string>("metadata"),
    };
}
