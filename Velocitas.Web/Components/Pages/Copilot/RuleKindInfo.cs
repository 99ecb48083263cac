using Velocitas.Engine.Copilot;

namespace Velocitas.Web.Components.Pages.Copilot;

/// <summary>A rule kind as the form presents it.</summary>
public sealed record RuleKindInfo(AlertKind Kind, string Label, string Description, string Scope, IReadOnlyList<RuleParam> Params);
