namespace NativeNet.Data;

/// <summary>Seeded random permutations, shared by dataset shuffling and the batch sampler.</summary>
internal static class Permutation
{
    /// <summary>Writes 0, 1, ..., n-1 into <paramref name="destination"/> and shuffles it.</summary>
    public static void FillRandom(Span<int> destination, Random random)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = i;
        }

        Shuffle(destination, random);
    }

    /// <summary>
    /// Fisher-Yates: for i from n-1 down to 1 swap element i with a uniform j in [0, i], which makes every
    /// permutation equally likely whatever the starting order. Allocates nothing.
    /// </summary>
    public static void Shuffle(Span<int> values, Random random)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }
}
