using System.Globalization;

namespace BenchCluster.Testing;

/// <summary>
/// Child processes of a process, read from /proc (Linux): to check that a silo's engine children are gone, or to find
/// what a command started before stopping it.
/// </summary>
public static class ProcessTree
{
    public static IReadOnlyList<int> ChildrenOf(int parentPid)
    {
        var children = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                continue; // exited while we looked
            }
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (int.Parse(fields[1], CultureInfo.InvariantCulture) == parentPid)
                children.Add(pid);
        }
        return children;
    }

    /// <summary>Children, their children and so on (a snapshot: processes started later are not in it).</summary>
    public static IReadOnlyList<int> DescendantsOf(int pid)
    {
        var found = new List<int>();
        var next = new Queue<int>([pid]);
        while (next.Count > 0)
        {
            foreach (var child in ChildrenOf(next.Dequeue()))
            {
                found.Add(child);
                next.Enqueue(child);
            }
        }
        return found;
    }
}
