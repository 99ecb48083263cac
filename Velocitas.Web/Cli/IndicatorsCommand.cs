using System.Globalization;
using System.Text;
using Velocitas.Data;
using Velocitas.Engine.Indicators;

namespace Velocitas.Web.Cli;

/// <summary><c>indicators --data file.csv</c>: the standard indicator panel for every candle, as CSV.</summary>
internal static class IndicatorsCommand
{
    public static async Task<int> RunAsync(string[] argv, CliContext context)
    {
        var args = CliArguments.Parse("indicators", argv, ["data"], []);
        var parsed = CandleInput.ReadStrict(args.Required("data", "a CSV file of candles"));
        var panel = new IndicatorPanel();
        var values = new double?[IndicatorPanel.Columns.Length];
        var line = new StringBuilder(256);
        await context.Out.WriteLineAsync("time," + string.Join(',', IndicatorPanel.Columns));
        foreach (var candle in parsed.Candles)
        {
            panel.Update(candle);
            panel.Values(values);
            line.Clear().Append(VelocitasJson.FormatTime(candle.Time));
            foreach (double? v in values)
            {
                line.Append(',');
                if (v is { } x) line.Append(x.ToString("R", CultureInfo.InvariantCulture));
            }
            await context.Out.WriteLineAsync(line.ToString());
        }
        return 0;
    }
}
