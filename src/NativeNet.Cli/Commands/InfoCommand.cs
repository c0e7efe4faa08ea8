using System.CommandLine;
using System.Numerics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Spectre.Console;

namespace NativeNet.Cli.Commands;

/// <summary><c>nativenet info</c>: version, runtime, and which SIMD width the kernels run on this machine.</summary>
internal static class InfoCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("info", "Show the version, the .NET runtime, the SIMD paths in use and the processor count.");
        command.SetAction(_ =>
        {
            Write(console);
            return CliApp.Success;
        });
        return command;
    }

    /// <summary>The kernel path NativeNet takes: the widest accelerated vector it branches on.</summary>
    internal static string ActivePath =>
        Vector512.IsHardwareAccelerated ? "Vector512" :
        Vector256.IsHardwareAccelerated ? "Vector256" :
        Vector128.IsHardwareAccelerated ? "Vector128" : "scalar";

    private static void Write(CliConsole console)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("property").AddColumn("value");
        void Row(string name, string value) => table.AddRow(new Text(name), new Text(value));

        Row("nativenet", Version(typeof(InfoCommand).Assembly));
        Row("NativeNet library", Version(typeof(NativeNet.Data.MnistLoader).Assembly));
        Row(".NET runtime", RuntimeInformation.FrameworkDescription);
        Row("OS", $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})");
        Row("processors", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Row("Vector512", Accelerated(Vector512.IsHardwareAccelerated));
        Row("Vector256", Accelerated(Vector256.IsHardwareAccelerated));
        Row("Vector128", Accelerated(Vector128.IsHardwareAccelerated));
        Row("kernel path", ActivePath);
        Row("float lanes", $"{Vector<float>.Count} (Vector<T>)");
        console.Ansi.Write(table);
    }

    private static string Accelerated(bool accelerated) => accelerated ? "hardware accelerated" : "not accelerated";

    private static string Version(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (informational is null)
            return assembly.GetName().Version?.ToString() ?? "unknown";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
