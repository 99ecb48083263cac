using Velocitas.Data.Import;
using Velocitas.Engine.Market;

namespace Velocitas.Data.Tests;

/// <summary>Each supported layout is recognised and read to the exact UTC times and prices.</summary>
public class FormatDetectionTests
{
    private static ParsedCandleFile Parse(string name, string content)
    {
        using var file = new TempFile(name, content);
        return CandleFileParser.Parse(file.Path, name);
    }

    private static DateTimeOffset Utc(int y, int m, int d, int h = 0, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    [Fact]
    public void Binance_klines_from_2025_use_microseconds()
    {
        var p = Parse("BTCUSDT-1m-2025-01-01.csv",
            "1735689600000000,93576.00000000,93610.93000000,93537.50000000,93610.93000000,8.21827000,1735689659999999,768978.96010440,1492,6.41064000,599865.11710830,0\n" +
            "1735689660000000,93610.93000000,93652.00000000,93606.13000000,93652.00000000,9.32157000,1735689719999999,872936.28010930,1356,6.68612000,626108.33520040,0\n");
        Assert.Equal(CsvFormat.BinanceKlines, p.Report.Format);
        Assert.Equal(Utc(2025, 1, 1), p.Candles[0].Time);
        Assert.Equal(Utc(2025, 1, 1, 0, 1), p.Candles[1].Time);
        Assert.Equal(93576.00000000m, p.Candles[0].Open);
        Assert.Equal(8.21827, p.Candles[0].Volume);
    }

    [Fact]
    public void CryptoDataDownload_with_url_banner_and_mixed_second_and_millisecond_times()
    {
        var p = Parse("cdd.csv",
            "https://www.CryptoDataDownload.com\n" +
            "unix,date,symbol,open,high,low,close,Volume ETH,Volume USDT,tradecount\n" +
            "1600002000000,2020-09-13 13:00:00,ETH/USDT,366.10,367.00,365.00,366.50,1000.5,366000,1200\n" +
            "1600002000.0,2020-09-13 01-PM,ETH/USDT,366.11,367.00,365.00,366.49,1000.49,366000,NULL\n" +
            "1599998400.0,2020-09-13 12-PM,ETH/USDT,365.00,366.50,364.00,366.10,900.1,330000,NULL\n");
        Assert.Equal(CsvFormat.CryptoDataDownload, p.Report.Format);
        Assert.Equal("ETHUSDT", p.Report.Symbol);
        Assert.Equal(2, p.Candles.Length);
        Assert.Equal(1, p.Report.DuplicatesDropped);
        Assert.Equal(1, p.Report.ConflictingDuplicates);
        Assert.Equal(366.10m, p.Candles[1].Open);   // the millisecond row won
        Assert.Equal(1000.5, p.Candles[1].Volume);  // base volume (ETH), not the USDT column
    }

    [Fact]
    public void Yfinance_three_line_header()
    {
        var p = Parse("yf.csv",
            "Price,Close,High,Low,Open,Volume\nTicker,BTC-USD,BTC-USD,BTC-USD,BTC-USD,BTC-USD\nDate,,,,,\n" +
            "2024-01-01,44167.33,44175.43,42214.97,42280.23,18426978443\n2024-01-02,44957.97,45899.71,44176.95,44187.14,39335274536\n");
        Assert.Equal(CsvFormat.YFinance, p.Report.Format);
        Assert.Equal(new Candle(Utc(2024, 1, 1), 42280.23m, 44175.43m, 42214.97m, 44167.33m, 18426978443), p.Candles[0]);
        Assert.Equal(2, p.Report.RowsRead);
    }

    [Fact]
    public void TradingView_export_with_unix_seconds_and_indicator_columns()
    {
        var p = Parse("BINANCE_BTCUSDT, 60.csv",
            "time,open,high,low,close,Volume,MA,Plot\n1704067200,42283.58,42554.57,42261.02,42475.23,1271.68,42100.5,1\n1704070800,42475.23,42775,42431.65,42613.56,1196.37,42110.1,1\n");
        Assert.Equal(CsvFormat.TradingView, p.Report.Format);
        Assert.Equal(Utc(2024, 1, 1), p.Candles[0].Time);
        Assert.Equal(Utc(2024, 1, 1, 1), p.Candles[1].Time);
        Assert.Equal(1271.68, p.Candles[0].Volume);
        Assert.Equal(Timeframe.OneHour, p.Report.Timeframe);
    }

    [Fact]
    public void MetaTrader_history_without_header()
    {
        var p = Parse("EURUSD60.csv", "2024.01.02,00:00,1.10383,1.10427,1.10355,1.10401,1234\n2024.01.02,01:00,1.10401,1.10450,1.10390,1.10440,987\n");
        Assert.Equal(CsvFormat.MetaTrader, p.Report.Format);
        Assert.Equal(new Candle(Utc(2024, 1, 2, 1), 1.10401m, 1.10450m, 1.10390m, 1.10440m, 987), p.Candles[1]);
    }

    [Fact]
    public void MetaTrader_5_tab_separated_export()
    {
        var p = Parse("EURUSD_H1.csv",
            "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n" +
            "2024.01.02\t00:00:00\t1.10383\t1.10427\t1.10355\t1.10401\t1234\t0\t5\n2024.01.02\t01:00:00\t1.10401\t1.10450\t1.10390\t1.10440\t987\t0\t4\n");
        Assert.Equal(CsvFormat.MetaTraderTab, p.Report.Format);
        Assert.Equal(Utc(2024, 1, 2, 1), p.Candles[1].Time);
        Assert.Equal(987, p.Candles[1].Volume); // tick volume: real volume is 0 for forex
    }

    [Fact]
    public void Semicolon_separated_with_decimal_comma()
    {
        var p = Parse("eu.csv", "Datum;Open;High;Low;Close;Volume\n2024-01-02;1,1038;1,1043;1,1035;1,1040;12,5\n");
        Assert.Equal(new Candle(Utc(2024, 1, 2), 1.1038m, 1.1043m, 1.1035m, 1.1040m, 12.5), Assert.Single(p.Candles));
    }

    [Fact]
    public void Iso_times_with_offsets_are_converted_to_utc_and_without_offset_taken_as_utc()
    {
        var p = Parse("iso.csv", "timestamp,open,high,low,close\n2024-01-01T02:00:00+02:00,1,1,1,1\n2024-01-01T01:00:00Z,1,1,1,1\n2024-01-01 02:00:00,1,1,1,1\n2024-01-01T03:00:00.000-00:00,1,1,1,1\n");
        Assert.Equal(new[] { Utc(2024, 1, 1), Utc(2024, 1, 1, 1), Utc(2024, 1, 1, 2), Utc(2024, 1, 1, 3) }, p.Candles.Select(c => c.Time));
        Assert.All(p.Candles, c => Assert.Equal(0, c.Volume)); // no volume column
    }

    [Fact]
    public void Columns_in_any_order_and_case()
    {
        var p = Parse("any.csv", "VOLUME,close,LOW,High,open,DATE\n100,10.5,9,11,10,2024-01-01\n");
        Assert.Equal(new Candle(Utc(2024, 1, 1), 10m, 11m, 9m, 10.5m, 100), Assert.Single(p.Candles));
    }

    [Fact]
    public void Day_first_slash_dates_are_detected_from_the_file()
    {
        var p = Parse("dmy.csv", "Date,Open,High,Low,Close\n30/01/2024,1,1,1,1\n31/01/2024,1,1,1,1\n01/02/2024,1,1,1,1\n");
        Assert.Equal(new[] { Utc(2024, 1, 30), Utc(2024, 1, 31), Utc(2024, 2, 1) }, p.Candles.Select(c => c.Time));
    }
}
