using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Butler.Workflows.Notifications;

/// <summary>
/// The frame every Butler e-mail shares: the HTML page and card around the content, the footer, the plain-text
/// signature, how times and single-line values are written. Every value goes through <see cref="Encoder"/> in HTML.
/// </summary>
internal static class MailLayout
{
    /// <summary>Escapes for HTML and leaves Chinese readable.</summary>
    public static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Opens the page and the card (<paramref name="width"/> px wide at most), ready for the content.</summary>
    public static StringBuilder OpenHtml(string language, string subject, int width) => new StringBuilder()
        .Append("<!DOCTYPE html>\n<html lang=\"").Append(language).Append("\">\n<head><meta charset=\"utf-8\"><title>")
        .Append(Encoder.Encode(subject)).Append("</title></head>\n")
        .Append("<body style=\"margin:0;padding:24px;background:#f4f5f7;font-family:-apple-system,'Segoe UI','PingFang SC','Microsoft YaHei',Arial,sans-serif;color:#1f2328;\">\n")
        .Append("<div style=\"max-width:").Append(width.ToString(CultureInfo.InvariantCulture))
        .Append("px;margin:0 auto;background:#ffffff;border:1px solid #d8dee4;border-radius:6px;padding:24px;\">\n");

    /// <summary>Writes the footer and closes the card and the page.</summary>
    public static string CloseHtml(StringBuilder html, string footer) =>
        html.Append("<p style=\"font-size:12px;color:#656d76;margin:24px 0 0 0;\">").Append(Encoder.Encode(footer)).Append("</p>\n")
            .Append("</div>\n</body>\n</html>\n").ToString();

    /// <summary>Writes the plain-text signature ("-- " line and the footer).</summary>
    public static string ClosePlain(StringBuilder text, string footer) => text.Append("-- \n").Append(footer).Append('\n').ToString();

    /// <summary>A point in time as the reader's wall clock in <paramref name="zone"/>, with its UTC offset.</summary>
    public static string Time(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return string.Create(CultureInfo.InvariantCulture, $"{local:yyyy-MM-dd HH:mm} (UTC{sign}{offset:hh\\:mm})");
    }

    /// <summary>A user value on one line: line breaks and tabs become single spaces.</summary>
    public static string SingleLine(string? value) =>
        string.Join(' ', (value ?? "").Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
