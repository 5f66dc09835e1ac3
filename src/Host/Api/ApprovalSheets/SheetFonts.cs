using Microsoft.Extensions.Options;

namespace Butler.Host.Api.ApprovalSheets;

/// <summary>
/// The font the PDF sheets embed (<see cref="SheetOptions.FontFile"/>); none when the file is missing or unreadable,
/// and then the PDF format answers 503 while the HTML one still works.
/// </summary>
public sealed partial class SheetFonts(IOptions<SheetOptions> options, ILogger<SheetFonts> logger)
{
    /// <summary>The family name to draw with, or null when the configured font cannot be had.</summary>
    public string? Family()
    {
        var path = options.Value.FontFile;
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            LogMissing(logger, path ?? "");
            return null;
        }
        try
        {
            SheetFontResolver.Install();
            return SheetFontResolver.Instance.Register(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or OverflowException or IndexOutOfRangeException)
        {
            LogUnreadable(logger, e, path);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sheet font {FontFile} (Butler:Sheet:FontFile) does not exist; PDF sheets are unavailable.")]
    private static partial void LogMissing(ILogger logger, string fontFile);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sheet font {FontFile} (Butler:Sheet:FontFile) could not be read; PDF sheets are unavailable.")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, string fontFile);
}
