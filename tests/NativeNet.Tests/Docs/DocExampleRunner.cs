using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NativeNet.Tests.Docs;

/// <summary>
/// Compiles a documentation example as the top-level program of a new console project that references the
/// NativeNet packages (implicit usings and nullable on, warnings count as failures) and runs it in a collectible
/// load context, with the console captured.
/// </summary>
internal static class DocExampleRunner
{
    // The usings a `dotnet new console` project imports implicitly.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly Lazy<MetadataReference[]> _references = new(LoadReferences);

    /// <summary>Compiles <paramref name="code"/>; the returned messages are its errors and warnings (empty on success).</summary>
    public static (byte[]? Assembly, IReadOnlyList<string> Problems) Compile(string name, string code)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(code, parse, path: name), CSharpSyntaxTree.ParseText(ImplicitUsings, parse, path: "ImplicitUsings.cs")],
            _references.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        string[] problems = result.Diagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToArray();
        return (result.Success && problems.Length == 0 ? stream.ToArray() : null, problems);
    }

    /// <summary>Runs a compiled example in <paramref name="workingDirectory"/> and returns what it printed.</summary>
    /// <remarks>Changes the process's console and current directory while it runs: callers must not run in parallel with other tests.</remarks>
    public static string Run(byte[] assembly, string workingDirectory)
    {
        var context = new AssemblyLoadContext("doc-example", isCollectible: true);
        TextWriter console = Console.Out;
        string directory = Environment.CurrentDirectory;
        var output = new StringWriter();
        try
        {
            MethodInfo entry = context.LoadFromStream(new MemoryStream(assembly)).EntryPoint
                ?? throw new InvalidOperationException("The example has no entry point.");
            Console.SetOut(output);
            Environment.CurrentDirectory = workingDirectory;
            object? result = entry.Invoke(null, entry.GetParameters().Length == 0 ? null : [Array.Empty<string>()]);
            (result as Task)?.GetAwaiter().GetResult();
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new InvalidOperationException($"The example threw; its output so far:\n{output}", e.InnerException);
        }
        finally
        {
            Console.SetOut(console);
            Environment.CurrentDirectory = directory;
            context.Unload();
        }

        return output.ToString();
    }

    // The framework (the runtime's own folder) and the NativeNet libraries, as a project referencing the packages sees them.
    private static MetadataReference[] LoadReferences()
    {
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path =>
            {
                string name = Path.GetFileNameWithoutExtension(path);
                bool library = name.StartsWith("NativeNet", StringComparison.Ordinal) && !name.StartsWith("NativeNet.Tests", StringComparison.Ordinal) && name != "NativeNet.Cli";
                return library || Path.GetDirectoryName(path) == runtime;
            })
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray();
    }
}
