namespace Butler.Designer;

public static partial class DesignerText
{
    public static string CanvasProblemCount(int count) => Pick($"{count} 个问题", count == 1 ? "1 problem" : $"{count} problems");
    public static string CanvasWaitingHere => Pick("运行到此", "Waiting here");
    public static string CanvasToolbox => Pick("活动工具箱", "Activities");
    public static string CanvasToolboxSearch => Pick("搜索活动", "Search activities");
    public static string CanvasToolboxHint => Pick("拖到画布上，或按回车添加。", "Drag onto the canvas, or press Enter to add.");
    public static string CanvasLabel => Pick("流程画布。Delete 删除，Ctrl+C/V 复制粘贴，Ctrl+Z/Y 撤销重做，方向键移动，+/- 缩放，0 适应窗口。",
        "Workflow canvas. Delete removes, Ctrl+C/V copy and paste, Ctrl+Z/Y undo and redo, arrow keys move, +/- zoom, 0 fits.");
    public static string CanvasUndo => Pick("撤销", "Undo");
    public static string CanvasRedo => Pick("重做", "Redo");
    public static string CanvasCopy => Pick("复制", "Copy");
    public static string CanvasPaste => Pick("粘贴", "Paste");
    public static string CanvasDeleteSelection => Pick("删除所选", "Delete selection");
    public static string CanvasZoomIn => Pick("放大", "Zoom in");
    public static string CanvasZoomOut => Pick("缩小", "Zoom out");
    public static string CanvasFit => Pick("适应窗口", "Fit to window");
    public static string CanvasLayout => Pick("自动排列", "Auto layout");
    public static string CanvasExport => Pick("导出 JSON", "Export JSON");
    public static string CanvasHistory => Pick("版本历史", "Version history");
    public static string CanvasTestRun => Pick("试运行", "Test run");
    public static string CanvasProblems => Pick("校验问题", "Problems");
    public static string CanvasNoProblems => Pick("没有问题，可以发布。", "No problems: ready to publish.");
    public static string CanvasValidating => Pick("正在校验…", "Validating…");
    public static string CanvasUnsaved => Pick("有未保存的修改", "Unsaved changes");
    public static string CanvasAllSaved => Pick("已全部保存", "All changes saved");
    public static string CanvasPublishBlocked => Pick("请先解决全部校验问题再发布。", "Fix every problem before publishing.");
    public static string CanvasPublishTitle => Pick("发布新版本", "Publish a new version");
    public static string CanvasPublishExplain(int version) => Pick(
        $"发布后，新启动的流程使用第 {version} 版。正在运行的实例继续使用它们启动时的版本：",
        $"After publishing, new instances start on version {version}. Running instances keep the version they started on:");
    public static string CanvasRunningOn(int version, int running, int total) => Pick(
        $"第 {version} 版：{running} 个运行中（共 {total} 个）", $"Version {version}: {running} running ({total} in all)");
    public static string CanvasNoInstances => Pick("还没有任何实例。", "No instance has run yet.");
    public static string CanvasPublished(int version) => Pick($"已发布第 {version} 版。", $"Version {version} is published.");
    public static string CanvasSaveFailed => Pick("保存失败：", "Saving failed: ");
    public static string CanvasPublishFailed => Pick("发布失败：", "Publishing failed: ");
    public static string CanvasDefinition => Pick("流程属性", "Workflow properties");
    public static string CanvasName => Pick("名称", "Name");
    public static string CanvasDescription => Pick("说明", "Description");
    public static string CanvasId => Pick("标识", "Id");
    public static string CanvasActivityId => Pick("活动标识", "Activity id");
    public static string CanvasActivityIdHelp => Pick("字母、数字、'-'、'_'，在流程内唯一。", "Letters, digits, '-' and '_', unique in the workflow.");
    public static string CanvasActivityIdTaken => Pick("该标识已被使用。", "Another activity has this id.");
    public static string CanvasActivityIdInvalid => Pick("标识只能使用字母、数字、'-'、'_'，以字母开头。", "An id uses letters, digits, '-' and '_', starting with a letter.");
    public static string CanvasConnections => Pick("连接", "Connections");
    public static string CanvasGoesTo(string outcome) => Pick($"结果“{Outcome(outcome)}”之后", $"After “{Outcome(outcome)}”");
    public static string CanvasNowhere => Pick("（不连接）", "(not connected)");
    public static string CanvasMissingTarget => Pick("（目标不存在）", "(missing target)");
    public static string CanvasVariables => Pick("流程变量", "Variables");
    public static string CanvasVariableName => Pick("变量名", "Variable name");
    public static string CanvasAddVariable => Pick("添加变量", "Add variable");
    public static string CanvasRemoveVariable => Pick("删除变量", "Remove variable");
    public static string CanvasNothingSelected => Pick("选择一个活动以编辑其属性。", "Select an activity to edit its properties.");
    public static string CanvasSelectedCount(int count) => Pick($"已选择 {count} 个活动。", $"{count} activities selected.");
    public static string CanvasAt(string where) => Pick($"位置：{where}", $"At: {where}");
    public static string CanvasReadOnlyPublished => Pick("这是已发布的版本；保存会生成新的草稿版本。", "This version is published; saving makes a new draft version.");
    public static string CanvasCategory(string category) => category switch
    {
        "Flow" => Pick("流程控制", "Flow"),
        "People" => Pick("人员任务", "People"),
        "Events" => Pick("事件与时间", "Events"),
        "Data" => Pick("数据", "Data"),
        "Onboarding" => Pick("项目服务", "Onboarding"),
        "Messaging" => Pick("消息", "Messaging"),
        _ => category,
    };
    public static string CanvasLeaveUnsaved => Pick("修改尚未保存，离开后将丢失。", "Your changes are not saved; they are lost if you leave.");
    public static string CanvasLeaveAnyway => Pick("仍然离开", "Leave anyway");
    public static string CanvasStay => Pick("留在此页", "Stay");
    public static string CanvasLeave => Pick("返回列表", "Back to the list");
}
