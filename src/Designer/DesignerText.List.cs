using Butler.Workflows.Activities;
using Butler.Workflows.Definitions;

namespace Butler.Designer;

/// <summary>The definition list, the version history and the diff view.</summary>
public static partial class DesignerText
{
    public static string ListSearch => Pick("搜索名称或编号", "Search name or id");
    public static string ListCreate => Pick("新建流程", "New workflow");
    public static string ListCreateTitle => Pick("新建流程", "Create a workflow");
    public static string ListCloneTitle(string name) => Pick($"复制“{name}”", $"Clone “{name}”");
    public static string ListIdHelp => Pick("字母、数字、-、_、.，创建后不可更改", "Letters, digits, -, _ and .; cannot change later");
    public static string ListImport => Pick("导入 JSON", "Import JSON");
    public static string ListImportFailed => Pick("导入失败：", "The import failed:");
    public static string ListImportTooLarge(long kb) => Pick($"文件过大，最多 {kb} KB。", $"The file is too large; at most {kb} KB.");
    public static string ListImportedNew(string id) => Pick($"已导入新流程 {id}。", $"Imported the new workflow {id}.");
    public static string ListImportedDraft(string id, int version) => Pick($"已导入为 {id} 的草稿 v{version}。", $"Imported as draft v{version} of {id}.");
    public static string ListEmpty => Pick("还没有流程。", "There are no workflows yet.");
    public static string ListName => Pick("名称", "Name");
    public static string ListId => Pick("编号", "Id");
    public static string ListLatest => Pick("最新版本", "Latest version");
    public static string ListPublishedVersion => Pick("已发布版本", "Published version");
    public static string ListNotPublished => Pick("未发布", "Not published");
    public static string ListHasDraft => Pick("有草稿", "Draft");
    public static string ListYes => Pick("是", "Yes");
    public static string ListNo => Pick("否", "No");
    public static string ListUpdated => Pick("更新时间", "Updated");
    public static string ListActions => Pick("操作", "Actions");
    public static string ListOpen => Pick("打开", "Open");
    public static string ListClone => Pick("复制", "Clone");
    public static string ListExport => Pick("导出", "Export");
    public static string ListHistory => Pick("版本历史", "History");
    public static string ListDeleteDraft => Pick("删除草稿", "Delete draft");
    public static string ListDeleteDraftConfirm(string name, int version) =>
        Pick($"删除“{name}”的草稿 v{version}？已发布的版本不受影响。", $"Delete draft v{version} of “{name}”? Published versions stay.");
    public static string ListDeleteOnlyDraftConfirm(string name) =>
        Pick($"“{name}”从未发布，删除草稿将删除整个流程。继续？", $"“{name}” was never published: deleting its draft deletes the workflow. Continue?");
    public static string ListDraftDeleted => Pick("草稿已删除。", "The draft was deleted.");

    public static string ListBreadcrumb => Pick("位置", "Breadcrumb");
    public static string ListHistoryTitle(string name) => Pick($"“{name}”的版本历史", $"Version history of “{name}”");
    public static string ListCompareHelp => Pick("勾选两个版本后点击“比较”查看差异。", "Tick two versions, then Compare to see what changed.");
    public static string ListCompare => Pick("比较", "Compare");
    public static string ListCompareSelected => Pick("比较所选版本", "Compare selected versions");
    public static string ListSelectVersion(int version) => Pick($"选择版本 {version} 进行比较", $"Select version {version} to compare");
    public static string ListState => Pick("状态", "State");
    public static string ListCreated => Pick("创建", "Created");
    public static string ListPublishedBy => Pick("发布", "Published by");
    public static string ListWhoWhen(string? who, string when) => Pick($"{Who(who)}，{when}", $"{Who(who)}, {when}");

