using System.Globalization;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;

namespace NativeNet.Cli.Figures;

/// <summary>The figures' common look on OxyPlot: fonts, palette, light grid lines, and axes with optional fixed ranges.</summary>
internal static class Plots
{
    /// <summary>The font of every text; the SVG exporter measures text with its Helvetica/Arial metrics.</summary>
    public const string Font = "Arial";

    private static readonly OxyColor _text = OxyColor.FromRgb(0x22, 0x22, 0x22);
    private static readonly OxyColor _grid = OxyColor.FromRgb(0xE5, 0xE5, 0xE5);
    private static readonly OxyColor _frame = OxyColor.FromRgb(0x55, 0x55, 0x55);

    /// <summary>An empty plot with the figures' look: white, framed, palette colours, invariant number format.</summary>
    public static PlotModel Model(string? title, double fontSize = 12) => new()
    {
        Title = title,
        TitleFontSize = 1.2 * fontSize,
        TitleFontWeight = FontWeights.Bold,
        DefaultFont = Font,
        DefaultFontSize = fontSize,
        TextColor = _text,
        TitleColor = _text,
        Background = OxyColors.White,
        PlotAreaBorderColor = _frame,
        PlotAreaBorderThickness = new OxyThickness(1),
        DefaultColors = ChartPalette.Colors,
        Culture = CultureInfo.InvariantCulture,
        Padding = new OxyThickness(6, 4, 12, 4),
    };

    /// <summary>A line plot: <see cref="Model"/> with a bottom and a left axis.</summary>
    public static PlotModel Lines(string? title, Axis xAxis, Axis yAxis, double fontSize = 12)
    {
        var model = Model(title, fontSize);
        xAxis.Position = AxisPosition.Bottom;
        yAxis.Position = AxisPosition.Left;
        model.Axes.Add(xAxis);
        model.Axes.Add(yAxis);
        return model;
    }

    /// <summary>A linear axis fitted to the data, or fixed to [<paramref name="min"/>, <paramref name="max"/>] when given.</summary>
    public static LinearAxis Linear(string? title, double? min = null, double? max = null) =>
        Styled(new LinearAxis(), title, min, max);

    /// <summary>A base-10 logarithmic axis; non-positive values are not drawn.</summary>
    public static LogarithmicAxis Log(string? title, double? min = null, double? max = null)
    {
        var axis = Styled(new LogarithmicAxis { Base = 10, LabelFormatter = PowerOfTen }, title, min, max);
        axis.MinorTickSize = 0;
        return axis;
    }

    /// <summary>Adds a legend at <paramref name="position"/>: inside the plot area, or right of it for <see cref="LegendSpot.OutsideRight"/>.</summary>
    public static PlotModel WithLegend(this PlotModel model, LegendSpot position)
    {
        if (position == LegendSpot.None)
        {
            model.IsLegendVisible = false;
            return model;
        }

        var legend = new Legend
        {
            LegendFont = Font,
            LegendBackground = OxyColor.FromAColor(230, OxyColors.White),
            LegendBorder = OxyColor.FromRgb(0xCC, 0xCC, 0xCC),
            LegendBorderThickness = 1,
            LegendSymbolLength = 28,
            LegendPadding = 6,
            LegendMargin = 8,
        };
        (legend.LegendPlacement, legend.LegendPosition) = position switch
        {
            LegendSpot.TopLeft => (LegendPlacement.Inside, LegendPosition.LeftTop),
            LegendSpot.MiddleRight => (LegendPlacement.Inside, LegendPosition.RightMiddle),
            LegendSpot.BottomRight => (LegendPlacement.Inside, LegendPosition.RightBottom),
            LegendSpot.BottomLeft => (LegendPlacement.Inside, LegendPosition.LeftBottom),
            LegendSpot.OutsideRight => (LegendPlacement.Outside, LegendPosition.RightTop),
            _ => (LegendPlacement.Inside, LegendPosition.RightTop),
        };
        if (position == LegendSpot.OutsideRight)
            legend.LegendBorderThickness = 0;
        model.Legends.Add(legend);
        return model;
    }

    /// <summary>A tick label such as 10¹² or 10⁻⁹: plain text with Unicode superscripts, which every SVG viewer draws.</summary>
    internal static string PowerOfTen(double value)
    {
        var exponent = Math.Log10(value);
        var rounded = Math.Round(exponent);
        if (Math.Abs(exponent - rounded) > 1e-9)
            return value.ToString("g3", CultureInfo.InvariantCulture);
        var digits = ((int)rounded).ToString(CultureInfo.InvariantCulture);
        var superscript = new System.Text.StringBuilder("10");
        foreach (var c in digits)
            superscript.Append(c == '-' ? '⁻' : "⁰¹²³⁴⁵⁶⁷⁸⁹"[c - '0']);
        return superscript.ToString();
    }

    private static T Styled<T>(T axis, string? title, double? min, double? max)
        where T : Axis
    {
        axis.Title = title;
        axis.MajorGridlineStyle = LineStyle.Solid;
        axis.MajorGridlineColor = _grid;
        axis.MinorGridlineStyle = LineStyle.None;
        axis.TickStyle = TickStyle.Outside;
        axis.TicklineColor = _frame;
        axis.MinorTickSize = 0;
        axis.AxisTitleDistance = 10;
        axis.IntervalLength = 45;
        axis.IsPanEnabled = false;
        axis.IsZoomEnabled = false;
        // A fitted end keeps 3 % of room, so the first and last markers are not cut in half by the frame.
        axis.MinimumPadding = 0.03;
        axis.MaximumPadding = 0.03;
        if (min is { } low)
        {
            axis.Minimum = low;
            axis.MinimumPadding = 0;
        }

        if (max is { } high)
        {
            axis.Maximum = high;
            axis.MaximumPadding = 0;
        }

        return axis;
    }
}

/// <summary>Where a plot's legend goes.</summary>
internal enum LegendSpot
{
    /// <summary>Inside, top right.</summary>
    TopRight,

    /// <summary>Inside, top left.</summary>
    TopLeft,

    /// <summary>Inside, right, halfway up: free when curves start high and fall, or stay at the top.</summary>
    MiddleRight,

    /// <summary>Inside, bottom right.</summary>
    BottomRight,

    /// <summary>Inside, bottom left.</summary>
    BottomLeft,

    /// <summary>Right of the plot area; the plot narrows to make room.</summary>
    OutsideRight,

    /// <summary>No legend.</summary>
    None,
}
