using NativeNet.Tests.Reliability;

/// <summary>
/// The entry point of the reliability tests' child processes. The test SDK gives the test assembly an empty
/// Main; started with <c>DOTNET_STARTUP_HOOKS</c> naming this assembly, .NET calls <see cref="Initialize"/>
/// first, which runs the mode the parent asked for and exits. Startup hooks must be a type of this name
/// outside any namespace. In a normal test run no hook is configured and this class is never used.
/// </summary>
internal static class StartupHook
{
    public static void Initialize() => ChildProcess.RunRequestedMode();
}
