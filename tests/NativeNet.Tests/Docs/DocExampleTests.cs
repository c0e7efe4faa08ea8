using System.Globalization;
using System.Text.RegularExpressions;

namespace NativeNet.Tests.Docs;

/// <summary>
/// Every fenced C# block of README.md and docs/*.md, taken from the Markdown files themselves (copied next to the
/// tests at build time), compiles as shown and runs. Slow: two of them train a network; they are not kernel tests,
/// so the SIMD-off and ARM64 reruns skip them.
/// </summary>
[Trait("Category", "Slow")]
[Collection(nameof(ProcessStateTests))]
public partial class DocExampleTests
{
    private static readonly string _markdownFolder = Path.Combine(AppContext.BaseDirectory, "DocsMarkdown");

    public static TheoryData<string> Blocks()
    {
        var data = new TheoryData<string>();
        foreach (var block in AllBlocks())
        {
            data.Add(block.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void The_block_compiles_and_runs_as_shown(string location)
    {
        var block = AllBlocks().Single(b => b.ToString() == location);
        var (assembly, problems) = DocExampleRunner.Compile(Path.GetFileNameWithoutExtension(block.File) + "_" + block.Line, block.Code);
        Assert.True(assembly is not null, $"{location} does not compile as shown:\n{string.Join('\n', problems)}");
        if (block.CompileOnly)
        {
            return;
        }

        using var dir = new NativeNet.Tests.Cli.TempDirectory();
        string output = DocExampleRunner.Run(assembly!, dir.Path);
        if (block.ExpectedOutput is not null)
        {
            Assert.Contains(block.ExpectedOutput, output, StringComparison.Ordinal);
        }

        // An example that reports a test accuracy must have learned (the README promises about 0.96).
        foreach (Match match in AccuracyLine().Matches(output))
        {
            double accuracy = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.True(accuracy >= 0.93, $"{location} printed test accuracy {accuracy}");
        }
    }

    [Fact]
    public void The_markdown_files_hold_the_examples()
    {
        var files = AllBlocks().Select(b => b.File).Distinct().ToArray();
        Assert.Contains("README.md", files);
        Assert.Contains("docs/layers.md", files);
        Assert.True(AllBlocks().Count >= 12, $"only {AllBlocks().Count} C# blocks found");
    }

    [Fact]
    public void A_block_that_does_not_compile_is_reported_with_its_error()
    {
        var (assembly, problems) = DocExampleRunner.Compile("broken", "using NativeNet.Networks;\nvar net = new Network<float>(new NetworkOptions { HiddenSize = [100] });");
        Assert.Null(assembly);
        Assert.Contains(problems, p => p.Contains("HiddenSize", StringComparison.Ordinal));
    }

    [Fact]
    public void A_warning_fails_the_block_too()
    {
        var (assembly, problems) = DocExampleRunner.Compile("warning", "string? s = null;\nConsole.WriteLine(s.Length);");
        Assert.Null(assembly);
        Assert.Contains(problems, p => p.Contains("CS8602", StringComparison.Ordinal));
    }

    [Fact]
    public void Directives_mark_compile_only_and_expected_output()
    {
        var blocks = MarkdownCodeBlock.Parse("x.md", """
            <!-- doc-test: compile-only (runs for minutes) -->
            ```csharp
            A();
            ```

            <!-- doc-test: expect "done 7" -->

            ```csharp
            B();
            C();
            ```
            ```text
            not C#
            ```
            """);
        Assert.Equal(2, blocks.Count);
        Assert.True(blocks[0].CompileOnly);
        Assert.Equal("A();", blocks[0].Code);
        Assert.False(blocks[1].CompileOnly);
        Assert.Equal("done 7", blocks[1].ExpectedOutput);
        Assert.Equal("B();\nC();", blocks[1].Code);
        Assert.Equal(8, blocks[1].Line);
    }

    private static List<MarkdownCodeBlock> AllBlocks()
    {
        var blocks = new List<MarkdownCodeBlock>();
        foreach (string path in Directory.GetFiles(_markdownFolder, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string name = Path.GetRelativePath(_markdownFolder, path).Replace('\\', '/');
            blocks.AddRange(MarkdownCodeBlock.Parse(name, File.ReadAllText(path)));
        }

        return blocks;
    }

    [GeneratedRegex(@"test accuracy ([0-9]+\.[0-9]+)")]
    private static partial Regex AccuracyLine();
}
