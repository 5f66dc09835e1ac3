namespace Butler.Host.Api.ApprovalSheets;

/// <summary>Settings of the printable sheets (<c>Butler:Sheet</c>).</summary>
public sealed class SheetOptions
{
    public const string Section = "Butler:Sheet";

    /// <summary>
    /// The TrueType font (.ttf) or collection (.ttc, whose first face is used) the PDF embeds for its Chinese text.
    /// Debian's fonts-wqy-microhei puts one here.
    /// </summary>
    public string FontFile { get; set; } = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
}
