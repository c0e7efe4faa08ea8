using System.Numerics;
using NativeNet.Layers;
using NativeNet.Memory;
using NativeNet.Randomness;
using NativeNet.Tensors;

namespace NativeNet.Gradients;

/// <summary>
/// Compares backpropagated gradients with central differences <c>(f(v + h) - f(v - h)) / 2h</c>, element
/// by element, like <c>torch.autograd.gradcheck</c>. A check runs two forward passes per checked element
/// and allocates freely: it is a test tool, not a training step.
/// <para>
/// Precision: tight tolerances (relative ~1e-6) need <c>double</c>; in <c>float</c> use a step of 1e-2 to
/// 1e-3 and tolerances near 1e-2 (<see cref="GradientCheckOptions.ForSingle"/>). Kinks: a function that is
/// not differentiable at a point (ReLU at 0) gives a meaningless central difference within h of it, so
/// draw inputs away from kinks (for ReLU, <c>|x| ≥ 1e-3</c> with h ≤ 1e-4). Stochastic layers must be made
/// deterministic first (<see cref="DropoutLayer{T}.ReuseMask"/>).
/// </para>
/// </summary>
public static class GradientCheck
{
    /// <summary>
    /// Checks a layer's gradients with respect to its input <c>x</c> and every parameter, for the scalar
    /// <c>L = Σ y ⊙ r</c> where <c>y</c> is the layer's output and <c>r</c> a fixed N(0, 1) tensor drawn from
    /// <see cref="GradientCheckOptions.Seed"/>, so that the analytic pass is <c>Backward</c> with <c>dy = r</c>.
    /// Parameters and state are restored afterwards; the store's gradients hold the analytic gradients.
    /// </summary>
    /// <param name="host">The bound, initialised layer.</param>
    /// <param name="x">The input batch <c>(N, D)</c>; it is copied, never written.</param>
    /// <param name="options">Step, tolerances, sampling, seed and forward mode; torch's defaults when null.</param>
    public static GradientCheckReport CheckLayer<T>(LayerHost<T> host, ReadOnlyTensorView<T> x, GradientCheckOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(host);
        options ??= new GradientCheckOptions();
        options.Validate();
        ILayer<T> layer = host.Layer;
        ParameterStore<T> store = host.Parameters;
        bool training = options.Training;

        T[] input = x.Span.ToArray(); // (N, D)
        Shape inputShape = x.Shape;
        var outputShape = new Shape(x.Rows, layer.OutputLength);
        var output = new T[outputShape.Length]; // (N, M)
        var weights = new T[outputShape.Length]; // (N, M) r = dL/dy
        new SeededRandom(options.Seed).FillGaussian<T>(weights, 1.0);
        T[] savedState = store.State.ToArray();

        T Loss()
        {
            layer.Forward(new ReadOnlyTensorView<T>(input, inputShape), new TensorView<T>(output, outputShape), training);
            return CompensatedDot(output, weights);
        }

        // Analytic: one forward, then backward with dy = r.
        Loss();
        var inputGradient = new T[input.Length]; // (N, D)
        store.ZeroGradients();
        layer.Backward(
            new ReadOnlyTensorView<T>(input, inputShape),
            new ReadOnlyTensorView<T>(output, outputShape),
            new ReadOnlyTensorView<T>(weights, outputShape),
            new TensorView<T>(inputGradient, inputShape));
        T[] parameterGradients = store.Gradients.ToArray();

        var entries = new List<GradientCheckEntry> { CheckTensor("x", Loss, input, inputGradient, options) };
        AddParameterEntries(entries, Loss, store, parameterGradients, options);
        savedState.CopyTo(store.State);
        return new GradientCheckReport(entries, options);
    }

    /// <summary>
    /// Checks a loss layer's gradient with respect to its scores <c>x</c>: <c>Backward</c> against central
    /// differences of the loss <c>Forward</c> returns.
    /// </summary>
    /// <param name="loss">The bound loss layer (planned for at least <c>x.Rows</c> samples).</param>
    /// <param name="x">The scores <c>(N, C)</c>; copied, never written.</param>
    /// <param name="labels">The labels, index or one-hot.</param>
    /// <param name="options">Step, tolerances and sampling; torch's defaults when null.</param>
    public static GradientCheckReport CheckLoss<T>(ILossLayer<T> loss, ReadOnlyTensorView<T> x, LabelBatch<T> labels, GradientCheckOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(loss);
        options ??= new GradientCheckOptions();
        options.Validate();

        T[] scores = x.Span.ToArray(); // (N, C)
        Shape shape = x.Shape;

        // A ref struct cannot be captured: keep the labels as arrays and rebuild the batch per call.
        bool isIndex = labels.IsIndex;
        int[] indices = isIndex ? labels.Indices.ToArray() : [];
        T[] oneHot = isIndex ? [] : labels.OneHot.Span.ToArray();
        Shape oneHotShape = isIndex ? default : labels.OneHot.Shape;
        LabelBatch<T> Labels() => isIndex
            ? LabelBatch<T>.FromIndices(indices)
            : LabelBatch<T>.FromOneHot(new ReadOnlyTensorView<T>(oneHot, oneHotShape));

        T Loss() => loss.Forward(new ReadOnlyTensorView<T>(scores, shape), Labels());

        Loss();
        var gradient = new T[scores.Length]; // (N, C)
        loss.Backward(new ReadOnlyTensorView<T>(scores, shape), Labels(), new TensorView<T>(gradient, shape));
        return new GradientCheckReport([CheckTensor("x", Loss, scores, gradient, options)], options);
    }

