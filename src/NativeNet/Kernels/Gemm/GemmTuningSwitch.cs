namespace NativeNet.Kernels;

/// <summary>TEMPORARY dev switches for interleaved comparisons.</summary>
internal static class GemmTuningSwitch
{
    /// <summary>Disable the row-blocks-first order.</summary>
    public static bool NoRowBlocksFirst;

    /// <summary>Row block for the row-blocks-first order (0 = default).</summary>
    public static int RowBlockOverride;
}
