using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Tests.Suite;

public sealed class NodeSelectorTests
{
    private static readonly NodeDescription Gpu = new()
    {
        NodeName = "gpu-box-1", Device = DeviceKind.Gpu, DeviceName = "RTX 4090", RamBytes = 64_000_000_000, VramBytes = 25_757_220_864,
    };

    [Fact]
    public void Every_condition_must_hold()
    {
        Assert.True(new NodeSelector { Device = DeviceKind.Gpu, NamePattern = "gpu-*", MinVramGb = 24, MinRamGb = 32 }.Matches(Gpu));
        Assert.False(new NodeSelector { Device = DeviceKind.Cpu }.Matches(Gpu));
        Assert.False(new NodeSelector { NamePattern = "cpu-*" }.Matches(Gpu));
        Assert.False(new NodeSelector { MinVramGb = 26 }.Matches(Gpu));
        Assert.False(new NodeSelector { MinRamGb = 65 }.Matches(Gpu));
    }

    [Fact]
    public void No_selectors_select_every_node_and_several_select_their_union()
    {
        Assert.True(NodeSelector.MatchesAny([], Gpu));
        Assert.True(NodeSelector.MatchesAny([new NodeSelector { Device = DeviceKind.Cpu }, new NodeSelector { NamePattern = "GPU-BOX-?" }], Gpu));
        Assert.False(NodeSelector.MatchesAny([new NodeSelector { Device = DeviceKind.Cpu }], Gpu));
    }

    [Theory]
    [InlineData("*", "anything", true)]
    [InlineData("worker-?", "worker-1", true)]
    [InlineData("worker-?", "worker-10", false)]
    [InlineData("*-gpu-*", "eu-gpu-3", true)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "aXXbYY", false)]
    [InlineData("", "", true)]
    [InlineData("", "x", false)]
    public void Globs_match_like_a_shell(string pattern, string text, bool expected) =>
        Assert.Equal(expected, Glob.IsMatch(pattern, text));
}
