namespace NativeNet.Optimizers;

/// <summary>
/// Which velocity the Nesterov parameter update multiplies by <c>m²</c>. The reference table
/// (reference.md §5) writes the update of Bengio et al. 2012 (arXiv:1212.0901), in terms of the old velocity;
/// the book's code updates the velocity first and then uses the new one. The two differ from the first step
/// on (by <c>m² · (v_new - v_old)</c>).
/// </summary>
public enum NesterovFormulation
{
    /// <summary>
    /// The book's code (<c>common/optimizer.py</c>), the default, so results match the reference runs:
    /// <c>v ← m · v - lr · g; W ← W + m² · v - (1 + m) · lr · g</c> with the NEW <c>v</c>.
    /// </summary>
    ReferenceCode = 0,

    /// <summary>
    /// The cited paper's update, <c>W ← W + m² · v - (1 + m) · lr · g; v ← m · v - lr · g</c> with the OLD
    /// <c>v</c>: exactly Sutskever's Nesterov momentum rewritten in terms of the look-ahead parameters.
    /// </summary>
    Bengio2012 = 1,
}
