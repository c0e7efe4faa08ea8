namespace NativeNet.Randomness;

/// <summary>The complete state of a <see cref="SeededRandom"/>: the four xoshiro256** words and the kept Gaussian.</summary>
internal readonly record struct SeededRandomState(ulong S0, ulong S1, ulong S2, ulong S3, double SpareGaussian, bool HasSpare);
