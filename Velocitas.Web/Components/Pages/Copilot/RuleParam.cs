using Velocitas.Engine.Copilot;

namespace Velocitas.Web.Components.Pages.Copilot;

/// <summary>One parameter of a rule kind, for the form.</summary>
public sealed record RuleParam(string Name, string Label, ParamInput Input, string Help);
