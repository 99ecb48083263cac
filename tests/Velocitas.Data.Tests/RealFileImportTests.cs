using Velocitas.Data.Import;
using Velocitas.Engine.Market;

namespace Velocitas.Data.Tests;

/// <summary>Every real and reference file imports with the counts, ranges, duplicates and gaps their READMEs document.</summary>
public class RealFileImportTests
{
    private static DateTimeOffset Utc(int y, int m, int d, int h = 0, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    [Fact]
    public void Binance_raw_klines_of_May_2021_import_all_44640_minutes_without_gaps()
    {
        var r = CandleFileParser.Parse(SharedData.Real("BTCUSDT-1m-2021-05.csv")).Report;

        Assert.Equal(CsvFormat.BinanceKlines, r.Format);
        Assert.Equal(Timeframe.OneMinute, r.Timeframe);
        Assert.Equal(44_640, r.RowsRead);
        Assert.Equal(44_640, r.RowsImported);
        Assert.Equal(0, r.DuplicatesDropped);
        Assert.Equal(0, r.RejectedCount);
        Assert.Empty(r.Gaps);
        Assert.Equal(Utc(2021, 5, 1), r.First);
        Assert.Equal(Utc(2021, 5, 31, 23, 59), r.Last);
    }

    [Fact]
    public void Binance_klines_keep_exact_prices_and_the_crash_low()
    {
        var candles = CandleFileParser.Parse(SharedData.Real("BTCUSDT-1m-2021-05.csv")).Candles;

        Assert.Equal(new Candle(Utc(2021, 5, 1), 57697.25m, 57697.26m, 57533.75m, 57545.06m, 106.991943), candles[0]);
        Assert.Equal(30000.00m, candles.Min(c => c.Low));
        Assert.Equal(59500.00m, candles.Max(c => c.High));
    }

    [Fact]
    public void CryptoDataDownload_hourly_is_sorted_deduplicated_keeping_millisecond_rows_and_reports_the_eight_outages()
    {
        var parsed = CandleFileParser.Parse(SharedData.Real("Binance_BTCUSDT_1h.csv"));
        var r = parsed.Report;

        Assert.Equal(CsvFormat.CryptoDataDownload, r.Format);
        Assert.Equal("BTCUSDT", r.Symbol);
        Assert.Equal(Timeframe.OneHour, r.Timeframe);
        Assert.Equal(36_062, r.RowsRead);
        Assert.Equal(2_649, r.DuplicatesDropped);
        Assert.Equal(1_442, r.ConflictingDuplicates);
        Assert.Equal(36_062 - 2_649, r.RowsImported);
        Assert.Equal(0, r.RejectedCount);
        Assert.Equal(Utc(2017, 8, 17, 4), r.First);
        Assert.Equal(Utc(2021, 6, 10), r.Last);
        Assert.Contains(r.Notes, n => n.Contains("newest candle first"));

        (DateTimeOffset After, int Hours)[] outages =
        [
            (Utc(2017, 9, 22, 19), 5), (Utc(2020, 11, 30, 5), 2), (Utc(2020, 12, 21, 14), 4), (Utc(2020, 12, 25, 1), 2),
            (Utc(2021, 2, 11, 3), 2), (Utc(2021, 3, 6, 1), 2), (Utc(2021, 4, 20, 1), 3), (Utc(2021, 4, 25, 4), 4),
        ];
        Assert.Equal(outages.Select(o => (o.After, o.After.AddHours(o.Hours))), r.Gaps.Select(g => (g.From, g.To)));
        Assert.Equal(outages.Select(o => (long)o.Hours - 1), r.Gaps.Select(g => g.Missing));

        // in the overlap the millisecond row wins: 2020-11-20 07:00 is in both eras
        Assert.True(parsed.Candles.Zip(parsed.Candles.Skip(1)).All(p => p.First.Time < p.Second.Time));
    }

    [Fact]
    public void The_bogus_first_hourly_candle_is_the_only_outlier_flagged_in_the_three_real_files()
    {
        var hourly = CandleFileParser.Parse(SharedData.Real("Binance_BTCUSDT_1h.csv"));
        var outlier = Assert.Single(hourly.Report.Outliers);
        Assert.Equal(Utc(2017, 8, 17, 4), outlier.Time);
        Assert.StartsWith("open 16199.91 is ", outlier.Reason);
        Assert.Contains(hourly.Report.Notes, n => n.Contains("far from their neighbours") && n.Contains("2017-08-17 04:00"));
        Assert.Equal(16199.91m, hourly.Candles[0].High); // flagged, not changed

        // real moves are not outliers: the daily file (with March 2020) and the May 2021 crash minute by minute
        Assert.Empty(CandleFileParser.Parse(SharedData.Real("Binance_BTCUSDT_d.csv")).Report.Outliers);
        Assert.Empty(CandleFileParser.Parse(SharedData.Real("BTCUSDT-1m-2021-05.csv")).Report.Outliers);
    }

    [Fact]
    public void A_reader_that_shows_no_outliers_can_skip_their_search_and_gets_the_same_candles_and_report_otherwise()
    {
        var flagged = CandleFileParser.Parse(SharedData.Real("Binance_BTCUSDT_1h.csv"));
        var unflagged = CandleFileParser.Parse(SharedData.Real("Binance_BTCUSDT_1h.csv"), flagOutliers: false);
        Assert.Single(flagged.Report.Outliers);
        Assert.Empty(unflagged.Report.Outliers);
        Assert.DoesNotContain(unflagged.Report.Notes, n => n.Contains("far from their neighbours"));
        Assert.Equal(flagged.Candles, unflagged.Candles);
        Assert.Equal(flagged.Report.Gaps, unflagged.Report.Gaps);
        Assert.Equal(flagged.Report.RowsImported, unflagged.Report.RowsImported);
        Assert.Equal(flagged.Report.DuplicatesDropped, unflagged.Report.DuplicatesDropped);
        Assert.Equal(flagged.Report.Notes.Where(n => !n.Contains("far from their neighbours")), unflagged.Report.Notes);
    }

    [Fact]
    public void Hourly_May_2021_matches_the_one_minute_file_aggregated()
    {
        var hourly = CandleFileParser.Parse(SharedData.Real("Binance_BTCUSDT_1h.csv")).Candles
            .Where(c => c.Time >= Utc(2021, 5, 1) && c.Time < Utc(2021, 6, 1)).ToArray();
        var minutes = CandleFileParser.Parse(SharedData.Real("BTCUSDT-1m-2021-05.csv")).Candles;
        var aggregated = minutes.GroupBy(c => c.Time.AddMinutes(-c.Time.Minute))
            .Select(g => (Time: g.Key, Open: g.First().Open, High: g.Max(c => c.High), Low: g.Min(c => c.Low), Close: g.Last().Close)).ToArray();

        Assert.Equal(744, hourly.Length);
        Assert.Equal(aggregated, hourly.Select(c => (c.Time, c.Open, c.High, c.Low, c.Close)));
    }

    [Fact]
    public void CryptoDataDownload_daily_drops_the_duplicate_day_and_the_partial_newest_day()
    {
        var r = CandleFileParser.Parse(SharedData.Real("Binance_BTCUSDT_d.csv")).Report;

        Assert.Equal(1_396, r.RowsRead);
        Assert.Equal(1, r.DuplicatesDropped);
        Assert.Equal(1, r.RejectedCount);
        var partial = Assert.Single(r.RowsRejected);
        Assert.Equal(2, partial.Line);
        Assert.True(partial.IsRepair);
        Assert.Contains("2021-06-11", partial.Reason);
        Assert.Contains("partial", partial.Reason);
        Assert.Equal(1_394, r.RowsImported);
        Assert.Equal(Utc(2017, 8, 17), r.First);
        Assert.Equal(Utc(2021, 6, 10), r.Last);
        Assert.Equal(Timeframe.OneDay, r.Timeframe);
        Assert.Empty(r.Gaps);
    }

    [Theory]
    [InlineData("GOOG.csv", 2148, 2004, 8, 19, 2013, 3, 1, "1d")]
    [InlineData("EURUSD.csv", 5000, 2017, 4, 19, 2018, 2, 7, "1h")]
    [InlineData("BTCUSD.csv", 156, 2012, 1, 31, 2024, 12, 31, "1M")]
    [InlineData("skender-bitcoin.csv", 1246, 2017, 8, 16, 2021, 1, 12, "1d")]
    [InlineData("skender-default-quotes.csv", 502, 2017, 1, 3, 2018, 12, 31, "1d")]
    public void Reference_files_import_every_row(string file, int rows, int y1, int m1, int d1, int y2, int m2, int d2, string timeframe)
    {
        var r = CandleFileParser.Parse(SharedData.Reference(file)).Report;

        Assert.Equal(CsvFormat.Generic, r.Format);
        Assert.Equal(rows, r.RowsRead);
        Assert.Equal(rows, r.RowsImported);
        Assert.Equal(0, r.RejectedCount);
        Assert.Equal(0, r.DuplicatesDropped);
        Assert.Equal(new DateTimeOffset(y1, m1, d1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(r.First!.Value.UtcDateTime.Date, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(y2, m2, d2, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(r.Last!.Value.UtcDateTime.Date, TimeSpan.Zero));
        Assert.Equal(timeframe, r.Timeframe!.Value.Code);
    }

    [Fact]
    public void EURUSD_times_keep_their_hour_and_weekends_are_not_gaps()
    {
        var r = CandleFileParser.Parse(SharedData.Reference("EURUSD.csv")).Report;
        Assert.Equal(Utc(2017, 4, 19, 9), r.First);
        Assert.Equal(Utc(2018, 2, 7, 15), r.Last);
        Assert.All(r.Gaps, g => Assert.True(g.To - g.From < TimeSpan.FromDays(3)));
    }

    [Fact]
    public void GOOG_unnamed_date_column_is_the_time_and_market_holidays_are_reported_as_gaps()
    {
        var parsed = CandleFileParser.Parse(SharedData.Reference("GOOG.csv"));
        Assert.Equal(new Candle(Utc(2004, 8, 19), 100m, 104.06m, 95.96m, 100.34m, 22351900), parsed.Candles[0]);
        // Thanksgiving 2004 (Thursday) is a hole between Wednesday and Friday; weekends are not
        Assert.Contains(parsed.Report.Gaps, g => g.From == Utc(2004, 11, 24) && g.To == Utc(2004, 11, 26));
        Assert.DoesNotContain(parsed.Report.Gaps, g => g.From.DayOfWeek == DayOfWeek.Friday && g.To.DayOfWeek == DayOfWeek.Monday);
    }
}
