namespace NativeNet.Tests;

public class SmokeTests
{
    /// <summary>The core depends on the framework and System.Numerics.Tensors only (no console, no other package).</summary>
    [Fact]
    public void The_core_references_only_the_framework()
    {
        var core = typeof(NativeNet.Networks.Network<float>).Assembly;
        Assert.Equal("NativeNet", core.GetName().Name);
        string[] references = [.. core.GetReferencedAssemblies().Select(a => a.Name!)];
        Assert.Contains("System.Numerics.Tensors", references);
        Assert.All(references, name => Assert.True(name == "System" || name.StartsWith("System.", StringComparison.Ordinal), name));
        Assert.DoesNotContain("System.Console", references);
    }
}
