using System.Globalization;
using Butler.Workflows.Activities;

namespace Butler.Designer;

/// <summary>
/// Every user-facing string of the designer in zh-CN and English; the current UI culture picks by the one rule of
/// <see cref="Languages"/> (ADR 023), the same as the web application's.
/// </summary>
/// <remarks>One partial file per area (<c>DesignerText.List.cs</c>, <c>DesignerText.Canvas.cs</c>, …); this one holds the shared words.</remarks>
public static partial class DesignerText
{
    public static bool IsEnglish => Languages.IsEnglish(CultureInfo.CurrentUICulture);

    /// <summary>The reader's language code, as <see cref="LocalizedText.For"/> and bilingual JSON objects name it.</summary>
    public static string Culture => Languages.Current;

    /// <summary>An outcome code in words when Butler knows it ("Done" is 完成), else as the definition writes it.</summary>
    public static string Outcome(string outcome) => OutcomeWords.Of(outcome).Current;

    /// <summary>A journal entry's kind in words.</summary>
    public static string JournalKind(string kind) => JournalWords.Of(kind).Current;

    public static string Pick(string zh, string en) => Languages.Pick(zh, en);

    /// <summary>A language's name in the reader's language: 中文/英文, Chinese/English.</summary>
    public static string LanguageOf(string language) => Languages.IsEnglish(language) ? Pick("英文", "English") : Pick("中文", "Chinese");

    /// <summary>A bilingual text in the reader's language; empty for none.</summary>
    public static string Text(LocalizedText? text) => text?.For(Culture) ?? "";

    public static string Designer => Pick("流程设计器", "Workflow designer");
    public static string Save => Pick("保存草稿", "Save draft");
    public static string Publish => Pick("发布", "Publish");
    public static string Cancel => Pick("取消", "Cancel");
    public static string Close => Pick("关闭", "Close");
    public static string Delete => Pick("删除", "Delete");
    public static string Loading => Pick("加载中…", "Loading…");
    public static string Saved => Pick("已保存。", "Saved.");
    public static string Version => Pick("版本", "Version");

    /// <summary>A version number as a reader writes it: "第 3 版" / "v3".</summary>
    public static string VersionNumber(int version) => Pick($"第 {version} 版", $"v{version}");
    public static string Draft => Pick("草稿", "Draft");
    public static string Published => Pick("已发布", "Published");
    public static string NotFound => Pick("流程不存在。", "There is no such workflow.");
    public static string Unreachable => Pick("无法连接服务，请稍后重试。", "The service cannot be reached; please try again.");
}
