namespace NativeNet.Cli;

/// <summary>Arguments that parse but make no sense (an unknown experiment, a malformed list); exit code 2.</summary>
internal sealed class CliUsageException(string message) : Exception(message);

/// <summary>A command that could not finish (training diverged); exit code 1.</summary>
internal sealed class CliFailureException(string message) : Exception(message);
