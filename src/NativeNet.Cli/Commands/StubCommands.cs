using System.CommandLine;

namespace NativeNet.Cli.Commands;

internal static class TrainCommand
{
    public static Command Create(CliConsole console) => new("train", "Train a network (available once the network code is merged).");
}

internal static class EvalCommand
{
    public static Command Create(CliConsole console) => new("eval", "Evaluate a model.");
}

internal static class PredictCommand
{
    public static Command Create(CliConsole console) => new("predict", "Classify images.");
}
