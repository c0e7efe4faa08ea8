using System.Numerics;
using NativeNet.Layers;

namespace NativeNet.Networks;

/// <summary>Counts predicted classes equal to their labels, for the accuracy of networks and inference sessions.</summary>
internal static class LabelMatches
{
    /// <summary>How many <paramref name="predicted"/>[i] equal the label of sample <paramref name="start"/> + i (the arg-max of a one-hot row).</summary>
    public static int Count<T>(ReadOnlySpan<int> predicted, LabelBatch<T> labels, int start)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int correct = 0;
        for (int i = 0; i < predicted.Length; i++)
        {
            int label = labels.IsIndex ? labels.Indices[start + i] : ArgMax(labels.OneHot.Row(start + i));
            if (predicted[i] == label)
            {
                correct++;
            }
        }

        return correct;
    }

    private static int ArgMax<T>(ReadOnlySpan<T> row)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int best = 0;
        for (int j = 1; j < row.Length; j++)
        {
            if (row[j] > row[best])
            {
                best = j;
            }
        }

        return best;
    }
}
