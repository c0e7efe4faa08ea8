using Xunit.Sdk;
using Xunit.v3;

[assembly: TestCollectionOrderer(typeof(NativeNet.Tests.RunsFirstOrderer))]

namespace NativeNet.Tests;

/// <summary>
/// A collection of quick, exact tests that runs before all others. Mutation runs (docs/testing.md) run a mutant's
/// covering tests one at a time and stop at the first failure, so a mutant that only these tests can tell apart (the
/// width a kernel's vector loop takes, a layer's shape check) is killed in a second, instead of after 10-20 s of
/// property tests that pass whichever width runs. In other runs the order changes nothing.
/// </summary>
[CollectionDefinition(nameof(RunsFirst))]
public sealed class RunsFirst;

/// <summary>Puts the <see cref="RunsFirst"/> collection first and orders the others as xunit does by default.</summary>
public sealed class RunsFirstOrderer : ITestCollectionOrderer
{
    /// <inheritdoc />
    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : ITestCollection
    {
        List<TTestCollection> first = testCollections.Where(c => IsRunsFirst(c)).ToList();
        IReadOnlyCollection<TTestCollection> others =
            DefaultTestCollectionOrderer.Instance.OrderTestCollections(testCollections.Where(c => !IsRunsFirst(c)).ToList());
        return [.. first, .. others];
    }

    private static bool IsRunsFirst(ITestCollection collection) =>
        collection.TestCollectionClassName == typeof(RunsFirst).FullName;
}
