using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;

namespace Velocitas.Web.Components.UI;

/// <summary>A named series of [x, y] points.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<decimal[]> Points);
