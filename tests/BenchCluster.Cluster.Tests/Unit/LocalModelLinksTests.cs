using BenchCluster.Cli.Commands;
using BenchCluster.Cli.Local;
using BenchCluster.Testing;

namespace BenchCluster.Cluster.Tests.Unit;

/// <summary>
/// Local mode links a suite's model file into the local models folder, where the worker matches it by file name: a
/// link an earlier run left to another file of that name is replaced, and another file of that name with other
/// contents anywhere in the folder is refused before anything starts (it once made a run score an older model).
/// </summary>
public sealed class LocalModelLinksTests : IDisposable
{
    private readonly string _root = RepositoryPaths.Scratch($"{nameof(LocalModelLinksTests)}-{Guid.NewGuid():N}");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, string contents)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, contents);
        return path;
    }

    [Fact]
    public async Task A_missing_link_is_created_and_a_stale_one_is_replaced_by_a_link_to_the_named_file()
    {
        var models = Directory.CreateDirectory(Path.Combine(_root, "models")).FullName;
        var older = Write("elsewhere/old/model.gguf", "old weights");
        var newer = Write("elsewhere/new/model.gguf", "new weights");

        await LocalModelLinks.LinkAsync("m", older, models, CancellationToken.None);
        Assert.Equal(older, new FileInfo(Path.Combine(models, "model.gguf")).LinkTarget);

        await LocalModelLinks.LinkAsync("m", newer, models, CancellationToken.None);
        Assert.Equal(newer, new FileInfo(Path.Combine(models, "model.gguf")).LinkTarget);
        Assert.Equal("new weights", File.ReadAllText(Path.Combine(models, "model.gguf")));
        Assert.Single(Directory.EnumerateFileSystemEntries(models));
    }

    [Fact]
    public async Task Another_file_of_the_name_with_other_contents_in_the_folder_is_refused_naming_both_and_the_fix()
    {
        var models = Directory.CreateDirectory(Path.Combine(_root, "models")).FullName;
        var family = Write("models/family-a/model.gguf", "family a");
        var named = Write("models/family-b/model.gguf", "family b");

        var error = await Assert.ThrowsAsync<UserFacingException>(() => LocalModelLinks.LinkAsync("b", named, models, CancellationToken.None));

        Assert.Contains($"model b: the local models folder also holds {family}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"rename {named} or remove {family}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_copy_with_the_same_contents_is_no_clash_but_a_plain_file_of_the_name_in_the_folder_is_never_overwritten()
    {
        var models = Directory.CreateDirectory(Path.Combine(_root, "models")).FullName;
        Write("models/backup/model.gguf", "same weights");
        var named = Write("mine/model.gguf", "same weights");
        await LocalModelLinks.LinkAsync("m", named, models, CancellationToken.None);
        Assert.Equal(named, new FileInfo(Path.Combine(models, "model.gguf")).LinkTarget);

        var plain = Write("models/plain.gguf", "a forged file");
        var other = Write("mine/plain.gguf", "user weights");
        var error = await Assert.ThrowsAsync<UserFacingException>(() => LocalModelLinks.LinkAsync("p", other, models, CancellationToken.None));
        Assert.Contains($"already holds another file named plain.gguf ({plain})", error.Message, StringComparison.Ordinal);
        Assert.Equal("a forged file", File.ReadAllText(plain));
    }
}
