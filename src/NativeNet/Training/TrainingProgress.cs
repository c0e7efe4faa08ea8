namespace NativeNet.Training;

/// <summary>A progress report, sent after every iteration and after every epoch's evaluation.</summary>
/// <param name="Iteration">Iterations done so far.</param>
/// <param name="TotalIterations">Iterations planned.</param>
/// <param name="Epoch">Epochs completed.</param>
/// <param name="Loss">The loss of the last mini-batch.</param>
/// <param name="TrainAccuracy">The training accuracy of the last completed epoch, or NaN before the first.</param>
/// <param name="TestAccuracy">The test accuracy of the last completed epoch, or NaN before the first or without a test set.</param>
/// <param name="IsEpochEnd">True when this report follows an epoch's evaluation.</param>
public readonly record struct TrainingProgress(
    long Iteration,
    long TotalIterations,
    int Epoch,
    double Loss,
    double TrainAccuracy,
    double TestAccuracy,
    bool IsEpochEnd);
