using MudBlazor;
using Velocitas.Engine.Copilot;

namespace Velocitas.Web.Components.Pages.Copilot;

/// <summary>Colours of alert severities.</summary>
public static class CopilotStyle
{
    /// <summary>Chip colour.</summary>
    public static Color Chip(AlertSeverity s) => s switch { AlertSeverity.Critical => Color.Error, AlertSeverity.Warning => Color.Warning, _ => Color.Info };

    /// <summary>Snackbar severity.</summary>
    public static Severity Snack(AlertSeverity s) => s switch { AlertSeverity.Critical => Severity.Error, AlertSeverity.Warning => Severity.Warning, _ => Severity.Info };
}
