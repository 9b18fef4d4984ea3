using BenchCluster.Cli.Commands;
using BenchCluster.Gguf;
using BenchCluster.Grains.Worker;

namespace BenchCluster.Cli.Local;

/// <summary>
/// Puts a suite's model file where the local worker looks: a link named like the file in the local models folder.
/// A worker matches a path model by its file name, so the link must lead to this file and no other file of that name
/// with other contents may lie anywhere in the folder; a link left by an earlier run to another file is replaced,
/// anything else that would make the worker measure another file is refused before the cluster starts.
/// </summary>
internal static class LocalModelLinks
{
    public static async Task LinkAsync(string modelName, string path, string folder, CancellationToken cancellationToken)
    {
        var target = Path.GetFullPath(path);
        var file = Resolved(target);
        var link = Path.Combine(folder, Path.GetFileName(path));
        var existing = new FileInfo(link);
        if (existing.LinkTarget is not null)
        {
            if (Resolved(link) != file)
                Replace(link, target);
        }
        else if (existing.Exists && Resolved(link) != file)
        {
            throw new UserFacingException(
                $"model {modelName}: the local models folder already holds another file named {existing.Name} ({link}); a worker matches a path model by its file name, so rename {path} or remove {link}");
        }
        else if (!existing.Exists)
        {
            File.CreateSymbolicLink(link, target);
        }

        var digest = await ModelFileDigest.GetSha256Async(target, cancellationToken);
        foreach (var other in Directory.EnumerateFiles(folder, Path.GetFileName(path), SearchOption.AllDirectories))
        {
            if (Resolved(other) == file || await ModelFileDigest.GetSha256Async(other, cancellationToken) == digest)
                continue;
            throw new UserFacingException(
                $"model {modelName}: the local models folder also holds {other}, another file named {Path.GetFileName(path)} with other contents; " +
                $"a worker matches a path model by its file name ({ModelCatalog.ModelFilePattern} under the folder, subfolders included), so rename {path} or remove {other}");
        }
    }

    private static string Resolved(string path)
    {
        var file = new FileInfo(path);
        return (file.ResolveLinkTarget(returnFinalTarget: true) ?? file).FullName;
    }

    /// <summary>A new link beside the old one, renamed over it: the folder never lacks the name.</summary>
    private static void Replace(string link, string target)
    {
        var temporary = $"{link}.{Environment.ProcessId}.link";
        File.Delete(temporary);
        File.CreateSymbolicLink(temporary, target);
        File.Move(temporary, link, overwrite: true);
    }
}
