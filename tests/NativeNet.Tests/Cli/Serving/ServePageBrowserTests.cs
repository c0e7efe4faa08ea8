using Microsoft.Playwright;
using NativeNet.Cli;
using NativeNet.Serialization;

namespace NativeNet.Tests.Cli.Serving;

/// <summary>
/// The drawing page in Debian's Chromium (/usr/bin/chromium) driven by Playwright: a stroke drawn with the mouse
/// gets a label and ten bars whose probabilities add up to 1. Skipped, saying why, where Chromium is absent
/// (Playwright's own browser download does not work here). Writes the screenshot docs/serving.md shows when
/// NATIVENET_SCREENSHOT names a file.
/// </summary>
public sealed class ServePageBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    [Trait("Category", "Browser")]
    public async Task A_stroke_drawn_on_the_page_gets_a_label_and_ten_bars()
    {
        Assert.SkipUnless(File.Exists(Chromium), $"{Chromium} is not installed (apt-get install chromium); .ci/run installs it.");
        using var dir = new TempDirectory();
        var model = dir.File("m.nnet");
        var train = CliRunner.Run("train", "--epochs", "1", "--hidden", "50", "--eval-samples", "500", "--out", model, "--plots", dir.File("plots"));
        Assert.True(train.ExitCode == CliApp.Success, train.Error);
        await using var server = await TestServer.StartAsync(ModelFile.Load<float>(model).Network);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 760, Height = 560 } });
        var external = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(server.BaseAddress.ToString(), StringComparison.Ordinal))
                external.Add(request.Url);
        };
        await page.GotoAsync(server.BaseAddress.ToString());

        // A "7": a bar across the top, then a diagonal down to the left.
        var pad = await page.Locator("#pad").BoundingBoxAsync() ?? throw new InvalidOperationException("no canvas");
        (float X, float Y)[] stroke = [(0.25f, 0.2f), (0.75f, 0.2f), (0.6f, 0.45f), (0.45f, 0.85f)];
        await page.Mouse.MoveAsync(pad.X + (stroke[0].X * pad.Width), pad.Y + (stroke[0].Y * pad.Height));
        await page.Mouse.DownAsync();
        foreach (var (x, y) in stroke[1..])
            await page.Mouse.MoveAsync(pad.X + (x * pad.Width), pad.Y + (y * pad.Height), new() { Steps = 12 });
        await page.Mouse.UpAsync();

        await page.WaitForFunctionAsync("() => /^[0-9]$/.test(document.getElementById('label').textContent)", null, new() { Timeout = 15_000 });
        var label = int.Parse(await page.Locator("#label").TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture);
        var probabilities = new double[10];
        for (var c = 0; c < 10; c++)
            probabilities[c] = double.Parse(await page.Locator($"[data-testid=bar-{c}]").GetAttributeAsync("data-probability") ?? "", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(probabilities.Sum(), 0.999, 1.001);
        Assert.Equal(probabilities.Max(), probabilities[label]);
        Assert.Empty(external);

        var screenshot = Environment.GetEnvironmentVariable("NATIVENET_SCREENSHOT") is { Length: > 0 } path ? path : dir.File("page.png");
        await page.ScreenshotAsync(new() { Path = screenshot });
        Assert.True(new FileInfo(screenshot).Length > 1000);
    }
}
