using NativeNet.Randomness;

namespace NativeNet.Tuning;

/// <summary>
/// Derives every random stream of a trial from (search seed, round, trial index) alone, by hashing them with a
/// purpose tag: the hyperparameter draws (one stream per parameter), the weight initialisation and dropout, and
/// the mini-batch sampling. So a trial gives the same result on any machine, in any order, in any process, and
/// the validation split (which depends on the seed only) is shared by all trials.
/// </summary>
public static class TrialSeeds
{
    /// <summary>The seed of the network (weights and dropout masks) of a trial.</summary>
    public static ulong Network(int seed, int round, int trialIndex) => Hash(seed, round, trialIndex, "network");

    /// <summary>The seed of the mini-batch sampler of a trial.</summary>
    public static int Sampling(int seed, int round, int trialIndex) => (int)(Hash(seed, round, trialIndex, "sampling") >> 33);

    /// <summary>The generator that draws one parameter's value for a trial.</summary>
    internal static SeededRandom ParameterRandom(int seed, int round, int trialIndex, string parameterName) =>
        new(Hash(seed, round, trialIndex, "parameter:" + parameterName));

    /// <summary>FNV-1a over the inputs, finished with a SplitMix64 mix so that nearby indices give unrelated seeds.</summary>
    private static ulong Hash(int seed, int round, int trialIndex, string purpose)
    {
        const ulong Offset = 14695981039346656037UL;
        const ulong Prime = 1099511628211UL;
        ulong h = Offset;
        h = Mix(h, (uint)seed, Prime);
        h = Mix(h, (uint)round, Prime);
        h = Mix(h, (uint)trialIndex, Prime);
        foreach (char c in purpose)
        {
            h = (h ^ c) * Prime;
        }

        h ^= h >> 30;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 27;
        h *= 0x94D049BB133111EBUL;
        return h ^ (h >> 31);
    }

    private static ulong Mix(ulong h, uint value, ulong prime)
    {
        for (int shift = 0; shift < 32; shift += 8)
        {
            h = (h ^ ((value >> shift) & 0xFF)) * prime;
        }

        return h;
    }
}
