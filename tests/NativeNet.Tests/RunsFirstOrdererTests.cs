using Xunit.Sdk;
using Xunit.v3;

namespace NativeNet.Tests;

/// <summary>The orderer that runs the <see cref="RunsFirst"/> collection before the others.</summary>
[Collection(nameof(RunsFirst))]
public class RunsFirstOrdererTests
{
    [Fact]
    public void The_RunsFirst_collection_goes_first_and_the_others_keep_the_default_order()
    {
        // The collection this test runs in is the real RunsFirst collection, named as xunit names it.
        ITestCollection runsFirst = TestContext.Current.TestCollection!;
        ITestCollection[] others = [new FakeCollection("c3"), new FakeCollection("a1"), new FakeCollection("b2")];

        IReadOnlyCollection<ITestCollection> ordered =
            new RunsFirstOrderer().OrderTestCollections<ITestCollection>([others[0], runsFirst, others[1], others[2]]);

        Assert.Equal([runsFirst, .. DefaultTestCollectionOrderer.Instance.OrderTestCollections(others)], ordered);
    }

    private sealed record FakeCollection(string UniqueID) : ITestCollection
    {
        public ITestAssembly TestAssembly => throw new NotSupportedException();

        public string? TestCollectionClassName => null;

        public string TestCollectionDisplayName => "Test collection for " + UniqueID;

        public IReadOnlyDictionary<string, IReadOnlyCollection<string>> Traits { get; } =
            new Dictionary<string, IReadOnlyCollection<string>>();
    }
}
