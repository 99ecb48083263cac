using MudBlazor;

namespace Velocitas.Web.Components.Layout;

/// <summary>The dark, dense terminal look.</summary>
public static class VelocitasTheme
{
    /// <summary>The app's MudBlazor theme.</summary>
    public static MudTheme Theme { get; } = new()
    {
        PaletteDark = new PaletteDark
        {
            Primary = "#4fc3f7",
            Secondary = "#ffb74d",
            Success = "#26a69a",
            Error = "#ef5350",
            Warning = "#ffa726",
            Info = "#64b5f6",
            Background = "#0e1117",
            Surface = "#161b22",
            AppbarBackground = "#0b0e13",
            DrawerBackground = "#0b0e13",
            TextPrimary = "#e6edf3",
            TextSecondary = "#9da7b3",
            LinesDefault = "#2a313c",
            TableLines = "#222831",
            TableHover = "#1c2230",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
                FontSize = ".875rem",
            },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px", DrawerWidthLeft = "210px" },
    };
}
