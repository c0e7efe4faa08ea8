using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace NativeNet.Tests.Layers;

/// <summary>Runs an FsCheck property from a fixed seed, so every run sees the same random cases.</summary>
internal static class PropertyRunner
{
    public static void ForAll<TCase>(Gen<TCase> generator, Func<TCase, IEnumerable<TCase>> shrink, Action<TCase> property, int maxTest, ulong seed = 20240611)
    {
        Config config = Config.QuickThrowOnFailure
            .WithMaxTest(maxTest)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));
        Check.One(config, Prop.ForAll(Arb.From(generator, shrink), property));
    }
}