    /// <summary>Who did something: the engine's own actor as 系统 / system, a person by the name recorded.</summary>
    private static string Who(string? who) => who switch
    {
        null or "" => "—",
        "system" => Pick("系统", "system"),
        _ => who,
    };
    public static string ListInstances => Pick("实例（运行中/总数）", "Instances (running/total)");
    public static string ListInstanceCounts(int running, int total) => Pick($"运行中 {running} / 共 {total}", $"{running} running / {total} total");
    public static string ListRevert => Pick("恢复为此版本", "Revert to this version");
    public static string ListRevertConfirm(int version) =>
        Pick($"以版本 {version} 的内容保存为新的草稿？现有草稿将被覆盖。", $"Save the content of version {version} as a new draft? An existing draft is overwritten.");
    public static string ListReverted(int from, int draft) => Pick($"已将版本 {from} 恢复为草稿 v{draft}。", $"Version {from} restored as draft v{draft}.");

    public static string ListDiffHeading(int from, int to) => Pick($"从 v{from} 到 v{to} 的变化", $"Changes from v{from} to v{to}");
    public static string ListDiffNone => Pick("两个版本内容相同。", "The two versions have the same content.");
    public static string ListDiffDefinition => Pick("流程属性与变量", "Workflow and variables");
    public static string ListDiffActivities => Pick("节点", "Activities");
    public static string ListDiffConnections => Pick("连线", "Connections");
    public static string ListDiffAdded => Pick("新增：", "Added:");
    public static string ListDiffRemoved => Pick("删除：", "Removed:");
    public static string ListDiffChanged => Pick("修改：", "Changed:");
    public static string ListDiffNameChanged(string? from, string? to) => Pick($"名称由“{from ?? ""}”改为“{to ?? ""}”", $"name “{from ?? ""}” became “{to ?? ""}”");

    /// <summary>A name changed in the reader's language, or only in the other one (then named with it).</summary>
    public static string ListDiffNameChanged(TextChange change) => InLanguage(change, ListDiffNameChanged, "名称", "name");

    public static string ListDiffDescriptionChanged(string? from, string? to) =>
        Pick($"说明由“{from ?? ""}”改为“{to ?? ""}”", $"description “{from ?? ""}” became “{to ?? ""}”");

    public static string ListDiffDescriptionChanged(TextChange change) => InLanguage(change, ListDiffDescriptionChanged, "说明", "description");

    private static string InLanguage(TextChange change, Func<string?, string?, string> said, string zhWhat, string enWhat)
    {
        ArgumentNullException.ThrowIfNull(change);
        var mine = Culture;
        if (change.From?.For(mine) != change.To?.For(mine))
        {
            return said(change.From?.For(mine), change.To?.For(mine));
        }
        var other = mine == Languages.English ? Languages.Chinese : Languages.English;
        var language = LanguageOf(other);
        return Pick($"{language}{zhWhat}由“{change.From?.For(other)}”改为“{change.To?.For(other)}”",
            $"{language} {enWhat} “{change.From?.For(other)}” became “{change.To?.For(other)}”");
    }
    public static string ListDiffTypeChanged(string? from, string? to) => Pick($"类型由 {from} 改为 {to}", $"type {from} became {to}");
    public static string ListDiffVariable(string name) => Pick($"变量 {name}", $"variable {name}");
    public static string ListDiffVariableDefault(string name) => Pick($"变量 {name} 的类型或初始值", $"type or initial value of variable {name}");
    public static string ListDiffActivity(string id, string type, LocalizedText? name) => ListDiffActivity(id, type, name?.Current);

    public static string ListDiffActivity(string id, string type, string? name) =>
        string.IsNullOrEmpty(name) ? Pick($"节点 {id}（{type}）", $"activity {id} ({type})") : Pick($"节点 {id}“{name}”（{type}）", $"activity {id} “{name}” ({type})");
    public static string ListDiffInputAdded(string input) => Pick($"新增参数 {input}", $"input {input} added");
    public static string ListDiffInputRemoved(string input) => Pick($"删除参数 {input}", $"input {input} removed");
    public static string ListDiffInputChanged(string input) => Pick($"参数 {input} 已修改", $"input {input} changed");
    public static string ListDiffMoved => Pick("位置已移动", "moved on the canvas");
    public static string ListDiffConnection(string source, string outcome, string target) =>
        Pick($"连线 {source} —{Outcome(outcome)}→ {target}", $"connection {source} —{Outcome(outcome)}→ {target}");
}
