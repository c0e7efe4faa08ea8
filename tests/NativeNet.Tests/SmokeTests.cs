namespace NativeNet.Tests;

public class SmokeTests
{
    [Fact]
    public void CoreAssemblyLoads() => Assert.Equal("NativeNet.Datasets", typeof(NativeNet.Datasets.BundledMnist).Assembly.GetName().Name);
}
