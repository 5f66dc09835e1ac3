using System.Globalization;
using System.Text;
using Butler.Workflows.Input;
using Butler.Workflows.Onboarding;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Butler.Host.Api.Projects;

/// <summary>
/// The project ledger as a spreadsheet (Open XML SDK) or CSV, with headers and stage names in the caller's language.
/// Amounts are numbers in CNY, dates ISO 8601.
/// </summary>
public static class LedgerExport
{
    private static readonly (string Zh, string En)[] Headers =
    [
        ("项目名称", "Project"), ("企业", "Company"), ("产业链", "Industry chain"), ("计划投资（元）", "Planned investment (CNY)"),
        ("签约日期", "Contract date"), ("计划开工月份", "Planned start month"), ("包联领导", "Responsible leader"), ("服务专班", "Service squad"),
        ("阶段", "Stage"), ("结项", "Closing"), ("开工日期", "Started on"), ("投产日期", "In production on"),
        ("已完成投资（元）", "Investment completed (CNY)"), ("未解决难题", "Open problems"), ("状态灯", "Status light"),
    ];

    private static readonly Dictionary<string, (string Zh, string En)> Words = new(StringComparer.Ordinal)
    {
        ["signed"] = ("签约", "signed"), ["permits"] = ("手续办理", "permits"), ["site"] = ("选址", "site"),
        ["construction"] = ("建设", "construction"), ["production"] = ("投产", "in production"),
        ["fulfilled"] = ("已履约", "fulfilled"), ["terminated"] = ("已终止", "terminated"),
        ["red"] = ("红灯", "red"), ["yellow"] = ("黄灯", "yellow"), ["green"] = ("绿灯", "green"),
    };

    /// <summary>zh-CN unless the caller asked for English (lang=en, or Accept-Language preferring en).</summary>
    public static bool PrefersChinese(string? lang, string? acceptLanguage)
    {
        var wanted = !string.IsNullOrWhiteSpace(lang) ? lang : acceptLanguage?.Split(',').FirstOrDefault()?.Split(';')[0];
        return wanted is null || !wanted.Trim().StartsWith("en", StringComparison.OrdinalIgnoreCase);
    }

    public static IReadOnlyList<string> HeaderRow(bool chinese) => [.. Headers.Select(h => chinese ? h.Zh : h.En)];

    private static string Word(string? key, bool chinese) =>
        key is null ? "" : Words.TryGetValue(key, out var w) ? (chinese ? w.Zh : w.En) : key;

    /// <summary>
    /// One project's cells; text goes through <see cref="InputRules.ForExport"/>, so a value stored before the input rules
    /// (a control character XML refuses) cannot make the file unwritable for everyone who exports.
    /// </summary>
    private static object?[] Row(ProjectSummary p, IReadOnlyDictionary<string, IndustryChain> chains, bool chinese) =>
        [.. RawRow(p, chains, chinese).Select(v => v is string text ? InputRules.ForExport(text) : v)];

    private static object?[] RawRow(ProjectSummary p, IReadOnlyDictionary<string, IndustryChain> chains, bool chinese) =>
    [
        p.Name, p.Company, chains.TryGetValue(p.Chain, out var c) ? (chinese ? c.NameZh : c.NameEn) : p.Chain, p.PlannedInvestment,
        p.ContractDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.PlannedStartMonth ?? "", p.LeaderName, p.SquadName,
        Word(p.Stage, chinese), Word(p.Closing, chinese), p.StartedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        p.ProductionOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", p.InvestmentCompleted, p.OpenProblems, Word(p.Light, chinese),
    ];

    /// <summary>RFC 4180 CSV in UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese text right.</summary>
    public static byte[] Csv(IReadOnlyList<ProjectSummary> projects, IReadOnlyDictionary<string, IndustryChain> chains, bool chinese)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', HeaderRow(chinese).Select(Quote))).Append("\r\n");
        foreach (var p in projects)
        {
            sb.Append(string.Join(',', Row(p, chains, chinese).Select(v => Quote(v switch
            {
                decimal d => d.ToString("0.##", CultureInfo.InvariantCulture),
                int i => i.ToString(CultureInfo.InvariantCulture),
                _ => v?.ToString() ?? "",
            })))).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    /// <summary>
    /// A cell starting with =, +, - or @ is prefixed with an apostrophe so a spreadsheet does not run it as a formula
    /// (CSV injection); every value is quoted.
    /// </summary>
    private static string Quote(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }
        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>One worksheet: a bold header row, then one row per project; numbers stay numbers.</summary>
    public static byte[] Xlsx(IReadOnlyList<ProjectSummary> projects, IReadOnlyDictionary<string, IndustryChain> chains, bool chinese)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font(), new Font(new Bold())),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }));
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(RowOf(1, HeaderRow(chinese).Cast<object?>(), bold: true));
            uint index = 2;
            foreach (var p in projects)
            {
                data.Append(RowOf(index++, Row(p, chains, chinese), bold: false));
            }
            sheetPart.Worksheet = new Worksheet(data);
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = chinese ? "项目台账" : "Project ledger" });
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Row RowOf(uint index, IEnumerable<object?> values, bool bold)
    {
        var row = new Row { RowIndex = index };
        var column = 0;
        foreach (var value in values)
        {
            var reference = ColumnName(column++) + index.ToString(CultureInfo.InvariantCulture);
            Cell cell = value switch
            {
                decimal d => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(d) },
                int i => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(i) },
                _ => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value?.ToString() ?? "")) },
            };
            if (bold)
            {
                cell.StyleIndex = 1;
            }
            row.Append(cell);
        }
        return row;
    }

    private static string ColumnName(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26)
        {
            name = (char)('A' + (index - 1) % 26) + name;
        }
        return name;
    }
}
