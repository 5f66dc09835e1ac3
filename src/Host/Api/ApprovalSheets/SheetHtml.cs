using System.Globalization;
using System.Net;
using System.Text;
using Butler.Host.Components;

namespace Butler.Host.Api.ApprovalSheets;

/// <summary>
/// The sheet as a standalone HTML page for the browser to print: no navigation, a print stylesheet that keeps each step
/// row, each signature and the seal box whole on a page, and the signatures inline (data: URIs) so the page needs
/// nothing else to load.
/// </summary>
public static class SheetHtml
{
    private const string Style = """
        *{box-sizing:border-box}
        body{font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;padding:16px;color:#111;background:#fff;font-size:14px;line-height:1.5}
        main{max-width:210mm;margin:0 auto}
        h1{text-align:center;font-size:24px;margin:8px 0 16px;letter-spacing:.3em}
        .actions{display:flex;flex-wrap:wrap;gap:8px;justify-content:flex-end;margin-bottom:12px}
        .actions a,.actions button{font:inherit;padding:6px 14px;border:1px solid #1565c0;border-radius:4px;background:#fff;color:#1565c0;text-decoration:none;cursor:pointer}
        .actions button{background:#1565c0;color:#fff}
        dl.facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:4px 24px;margin:0 0 16px}
        dl.facts div{display:flex;gap:4px}
        dl.facts dt{color:#555;white-space:nowrap}
        dl.facts dd{margin:0;overflow-wrap:anywhere}
        .steps{overflow-x:auto}
        table{width:100%;border-collapse:collapse}
        th,td{border:1px solid #999;padding:4px 6px;text-align:start;vertical-align:top;overflow-wrap:anywhere}
        th{background:#f2f2f2;font-weight:600;white-space:nowrap}
        td.at{white-space:nowrap}
        td.signature{width:8rem;height:3rem;text-align:center;vertical-align:middle}
        td.signature img{max-width:7.5rem;max-height:2.8rem}
        .empty{color:#555}
        .seal{display:flex;justify-content:space-between;align-items:flex-end;gap:16px;margin-top:24px}
        .seal .box{width:120px;height:120px;border:1px solid #999;display:flex;align-items:center;justify-content:center;color:#777}
        .printed{color:#555;font-size:12px}
        @media (max-width:600px){
          table,thead,tbody,tr,th,td{display:block}
          thead{display:none}
          tr{border:1px solid #999;margin-bottom:8px;padding:4px}
          td{border:0;padding:2px 4px}
          td::before{content:attr(data-label);color:#555}
          td.signature{width:auto;height:auto;text-align:start}
        }
        @media print{
          @page{size:A4;margin:15mm}
          body{padding:0;font-size:11pt}
          .actions{display:none}
          .steps{overflow:visible}
          thead{display:table-header-group}
          tr,td.signature,img,.seal{page-break-inside:avoid;break-inside:avoid}
        }
        """;

    /// <summary>The page; <paramref name="pdfHref"/> is the same sheet as PDF, offered beside the print button.</summary>
    public static string Write(RunSheet sheet, string pdfHref)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{E(sheet.Language)}\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append(CultureInfo.InvariantCulture, $"<title>{E(UiText.SheetTitle)} · {E(sheet.Title)}</title><style>{Style}</style></head><body><main>")
            .Append("<div class=\"actions\">")
            .Append(CultureInfo.InvariantCulture, $"<a href=\"{E(pdfHref)}\" data-testid=\"sheet-pdf\">{E(UiText.SheetDownloadPdf)}</a>")
            .Append(CultureInfo.InvariantCulture, $"<button type=\"button\" onclick=\"window.print()\" data-testid=\"sheet-print\">{E(UiText.SheetPrintNow)}</button></div>")
            .Append(CultureInfo.InvariantCulture, $"<h1>{E(UiText.SheetTitle)}</h1><dl class=\"facts\" data-testid=\"sheet-facts\">");
        if (sheet.Project is { } project)
        {
            Fact(html, UiText.SheetProjectName, project.Name);
            Fact(html, UiText.Company, project.Company);
            Fact(html, UiText.Leader, project.Leader);
            Fact(html, UiText.Squad, project.Squad);
            Fact(html, UiText.PlannedInvestment, project.PlannedInvestment);
        }
        Fact(html, UiText.SheetRun, sheet.Title);
        Fact(html, UiText.SheetStatus, sheet.Status);
        Fact(html, UiText.SheetStartedBy, sheet.StartedBy);
        Fact(html, UiText.SheetStartedAt, sheet.StartedAt);
        if (sheet.FinishedAt is { } finished)
        {
            Fact(html, UiText.SheetFinishedAt, finished);
        }
        html.Append("</dl>");
        string[] headings = [UiText.SheetNumber, UiText.SheetStep, UiText.SheetPerson, UiText.SheetOutcome, UiText.SheetComment, UiText.SheetTime, UiText.SheetSignature];
        if (sheet.Steps.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"empty\">{E(UiText.SheetNoSteps)}</p>");
        }
        else
        {
            html.Append("<div class=\"steps\"><table data-testid=\"sheet-steps\"><thead><tr>");
            foreach (var heading in headings)
            {
                html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{E(heading)}</th>");
            }
            html.Append("</tr></thead><tbody>");
            foreach (var step in sheet.Steps)
            {
                html.Append("<tr>");
                string[] cells = [step.Number.ToString(CultureInfo.InvariantCulture), step.Step, step.Person, step.Outcome, step.Comment ?? "", step.At];
                for (var i = 0; i < cells.Length; i++)
                {
                    var at = i == cells.Length - 1 ? " class=\"at\"" : "";
                    html.Append(CultureInfo.InvariantCulture, $"<td{at} data-label=\"{E(headings[i] + UiText.Colon)}\">{E(cells[i])}</td>");
                }
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"signature\" data-label=\"{E(UiText.SheetSignature + UiText.Colon)}\">");
                if (step.Signature is { } png)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<img alt=\"{E(UiText.SheetSignature)}：{E(step.Person)}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\">");
                }
                html.Append("</td></tr>");
            }
            html.Append("</tbody></table></div>");
        }
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"seal\"><span class=\"printed\">{E(UiText.SheetPrintedAt(sheet.PrintedAt))}</span>")
            .Append(CultureInfo.InvariantCulture, $"<div><div class=\"box\">{E(UiText.SheetSeal)}</div><div>{E(UiText.SheetSealDate)}</div></div></div>")
            .Append("</main></body></html>");
        return html.ToString();
    }

    private static void Fact(StringBuilder html, string label, string value) =>
        html.Append(CultureInfo.InvariantCulture, $"<div><dt>{E(label)}{E(UiText.Colon)}</dt><dd>{E(value)}</dd></div>");

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