    /// <summary>
    /// Checks every parameter of a store, for whole networks: <paramref name="backward"/> must run a forward
    /// and a backward pass of the same loss <paramref name="loss"/> evaluates, adding its gradients into
    /// <paramref name="store"/> (the gradients are zeroed first). Each parameter value is then perturbed in
    /// place and restored exactly.
    /// </summary>
    /// <param name="loss">Evaluates the scalar loss from the store's current values (forward only).</param>
    /// <param name="backward">Computes the analytic gradients into the store.</param>
    /// <param name="store">The parameters the loss reads.</param>
    /// <param name="options">Step, tolerances and sampling; torch's defaults when null.</param>
    public static GradientCheckReport CheckParameters<T>(Func<T> loss, Action backward, ParameterStore<T> store, GradientCheckOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(backward);
        ArgumentNullException.ThrowIfNull(store);
        options ??= new GradientCheckOptions();
        options.Validate();

        store.ZeroGradients();
        backward();
        T[] analytic = store.Gradients.ToArray();
        var entries = new List<GradientCheckEntry>();
        AddParameterEntries(entries, loss, store, analytic, options);
        return new GradientCheckReport(entries, options);
    }

    /// <summary>
    /// The building block of the checks: compares <paramref name="analytic"/> with central differences of
    /// <paramref name="loss"/> with respect to <paramref name="values"/>, which the loss must read (it closes
    /// over the memory <paramref name="values"/> points into). Each value is restored exactly.
    /// </summary>
    /// <param name="name">The tensor's name in the report.</param>
    /// <param name="loss">Evaluates the scalar loss.</param>
    /// <param name="values">The tensor to perturb.</param>
    /// <param name="analytic">The backpropagated gradient, same length as <paramref name="values"/>.</param>
    /// <param name="options">Step, tolerances, sampling and seed; torch's defaults when null.</param>
    /// <exception cref="ShapeMismatchException">The gradient's length differs from the values'.</exception>
    public static GradientCheckEntry CheckTensor<T>(string name, Func<T> loss, Span<T> values, ReadOnlySpan<T> analytic, GradientCheckOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(loss);
        options ??= new GradientCheckOptions();
        options.Validate();
        if (analytic.Length != values.Length)
        {
            throw new ShapeMismatchException($"Gradient check of '{name}': {values.Length} values but {analytic.Length} analytic gradients.");
        }

        int[] positions = SamplePositions(values.Length, options);
        T h = T.CreateChecked(options.Epsilon);
        Span<T> numerical = stackalloc T[1];
        double worstAbsolute = 0;
        double worstRelative = 0;
        double worstExcess = double.NegativeInfinity;
        int worstIndex = -1;
        double worstAnalytic = 0;
        double worstNumerical = 0;
        bool passed = true;
        foreach (int i in positions)
        {
            NumericalDifferentiation.Gradient(loss, values.Slice(i, 1), numerical, h);
            double a = double.CreateChecked(analytic[i]);
            double n = double.CreateChecked(numerical[0]);
            double error = Math.Abs(a - n);
            double scale = Math.Max(Math.Abs(a), Math.Abs(n));
            double allowed = options.AbsoluteTolerance + (options.RelativeTolerance * Math.Abs(n));

            // NaN on either side fails: !(error <= allowed).
            bool ok = error <= allowed;
            passed &= ok;
            worstAbsolute = Math.Max(worstAbsolute, error); // Math.Max propagates NaN
            worstRelative = Math.Max(worstRelative, scale == 0 ? 0 : error / scale);
            double excess = ok ? error / Math.Max(allowed, double.Epsilon) : double.PositiveInfinity;
            if (excess > worstExcess || worstIndex < 0)
            {
                worstExcess = excess;
                worstIndex = i;
                worstAnalytic = a;
                worstNumerical = n;
            }
        }

        return new GradientCheckEntry(name, values.Length, positions.Length, worstAbsolute, worstRelative, worstIndex, worstAnalytic, worstNumerical, passed);
    }

    private static void AddParameterEntries<T>(List<GradientCheckEntry> entries, Func<T> loss, ParameterStore<T> store, T[] analytic, GradientCheckOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (ParameterSegment segment in store.Layout.Parameters)
        {
            entries.Add(CheckTensor(
                segment.Name,
                loss,
                store.Values.Slice(segment.Offset, segment.Length),
                analytic.AsSpan(segment.Offset, segment.Length),
                options));
        }
    }

    // Σ y·r in double with Neumaier compensation: the loss's own rounding must stay far below what the
    // check measures, whichever SIMD path (or none) a plain dot product would take.
    private static T CompensatedDot<T>(T[] y, T[] r)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double sum = 0;
        double compensation = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double term = double.CreateChecked(y[i]) * double.CreateChecked(r[i]);
            double next = sum + term;
            compensation += Math.Abs(sum) >= Math.Abs(term) ? (sum - next) + term : (term - next) + sum;
            sum = next;
        }

        return T.CreateChecked(sum + compensation);
    }

    // All positions, or a seeded sample of MaxElementsPerTensor distinct ones in increasing order.
    private static int[] SamplePositions(int length, GradientCheckOptions options)
    {
        var all = new int[length];
        for (int i = 0; i < length; i++)
        {
            all[i] = i;
        }

        if (length <= options.MaxElementsPerTensor)
        {
            return all;
        }

        var random = new SeededRandom(options.Seed ^ (ulong)length);
        int count = options.MaxElementsPerTensor;
        for (int i = 0; i < count; i++)
        {
            int j = i + random.NextInt(length - i);
            (all[i], all[j]) = (all[j], all[i]);
        }

        int[] sample = all[..count];
        Array.Sort(sample);
        return sample;
    }
}
