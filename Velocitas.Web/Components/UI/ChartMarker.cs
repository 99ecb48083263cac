using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;

namespace Velocitas.Web.Components.UI;

/// <summary>A buy or sell marker at a time and price.</summary>
public sealed record ChartMarker(long Time, decimal Price, string Side, string? Label);
