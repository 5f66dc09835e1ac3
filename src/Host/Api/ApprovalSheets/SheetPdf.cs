using Butler.Host.Components;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Butler.Host.Api.ApprovalSheets;

/// <summary>
/// The sheet as an A4 PDF made with PDFsharp (ADR 028): the header, a table of the steps that repeats its heading on
/// every page and never cuts a row or a signature, the seal box, and page numbers. The CJK font is embedded (subset),
/// so the file prints the same on any machine.
/// </summary>
public static class SheetPdf
{
    private const double Margin = 40;
    private const double Padding = 4;
    private const double SignatureHeight = 30;
    private const double SealSize = 120;

    // Widths of No., step, person, outcome, comment, time and signature: the page's 515 points.
    private static readonly double[] Columns = [26, 104, 62, 56, 105, 88, 74];

    /// <summary>The PDF's bytes, drawn with <paramref name="fontFamily"/> (from <see cref="SheetFonts"/>).</summary>
    public static byte[] Write(RunSheet sheet, string fontFamily)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        using var document = new PdfDocument();
        document.Info.Title = $"{UiText.SheetTitle} · {sheet.Title}";
        document.Info.Creator = UiText.AppName;
        var title = new XFont(fontFamily, 18);
        var text = new XFont(fontFamily, 9.5);
        var small = new XFont(fontFamily, 8);
        var page = new Page(document);

        page.Center(UiText.SheetTitle, title, 26);
        page.Y += 8;
        var facts = new List<(string Label, string Value)>
        {
            (UiText.SheetRun, sheet.Title), (UiText.SheetStatus, sheet.Status),
            (UiText.SheetStartedBy, sheet.StartedBy), (UiText.SheetStartedAt, sheet.StartedAt),
        };
        if (sheet.FinishedAt is { } finished)
        {
            facts.Add((UiText.SheetFinishedAt, finished));
        }
        if (sheet.Project is { } project)
        {
            facts.InsertRange(0, [(UiText.SheetProjectName, project.Name), (UiText.Company, project.Company), (UiText.Leader, project.Leader),
                (UiText.Squad, project.Squad), (UiText.PlannedInvestment, project.PlannedInvestment)]);
        }
        var half = (page.Width - 2 * Margin) / 2;
        for (var i = 0; i < facts.Count; i += 2)
        {
            var height = 0.0;
            for (var c = 0; c < 2 && i + c < facts.Count; c++)
            {
                var (label, value) = facts[i + c];
                height = Math.Max(height, page.Wrapped($"{label}{UiText.Colon}{value}", text, Margin + c * half, page.Y, half - 8));
            }
            page.Y += height + 3;
        }
        page.Y += 10;

