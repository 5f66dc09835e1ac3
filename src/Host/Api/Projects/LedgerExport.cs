using System.Globalization;
using System.Text;
using Butler.Workflows.Activities;
using Butler.Workflows.Input;
using Butler.Workflows.Onboarding;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Butler.Host.Api.Projects;

/// <summary>
/// The project ledger as a spreadsheet (Open XML SDK) or CSV, with headers, names and stage words in the reader's language.
/// Amounts are numbers in CNY, dates ISO 8601.
/// </summary>
public static class LedgerExport
{
    private static readonly LocalizedText[] Headers =
    [
        new("Project", "项目名称"), new("Company", "企业"), new("Industry chain", "产业链"), new("Planned investment (CNY)", "计划投资（元）"),
        new("Contract date", "签约日期"), new("Planned start month", "计划开工月份"), new("Responsible leader", "包联领导"), new("Service squad", "服务专班"),
        new("Stage", "阶段"), new("Closing", "结项"), new("Started on", "开工日期"), new("In production on", "投产日期"),
        new("Investment completed (CNY)", "已完成投资（元）"), new("Open problems", "未解决难题"), new("Status light", "状态灯"),
    ];

    /// <summary>The language a <c>lang</c> query value asks for (<c>en</c>, <c>zh-CN</c>…), or null for none Butler speaks.</summary>
    public static string? Asked(string? lang) =>
        string.IsNullOrWhiteSpace(lang) ? null
        : lang.Trim().StartsWith("en", StringComparison.OrdinalIgnoreCase) ? Languages.English
        : lang.Trim().StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Languages.Chinese
        : null;

    public static IReadOnlyList<string> HeaderRow(bool chinese) => [.. Headers.Select(h => h.For(Language(chinese)))];

    private static string Language(bool chinese) => chinese ? Languages.Chinese : Languages.English;

    /// <summary>A stage, closing or light by its wire name, in the domain's words (<see cref="OnboardingWords"/>).</summary>
    private static string Word<TEnum>(string? wire, Func<TEnum, LocalizedText> words, bool chinese) where TEnum : struct, Enum =>
        wire is null ? "" : OnboardingWords.OfWire(wire, words)?.For(Language(chinese)) ?? wire;

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
        Word<ProjectStage>(p.Stage, OnboardingWords.Stage, chinese), Word<ProjectClosing>(p.Closing, OnboardingWords.Closing, chinese), p.StartedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        p.ProductionOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", p.InvestmentCompleted, p.OpenProblems, Word<Light>(p.Light, OnboardingWords.LightWord, chinese),
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
