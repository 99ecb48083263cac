using System.CommandLine;
using System.Globalization;
using System.Text;
using Velocitas.Data;
using Velocitas.Engine.Indicators;

namespace Velocitas.Web.Cli;

/// <summary><c>indicators --data file.csv</c>: the standard indicator panel for every candle, as CSV.</summary>
internal sealed class IndicatorsCommand : CliVerb
{
    private readonly Option<string> _data;

    public IndicatorsCommand() : base("indicators", "Print the standard indicators for every candle of a file, as CSV (empty cells during warm-up).")
    {
        _data = Add(CliOptions.DataFile());
    }

    public override async Task<int> RunAsync(ParseResult parse, CliContext context, CancellationToken ct)
    {
        var parsed = CandleInput.ReadStrict(parse.GetValue(_data)!);
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
