namespace NativeNet.Kernels;

/// <summary>
/// Element-wise, row-wise and column-wise kernels on spans: activations and their gradients, bias add,
/// max-shifted softmax, column statistics, arg-max and the small BLAS-1 helpers used by layers and optimizers.
/// </summary>
/// <remarks>
/// Conventions (as in TensorPrimitives): inputs <c>x</c>, <c>y</c>, output <c>destination</c>; matrices are
/// row-major <c>rows×cols</c>. A destination may be the very same span as an input (in-place); a partial
/// overlap throws <see cref="ArgumentException"/>; lengths that do not fit throw
/// <see cref="ShapeMismatchException"/>. Nothing here allocates. Float is the tuned path; double works.
/// One file per operation: the public methods and, at the bottom, the operator structs they run through
/// the shared drivers in <c>Kernels/Common</c>.
/// </remarks>
public static partial class ElementwiseKernels
{
}
