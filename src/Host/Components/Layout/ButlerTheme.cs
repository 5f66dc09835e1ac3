using MudBlazor;

namespace Butler.Host.Components.Layout;

/// <summary>
/// MudBlazor's palette with the status colours darkened until white text on them (chips, filled buttons) and coloured text
/// on white reach WCAG AA's 4.5:1; the defaults (#00C853 green, #FF9800 orange, #F44336 red) fall to 2.2–3.7:1.
/// </summary>
public static class ButlerTheme
{
    public static MudTheme Light { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Success = "#2e7d32",
            Warning = "#a15c00",
            Error = "#c62828",
            Info = "#1565c0",
            Secondary = "#c2185b",
        },
    };
}
