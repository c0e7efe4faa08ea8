using System.Numerics;
using System.Runtime.CompilerServices;

namespace NativeNet.Randomness;

/// <summary>
/// The library's explicit random state: xoshiro256** seeded through SplitMix64. Unlike
/// <see cref="Random"/>, its sequence is specified, so the same seed gives the same weights, dropout
/// masks and batches on every .NET version and machine. Not thread-safe: give each thread its own
/// instance (see <see cref="Fork"/>).
/// </summary>
public sealed class SeededRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double _spareGaussian;
    private bool _hasSpare;

    /// <summary>Creates a generator whose whole sequence is fixed by <paramref name="seed"/>.</summary>
    public SeededRandom(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with the next values of <see cref="NextUInt64"/>, in order (the same
    /// sequence one call at a time would give), keeping the state in registers: for bulk draws such as dropout masks.
    /// </summary>
    public void NextUInt64s(Span<ulong> destination)
    {
        ulong s0 = _s0, s1 = _s1, s2 = _s2, s3 = _s3;
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = BitOperations.RotateLeft(s1 * 5, 7) * 9;
            ulong t = s1 << 17;
            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = BitOperations.RotateLeft(s3, 45);
        }

        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform float in [0, 1) with 24 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1U << 24));

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias (Lemire's method).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        ulong bound = (ulong)maxExclusive;
        ulong m = (NextUInt64() >> 32) * bound;
        if ((uint)m < bound)
        {
            // Reject the few low products that would make some results more likely than others.
            uint threshold = (uint)((0x1_0000_0000UL - bound) % bound);
            while ((uint)m < threshold)
            {
                m = (NextUInt64() >> 32) * bound;
            }
        }

        return (int)(m >> 32);
    }

    /// <summary>A standard normal sample (Box–Muller; the second value of each pair is kept for the next call).</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareGaussian;
        }

        double u1 = 1.0 - NextDouble(); // (0, 1]: log stays finite
        double u2 = NextDouble();
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        (double sin, double cos) = Math.SinCos(2.0 * Math.PI * u2);
        _spareGaussian = radius * sin;
        _hasSpare = true;
        return radius * cos;
    }

    /// <summary>Fills <paramref name="destination"/> with <c>scale · N(0, 1)</c> samples.</summary>
    public void FillGaussian<T>(Span<T> destination, double scale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = T.CreateTruncating(scale * NextGaussian());
        }
    }

    /// <summary>Shuffles <paramref name="values"/> in place (Fisher–Yates).</summary>
    public void Shuffle<TItem>(Span<TItem> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    /// <summary>The whole state (for checkpoints): the next draws after <see cref="Restore"/> are those this generator would have made.</summary>
    internal SeededRandomState Capture() => new(_s0, _s1, _s2, _s3, _spareGaussian, _hasSpare);

    /// <summary>Continues from a state <see cref="Capture"/> returned.</summary>
    /// <exception cref="ArgumentException">The state is all zero, which xoshiro256** never reaches.</exception>
    internal void Restore(SeededRandomState state)
    {
        if ((state.S0 | state.S1 | state.S2 | state.S3) == 0)
        {
            throw new ArgumentException("An all-zero xoshiro256** state is invalid.", nameof(state));
        }

        (_s0, _s1, _s2, _s3, _spareGaussian, _hasSpare) = (state.S0, state.S1, state.S2, state.S3, state.SpareGaussian, state.HasSpare);
    }

    /// <summary>A new generator whose seed is drawn from this one: independent streams for workers or trials.</summary>
    public SeededRandom Fork() => new(NextUInt64());

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