        string[] headings = [UiText.SheetNumber, UiText.SheetStep, UiText.SheetPerson, UiText.SheetOutcome, UiText.SheetComment, UiText.SheetTime, UiText.SheetSignature];
        page.Heading(headings, text);
        if (sheet.Steps.Count == 0)
        {
            page.Wrapped(UiText.SheetNoSteps, text, Margin + Padding, page.Y + Padding, page.Width - 2 * Margin);
            page.Y += 24;
        }
        foreach (var step in sheet.Steps)
        {
            string[] cells = [step.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), step.Step, step.Person, step.Outcome, step.Comment ?? "", step.At, ""];
            var height = Math.Max(SignatureHeight, cells.Select((c, i) => page.Lines(c, text, Columns[i] - 2 * Padding).Count * text.Height).Max()) + 2 * Padding;
            if (page.Y + height > page.Bottom)
            {
                page = page.Next();
                page.Heading(headings, text);
            }
            var x = Margin;
            for (var i = 0; i < cells.Length; i++)
            {
                page.Graphics.DrawRectangle(XPens.Gray, x, page.Y, Columns[i], height);
                page.Wrapped(cells[i], text, x + Padding, page.Y + Padding, Columns[i] - 2 * Padding);
                x += Columns[i];
            }
            if (step.Signature is { } png)
            {
                page.Signature(png, x - Columns[^1] + Padding, page.Y + Padding, Columns[^1] - 2 * Padding, height - 2 * Padding);
            }
            page.Y += height;
        }

        // The seal: a box of its own at the end, never split from its label.
        if (page.Y + SealSize + 30 > page.Bottom)
        {
            page = page.Next();
        }
        page.Y += 20;
        var sealX = page.Width - Margin - SealSize;
        page.Graphics.DrawRectangle(XPens.Gray, sealX, page.Y, SealSize, SealSize);
        page.Graphics.DrawString(UiText.SheetSeal, text, XBrushes.Gray, new XRect(sealX, page.Y, SealSize, SealSize), XStringFormats.Center);
        page.Graphics.DrawString(UiText.SheetSealDate, text, XBrushes.Black, new XRect(sealX - 60, page.Y + SealSize + 4, SealSize + 60, 14), XStringFormats.TopRight);
        page.Graphics.DrawString(UiText.SheetPrintedAt(sheet.PrintedAt), small, XBrushes.Gray, new XRect(Margin, page.Y + SealSize + 4, 200, 14), XStringFormats.TopLeft);
        page.Graphics.Dispose();

        // Page numbers once the count is known.
        for (var i = 0; i < document.PageCount; i++)
        {
            using var graphics = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
            graphics.DrawString(UiText.SheetPage(i + 1, document.PageCount), small, XBrushes.Gray,
                new XRect(0, document.Pages[i].Height.Point - Margin + 12, document.Pages[i].Width.Point, 12), XStringFormats.TopCenter);
        }
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    /// <summary>One page being drawn on, and where the next line goes.</summary>
    private sealed class Page
    {
        private readonly PdfDocument _document;

        public Page(PdfDocument document)
        {
            _document = document;
            var page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            Graphics = XGraphics.FromPdfPage(page);
            Width = page.Width.Point;
            Bottom = page.Height.Point - Margin - 14;
            Y = Margin;
        }

        public XGraphics Graphics { get; }

        public double Width { get; }

        public double Bottom { get; }

        public double Y { get; set; }

        public Page Next()
        {
            Graphics.Dispose();
            return new Page(_document);
        }

        public void Center(string value, XFont font, double height)
        {
            Graphics.DrawString(value, font, XBrushes.Black, new XRect(0, Y, Width, height), XStringFormats.Center);
            Y += height;
        }

        public void Heading(string[] headings, XFont font)
        {
            var x = Margin;
            var height = font.Height + 2 * Padding;
            for (var i = 0; i < headings.Length; i++)
            {
                Graphics.DrawRectangle(XPens.Gray, XBrushes.WhiteSmoke, x, Y, Columns[i], height);
                Graphics.DrawString(headings[i], font, XBrushes.Black, new XRect(x + Padding, Y + Padding, Columns[i] - 2 * Padding, font.Height), XStringFormats.TopLeft);
                x += Columns[i];
            }
            Y += height;
        }

        /// <summary>Draws the text wrapped into <paramref name="width"/> and returns the height it took.</summary>
        public double Wrapped(string value, XFont font, double x, double y, double width)
        {
            var lines = Lines(value, font, width);
            for (var i = 0; i < lines.Count; i++)
            {
                Graphics.DrawString(lines[i], font, XBrushes.Black, new XRect(x, y + i * font.Height, width, font.Height), XStringFormats.TopLeft);
            }
            return lines.Count * font.Height;
        }

        /// <summary>
        /// The text broken into lines no wider than <paramref name="width"/>: at any character, as Chinese is set, and at
        /// line breaks the text holds.
        /// </summary>
        public List<string> Lines(string value, XFont font, double width)
        {
            var lines = new List<string>();
            foreach (var paragraph in value.ReplaceLineEndings("\n").Split('\n'))
            {
                var line = new System.Text.StringBuilder();
                foreach (var rune in paragraph.EnumerateRunes())
                {
                    var next = line.ToString() + rune.ToString();
                    if (line.Length > 0 && Graphics.MeasureString(next, font).Width > width)
                    {
                        lines.Add(line.ToString());
                        line.Clear();
                    }
                    line.Append(rune.ToString());
                }
                lines.Add(line.ToString());
            }
            return lines;
        }

        /// <summary>A signature scaled into the box, keeping its proportions; a PNG PDFsharp cannot read is left out.</summary>
        public void Signature(byte[] png, double x, double y, double width, double height)
        {
            XImage image;
            try
            {
                image = XImage.FromStream(new MemoryStream(png));
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or NotSupportedException or IOException or IndexOutOfRangeException)
            {
                return;
            }
            using (image)
            {
                var scale = Math.Min(width / image.PointWidth, height / image.PointHeight);
                var w = image.PointWidth * scale;
                var h = image.PointHeight * scale;
                Graphics.DrawImage(image, x + (width - w) / 2, y + (height - h) / 2, w, h);
            }
        }
    }
}
