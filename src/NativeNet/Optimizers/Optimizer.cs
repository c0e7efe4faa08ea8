using System.Numerics;

namespace NativeNet.Optimizers;

/// <summary>
/// A parameter-update method over one flat parameter buffer and its gradient buffer (all of a network's W, b,
/// gamma, beta laid end to end). Its state (velocity, squared-gradient sums, moments) lives in flat buffers of
/// the same length, allocated by the constructor, never lazily. <see cref="Step"/> is one fused, vectorised
/// pass over parameters, gradients and state that allocates nothing.
/// </summary>
/// <remarks>
/// Call <see cref="Step"/> once per training iteration with the whole buffer (Adam's bias correction counts
/// steps). Weight decay is not applied here: the network adds <c>λW</c> to the weight gradients first. An
/// optimizer is not thread-safe. Supported element types: <see cref="float"/> and <see cref="double"/>.
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
public abstract class Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[][] _state;
    private readonly string[] _stateNames;
    private T _learningRate;
    private long _stepCount;

    /// <summary>
    /// Allocates every state buffer (zero-filled, <paramref name="parameterCount"/> elements each).
    /// </summary>
    /// <param name="parameterCount">The length of the parameter and gradient buffers; zero or more.</param>
    /// <param name="learningRate">The learning rate; finite and greater than zero.</param>
    /// <param name="stateBufferNames">One name per state buffer (for example "velocity"), in the order of <see cref="GetStateBuffer"/>.</param>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    protected Optimizer(int parameterCount, T learningRate, params string[] stateBufferNames)
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            throw new NotSupportedException($"Optimizers support float and double, not {typeof(T).Name}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        ArgumentNullException.ThrowIfNull(stateBufferNames);
        ParameterCount = parameterCount;
        LearningRate = learningRate;
        _stateNames = stateBufferNames;
        _state = new T[stateBufferNames.Length][];
        for (int i = 0; i < _state.Length; i++)
        {
            _state[i] = new T[parameterCount];
        }
    }

    /// <summary>The number of parameters this optimizer updates; every buffer passed to <see cref="Step"/> has this length.</summary>
    public int ParameterCount { get; }

    /// <summary>The lowercase name the factory knows this method by ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam").</summary>
    public abstract string Name { get; }

    /// <summary>The learning rate <c>lr</c>; may be changed between steps (for schedules). Finite and greater than zero.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero, negative, infinite or NaN.</exception>
    public T LearningRate
    {
        get => _learningRate;
        set => _learningRate = Hyperparameter.RequirePositive(value, nameof(LearningRate));
    }

    /// <summary>
    /// The number of steps taken since construction or <see cref="Reset"/>. Adam's bias correction uses it as
    /// <c>t</c>; setting it (when resuming from a model file) restores that schedule. Zero or more.
    /// </summary>
    public long StepCount
    {
        get => _stepCount;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _stepCount = value;
        }
    }

    /// <summary>The number of state buffers (0 for SGD, 1 for Momentum/Nesterov/AdaGrad/RMSprop, 2 for Adam).</summary>
    public int StateBufferCount => _state.Length;

    /// <summary>
    /// State buffer <paramref name="index"/>, writable, <see cref="ParameterCount"/> elements: for saving the
    /// state with a model and restoring it to resume training.
    /// </summary>
    /// <param name="index">In <c>[0, StateBufferCount)</c>.</param>
    /// <returns>The live buffer (not a copy).</returns>
    public Span<T> GetStateBuffer(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _state.Length);
        return _state[index];
    }

    /// <summary>The name of state buffer <paramref name="index"/> as in the formulas ("velocity", "h", "m", "v").</summary>
    /// <param name="index">In <c>[0, StateBufferCount)</c>.</param>
    /// <returns>The name.</returns>
    public string GetStateBufferName(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _state.Length);
        return _stateNames[index];
    }

    /// <summary>
    /// Updates <paramref name="parameters"/> in place from <paramref name="gradients"/> and advances the state
    /// and <see cref="StepCount"/>. <paramref name="gradients"/> may be the very same buffer as
    /// <paramref name="parameters"/> but must not partly overlap it.
    /// </summary>
    /// <param name="parameters">All parameters; <see cref="ParameterCount"/> elements.</param>
    /// <param name="gradients">The loss gradient for each parameter; <see cref="ParameterCount"/> elements.</param>
    /// <exception cref="ShapeMismatchException">A length differs from <see cref="ParameterCount"/>.</exception>
    public void Step(Span<T> parameters, ReadOnlySpan<T> gradients)
    {
        if (parameters.Length != ParameterCount)
        {
            throw new ShapeMismatchException(
                $"{Name}: the parameter buffer has length {parameters.Length} but the optimizer was built for {ParameterCount}.",
                nameof(parameters));
        }

        if (gradients.Length != ParameterCount)
        {
            throw new ShapeMismatchException(
                $"{Name}: the gradient buffer has length {gradients.Length} but the optimizer was built for {ParameterCount}.",
                nameof(gradients));
        }

        if (((ReadOnlySpan<T>)parameters).Overlaps(gradients, out int offset) && offset != 0)
        {
            throw new ArgumentException($"{Name}: the gradient buffer partly overlaps the parameter buffer.", nameof(gradients));
        }

        _stepCount++;
        StepCore(parameters, gradients);
    }

    /// <summary>Zeroes every state buffer and <see cref="StepCount"/>, as if freshly constructed.</summary>
    public virtual void Reset()
    {
        foreach (T[] buffer in _state)
        {
            Array.Clear(buffer);
        }

        _stepCount = 0;
    }

    /// <summary>
    /// The update itself, one fused pass; lengths are already checked and <see cref="StepCount"/> already
    /// counts this step.
    /// </summary>
    /// <param name="parameters">All parameters, <see cref="ParameterCount"/> elements.</param>
    /// <param name="gradients">Their gradients, <see cref="ParameterCount"/> elements.</param>
    protected abstract void StepCore(Span<T> parameters, ReadOnlySpan<T> gradients);

    /// <summary>The state buffer array itself, for a subclass to keep in a field.</summary>
    /// <param name="index">In <c>[0, StateBufferCount)</c>.</param>
    /// <returns>The array.</returns>
    protected T[] StateArray(int index) => _state[index];
}
