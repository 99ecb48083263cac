using Velocitas.Data.Import;

namespace Velocitas.Web.Cli;

/// <summary>Reads the --data file of backtest/indicators strictly: a row that cannot be read is an error.</summary>
internal static class CandleInput
{
    public static ParsedCandleFile ReadStrict(string path, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        if (!File.Exists(path)) throw new CliInputException($"{path}: file not found.");
        var parsed = CandleFileParser.Parse(path, path, progress, ct, flagOutliers: false); // the verbs that read candles this way do not show outliers
        var bad = parsed.Report.RowsRejected.FirstOrDefault(r => !r.IsRepair);
        if (bad is not null) throw new CliInputException($"{path}:{bad.Line}: {bad.Reason}");
        return parsed;
    }
}
