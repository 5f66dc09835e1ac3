using System.Collections.Frozen;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Butler.Host.Components;

/// <summary>
/// MudBlazor's own words (the date picker's "Open", a number field's "Increment", a pager's "Next page"…) in Chinese
/// for a zh-CN reader; MudBlazor ships English only. An English reader, or a key not listed, gets MudBlazor's text.
/// </summary>
public sealed class ChineseMudWords : MudLocalizer
{
    private static readonly FrozenDictionary<string, string> Chinese = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["MudAlert_Close"] = "关闭",
        ["MudBaseDatePicker_NextMonth"] = "下个月",
        ["MudBaseDatePicker_NextYear"] = "下一年",
        ["MudBaseDatePicker_Open"] = "打开日期选择",
        ["MudBaseDatePicker_PrevMonth"] = "上个月",
        ["MudBaseDatePicker_PrevYear"] = "上一年",
        ["MudBreadcrumbs_Label"] = "导航路径",
        ["MudChip_Close"] = "移除",
        ["MudDateRangePicker_End"] = "结束日期",
        ["MudDateRangePicker_Start"] = "开始日期",
        ["MudDialog_Close"] = "关闭",
        ["MudFileUpload_Button"] = "选择文件",
        ["MudFileUpload_DragAndDrop"] = "把文件拖到这里",
        ["MudFormComponent_Required"] = "必填",
        ["MudInput_Clear"] = "清除",
        ["MudInput_Decrement"] = "减少",
        ["MudInput_Increment"] = "增加",
        ["MudNavGroup_ToggleExpand"] = "展开或收起",
        ["MudPagination_CurrentPage"] = "当前页",
        ["MudPagination_FirstPage"] = "第一页",
        ["MudPagination_LastPage"] = "最后一页",
        ["MudPagination_NextPage"] = "下一页",
        ["MudPagination_PageIndex"] = "第 {0} 页",
        ["MudPagination_PreviousPage"] = "上一页",
        ["MudSelect_SelectAll"] = "全选",
        ["MudSnackbar_Close"] = "关闭",
        ["MudTablePager_FirstPage"] = "第一页",
        ["MudTablePager_LastPage"] = "最后一页",
        ["MudTablePager_NextPage"] = "下一页",
        ["MudTablePager_PreviousPage"] = "上一页",
        ["MudTable_CollapseGroup"] = "收起分组",
        ["MudTable_ExpandGroup"] = "展开分组",
        ["MudTable_Loading"] = "正在加载",
        ["MudTable_SelectAllRows"] = "全选",
        ["MudTable_SelectGroup"] = "选择分组",
        ["MudTable_SelectRow"] = "选择此行",
        ["MudTabs_ScrollLeft"] = "向左滚动",
        ["MudTabs_ScrollRight"] = "向右滚动",
        ["MudTimePicker_Open"] = "打开时间选择",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public override LocalizedString this[string key] =>
        UiText.IsEnglish || !Chinese.TryGetValue(key, out var words)
            ? new LocalizedString(key, key, resourceNotFound: true)
            : new LocalizedString(key, words);

    public override LocalizedString this[string key, params object[] arguments] =>
        UiText.IsEnglish || !Chinese.TryGetValue(key, out var words)
            ? new LocalizedString(key, key, resourceNotFound: true)
            : new LocalizedString(key, string.Format(System.Globalization.CultureInfo.CurrentCulture, words, arguments));
}
