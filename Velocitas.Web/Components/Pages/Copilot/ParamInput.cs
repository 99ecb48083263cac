using Velocitas.Engine.Copilot;

namespace Velocitas.Web.Components.Pages.Copilot;

/// <summary>How a rule parameter is entered.</summary>
public enum ParamInput { Number, Direction, Side, Regime }
