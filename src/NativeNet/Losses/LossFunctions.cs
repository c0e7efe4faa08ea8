using System.Numerics;

namespace NativeNet.Losses;

/// <summary>
/// The two losses of the book (ch. 4.2): the sum of squares error and the cross-entropy error,
/// for single samples and row-major mini-batches <c>y (N x C)</c>. Sums are accumulated in double for both
/// float and double inputs; the result is converted to the element type at the end.
/// </summary>
/// <remarks>
/// NaN anywhere in the values that enter a loss propagates: the result is NaN (no exception), so a trainer
/// can stop on a non-finite loss with its own clear message.
/// </remarks>
public static class LossFunctions
{
    /// <summary>
    /// The <c>1e-7</c> added inside the logarithm of the cross-entropy, <c>log(y + 1e-7)</c>, so that a
    /// probability of exactly zero gives the finite <c>log(1e-7) ≈ -16.1</c> instead of minus infinity.
    /// </summary>
    public const double CrossEntropyEpsilon = 1e-7;

    /// <summary>
    /// The sum of squares error <c>E = 0.5 · Σ_k (y_k - t_k)²</c> (the reference's <c>mean_squared_error</c>).
    /// For a batch pass the flattened <c>N x C</c> spans: as in the reference, the result is the total over the
    /// whole batch, NOT divided by <c>N</c>. For <c>y = [0.1, 0.05, 0.6, 0, 0.05, 0.1, 0, 0.1, 0, 0]</c> and
    /// the one-hot of class 2 it is <c>0.0975</c>.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="y">The network outputs.</param>
    /// <param name="t">The targets; same length as <paramref name="y"/>.</param>
    /// <returns>The error (zero for empty spans).</returns>
    /// <exception cref="ShapeMismatchException">The lengths differ.</exception>
    public static T SumOfSquares<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> t)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (y.Length != t.Length)
        {
            throw new ShapeMismatchException(
                $"Sum of squares error: y has length {y.Length} but t has length {t.Length}; they must be equal.", nameof(t));
        }

        return T.CreateTruncating(0.5 * SquaredDifferenceSum.Compute(y, t));
    }

    /// <summary>
    /// The cross-entropy error of a batch against target rows,
    /// <c>E = -(1/N) Σ_n Σ_k t[n,k] · log(y[n,k] + 1e-7)</c>. With one-hot rows this is
    /// <c>-(1/N) Σ_n log(y[n, t_n] + 1e-7)</c>, the same value as the index-label overload. A row that is not
    /// one-hot is treated as a target distribution (soft labels), not converted by <c>argmax</c>. Every element
    /// of <paramref name="y"/> enters the sum (multiplied by its target), so NaN anywhere gives NaN.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="y">Probabilities, <c>N x C</c> row-major (a single sample is <c>N = 1</c>).</param>
    /// <param name="oneHot">Targets, <c>N x C</c> row-major.</param>
    /// <param name="batch">The number of rows <c>N</c>; at least 1.</param>
    /// <param name="classes">The number of columns <c>C</c>; at least 1.</param>
    /// <returns>The mean error over the batch.</returns>
    /// <exception cref="ShapeMismatchException">A length is not <c>batch · classes</c>.</exception>
    public static T CrossEntropy<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> oneHot, int batch, int classes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        long expected = (long)batch * classes;
        if (y.Length != expected)
        {
            throw new ShapeMismatchException(
                $"Cross-entropy error: y has length {y.Length} but batch {batch} x classes {classes} needs {expected}.", nameof(y));
        }

        if (oneHot.Length != y.Length)
        {
            throw new ShapeMismatchException(
                $"Cross-entropy error: the targets have length {oneHot.Length} but y has length {y.Length} ({batch} x {classes}).",
                nameof(oneHot));
        }

        double sum = 0;
        for (int i = 0; i < y.Length; i++)
        {
            sum += double.CreateTruncating(oneHot[i]) * Math.Log(double.CreateTruncating(y[i]) + CrossEntropyEpsilon);
        }

        return T.CreateTruncating(-sum / batch);
    }

    /// <summary>
    /// The cross-entropy error of a batch against class indices, <c>E = -(1/N) Σ_n log(y[n, labels[n]] + 1e-7)</c>
    /// with <c>N = labels.Length</c>. Only the labelled probability of each row is read, so NaN elsewhere in a
    /// row does not reach the result. For the reference's <c>y1</c> and label 2 it is <c>0.510825457099338</c>.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="y">Probabilities, <c>N x C</c> row-major.</param>
    /// <param name="labels">One class index per row, each in <c>[0, classes)</c>; at least one.</param>
    /// <param name="classes">The number of columns <c>C</c>; at least 1.</param>
    /// <returns>The mean error over the batch.</returns>
    /// <exception cref="ShapeMismatchException"><paramref name="y"/> does not have <c>labels.Length · classes</c> elements.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside <c>[0, classes)</c> (the message names its index and value).</exception>
    public static T CrossEntropy<T>(ReadOnlySpan<T> y, ReadOnlySpan<int> labels, int classes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Stryker disable once Statement : with 0 classes every label is out of range; the label check throws the same type
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        if (labels.IsEmpty)
        {
            throw new ArgumentException("Cross-entropy error: the batch is empty (no labels).", nameof(labels));
        }

        long expected = (long)labels.Length * classes;
        if (y.Length != expected)
        {
            throw new ShapeMismatchException(
                $"Cross-entropy error: y has length {y.Length} but {labels.Length} labels x {classes} classes needs {expected}.",
                nameof(y));
        }

        double sum = 0;
        for (int n = 0; n < labels.Length; n++)
        {
            int label = labels[n];
            if ((uint)label >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(labels), label, $"Label at index {n} is {label}, outside the class range [0, {classes}).");
            }

            sum += Math.Log(double.CreateTruncating(y[(n * classes) + label]) + CrossEntropyEpsilon);
        }

        return T.CreateTruncating(-sum / labels.Length);
    }

    /// <summary>
    /// The cross-entropy error of one sample against its class index, <c>E = -log(y[label] + 1e-7)</c>
    /// (a batch of one).
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="y">The sample's probabilities; its length is the number of classes.</param>
    /// <param name="label">The class index, in <c>[0, y.Length)</c>.</param>
    /// <returns>The error.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The label is outside <c>[0, y.Length)</c>.</exception>
    public static T CrossEntropy<T>(ReadOnlySpan<T> y, int label)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        CrossEntropy(y, new ReadOnlySpan<int>(in label), y.Length);

    /// <summary>
    /// The cross-entropy error of one sample against a target row, <c>E = -Σ_k t_k · log(y_k + 1e-7)</c>
    /// (a batch of one; see the batch overload for soft targets and NaN).
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="y">The sample's probabilities.</param>
    /// <param name="oneHot">The target row; same length as <paramref name="y"/>.</param>
    /// <returns>The error.</returns>
    /// <exception cref="ShapeMismatchException">The lengths differ.</exception>
    public static T CrossEntropy<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> oneHot)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        CrossEntropy(y, oneHot, 1, y.Length);
}
