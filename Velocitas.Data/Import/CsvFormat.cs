namespace Velocitas.Data.Import;

/// <summary>The candle file layouts the importer recognises.</summary>
public enum CsvFormat
{
    /// <summary>A header naming date/time and OHLC(V) columns in any order or case.</summary>
    Generic,
    /// <summary>Headerless rows: date/time, open, high, low, close[, volume].</summary>
    GenericHeaderless,
    /// <summary>data.binance.vision klines: no header, 12 columns, open time in ms (µs from 2025).</summary>
    BinanceKlines,
    /// <summary>CryptoDataDownload export: optional URL banner, newest first, unix s/ms mixed.</summary>
    CryptoDataDownload,
    /// <summary>Yahoo Finance download: Date,Open,High,Low,Close,Adj Close,Volume with <c>null</c> rows.</summary>
    Yahoo,
    /// <summary>yfinance to_csv with its three header lines (Price / Ticker / Date).</summary>
    YFinance,
    /// <summary>TradingView chart export: <c>time</c> in Unix seconds (or ISO) plus indicator columns.</summary>
    TradingView,
    /// <summary>MetaTrader history export without header: yyyy.MM.dd,HH:mm,O,H,L,C,V.</summary>
    MetaTrader,
    /// <summary>MetaTrader 5 export: tab-separated &lt;DATE&gt; &lt;TIME&gt; &lt;OPEN&gt; ... header.</summary>
    MetaTraderTab,
    /// <summary>Not a file: candles downloaded from an exchange's market data.</summary>
    ExchangeDownload,
}

/// <summary>Names of formats as shown to users and written in JSON.</summary>
public static class CsvFormatNames
{
    /// <summary>kebab-case name, e.g. <c>binance-klines</c>.</summary>
    public static string ToName(this CsvFormat format) => format switch
    {
        CsvFormat.Generic => "generic",
        CsvFormat.GenericHeaderless => "generic-headerless",
        CsvFormat.BinanceKlines => "binance-klines",
        CsvFormat.CryptoDataDownload => "cryptodatadownload",
        CsvFormat.Yahoo => "yahoo",
        CsvFormat.YFinance => "yfinance",
        CsvFormat.TradingView => "tradingview",
        CsvFormat.MetaTrader => "metatrader",
        CsvFormat.MetaTraderTab => "metatrader-tab",
        CsvFormat.ExchangeDownload => "exchange",
        _ => format.ToString(),
    };

    /// <summary>Human description.</summary>
    public static string Describe(this CsvFormat format) => format switch
    {
        CsvFormat.Generic => "CSV with a header row",
        CsvFormat.GenericHeaderless => "CSV without header (time, open, high, low, close, volume)",
        CsvFormat.BinanceKlines => "Binance klines (data.binance.vision)",
        CsvFormat.CryptoDataDownload => "CryptoDataDownload export",
        CsvFormat.Yahoo => "Yahoo Finance download",
        CsvFormat.YFinance => "yfinance export (three header lines)",
        CsvFormat.TradingView => "TradingView chart export",
        CsvFormat.MetaTrader => "MetaTrader history (no header)",
        CsvFormat.MetaTraderTab => "MetaTrader 5 export (tab-separated)",
        CsvFormat.ExchangeDownload => "Downloaded from the exchange",
        _ => format.ToString(),
    };
}
