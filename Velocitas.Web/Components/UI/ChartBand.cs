using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;

namespace Velocitas.Web.Components.UI;

/// <summary>A shaded time range [<paramref name="From"/>, <paramref name="To"/>] in Unix milliseconds.</summary>
public sealed record ChartBand(long From, long To, string Color, string? Label);
