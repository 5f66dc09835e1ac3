using System.Globalization;

namespace Butler.Host.Components;

/// <summary>The administration pages' strings.</summary>
public static partial class UiText
{
    public static string Users => Pick("用户", "Users");
    public static string UsersHint => Pick("账户、角色、锁定与重置密码", "Accounts, roles, lock-out and passwords");
    public static string Teams => Pick("团队", "Teams");
    public static string TeamsHint => Pick("服务专班、驻外分局、镇街分队及其成员", "Service squads, outpost bureaus, town squads and their members");
    public static string WorkCalendar => Pick("工作日历", "Working calendar");
    public static string WorkCalendarHint => Pick("节假日与调休工作日", "Holidays and adjusted working days");
    public static string Instances => Pick("流程实例", "Workflow instances");
    public static string InstancesHint => Pick("查看、取消与重试流程", "Inspect, cancel and retry runs");
    public static string Designer => Pick("流程设计器", "Workflow designer");
    public static string DesignerHint => Pick("编辑与发布流程定义", "Edit and publish workflow definitions");
    public static string Jobs => Pick("后台作业", "Background jobs");
    public static string JobsHint => Pick("Hangfire 定时器与作业面板", "The Hangfire timer and job dashboard");

    // Users
    public static string NewUser => Pick("新建用户", "New user");
    public static string EditUser(string userName) => Pick($"编辑用户 {userName}", $"Edit user {userName}");
    public static string InitialPassword => Pick("初始密码", "Initial password");
    public static string Create => Pick("创建", "Create");
    public static string Cancel => Pick("取消", "Cancel");
    public static string Edit => Pick("编辑", "Edit");
    public static string Lock => Pick("锁定", "Lock");
    public static string Unlock => Pick("解锁", "Unlock");
    public static string ResetPassword => Pick("重置密码", "Reset password");
    public static string Locked => Pick("已锁定", "Locked");
    public static string Active => Pick("正常", "Active");
    public static string NoUsers => Pick("没有符合条件的用户。", "No user matches.");
    public static string UserCreated(string userName) => Pick($"已创建用户 {userName}。", $"User {userName} was created.");
    public static string PasswordReset(string userName) => Pick($"已重置 {userName} 的密码。", $"The password of {userName} was reset.");
    public static string RoleName(string role) => role switch
    {
        "Admin" => Pick("管理员", "Administrator"),
        "Leader" => Pick("区级领导", "Leader"),
        "Squad" => Pick("服务专班", "Squad member"),
        _ => role,
    };
    public static string Actions => Pick("操作", "Actions");

    // Teams
    public static string NewTeam => Pick("新建团队", "New team");
    public static string Name => Pick("名称", "Name");
    public static string Kind => Pick("类型", "Kind");
    public static string Lead => Pick("负责人", "Lead");
    public static string Members => Pick("成员", "Members");
    public static string MembersHint => Pick("用户名，以逗号或空格分隔", "User names, separated by commas or spaces");
    public static string Leader => Pick("包联领导", "Responsible leader");
    public static string NoLeader => Pick("（无）", "(none)");
    public static string NoSuchUser(string names) => Pick($"没有用户：{names}", $"No such user: {names}");
    public static string TeamNameTaken => Pick("已有同名团队。", "Another team already has this name.");
    public static string NoTeams => Pick("还没有团队。", "There are no teams yet.");
    public static string TeamKindName(string kind) => kind switch
    {
        "serviceSquad" => Pick("服务专班", "Service squad"),
        "outpost" => Pick("驻外招商分局", "Outpost bureau"),
        "townSquad" => Pick("镇街招商分队", "Town squad"),
        _ => kind,
    };

    // Calendar
    public static string Calendar => Pick("日历", "Calendar");
    public static string Year => Pick("年份", "Year");
    public static string Holidays => Pick("节假日（休息）", "Holidays (days off)");
    public static string MakeUpDays => Pick("调休工作日", "Adjusted working days");
    public static string Date => Pick("日期", "Date");
    public static string DayName => Pick("名称", "Name");
    public static string DayOff => Pick("休息日", "Day off");
    public static string WorkingDay => Pick("工作日", "Working day");
    public static string Add => Pick("添加", "Add");
    public static string Remove => Pick("删除", "Remove");
    public static string NoSpecialDays => Pick("无", "None");
    public static string WorkingHours(TimeOnly end, string zone) =>
        Pick($"工作日截止时间 {end:HH\\:mm}（{zone}），在配置 Butler:Calendar:WorkdayEnd 中设置。",
             $"A working day ends at {end:HH\\:mm} ({zone}); set in the configuration Butler:Calendar:WorkdayEnd.");
    public static string YearNotPublished(int year) => Pick($"{year} 年的安排尚未发布，只按周末计算。", $"The {year} arrangement is not published: only weekends count.");
    public static string PublishYear => Pick("发布该年安排", "Publish this year");
    public static string DateFormatHint => Pick("写法如 2026-03-01", "Written yyyy-MM-dd");
    public static string DateInvalid => Pick("请输入日期，写法如 2026-03-01。", "Enter a date written yyyy-MM-dd.");
    public static string DateNotInYear(int year) => Pick($"日期须在 {year} 年内。", $"The date must fall in {year}.");
    public static string DateTwice => Pick("该日期已在列表中。", "This date is already listed.");
    public static string DayNameTooLong => Pick("名称最多 100 个字。", "A name has at most 100 characters.");
    public static string CalendarConflict => Pick("日历已被他人修改，请刷新后重试。", "Someone else changed the calendar: reload and try again.");
    public static string WorkingDays => Pick("工作日数", "Working days");
    public static string StartDate => Pick("起始日期", "Start date");
    public static string Preview(int days, DateOnly from, DateOnly due) =>
        Pick($"{from:yyyy-MM-dd} 起 {days} 个工作日为 {due:yyyy-MM-dd}", $"{days} working days from {from:yyyy-MM-dd} is {due:yyyy-MM-dd}");

    // Instances
    public static string Definition => Pick("流程定义", "Definition");
    public static string AllDefinitions => Pick("全部流程", "All definitions");
    public static string AllStatuses => Pick("全部状态", "All statuses");
    public static string StartedBy => Pick("发起人", "Started by");
    public static string Created => Pick("创建时间", "Created");
    public static string Finished => Pick("结束时间", "Finished");
    public static string Variables => Pick("变量", "Variables");
    public static string Bookmarks => Pick("等待点", "Bookmarks");
    public static string Incidents => Pick("故障", "Incidents");
    public static string Journal => Pick("执行日志", "Journal");
    public static string Retry => Pick("重试", "Retry");
    public static string CancelInstance => Pick("取消流程", "Cancel instance");
    public static string ConfirmCancel => Pick("确定取消该流程及其所有待办任务吗？", "Cancel this instance and all its open tasks?");
    public static string Resolved(string? by, string? at) => Pick($"已由 {by} 于 {at} 重试解决", $"Resolved by {by}'s retry at {at}");
    public static string Unresolved => Pick("未解决", "Unresolved");
    public static string NoInstances => Pick("没有符合条件的流程实例。", "No instance matches.");
    public static string NoneYet => Pick("无", "None");
    public static string InstanceRetried => Pick("已重试。", "Retried.");
    public static string InstanceCancelled => Pick("已取消。", "Cancelled.");
    public static string InstanceNotFound => Pick("没有这个流程实例。", "There is no such instance.");
    public static string Activity => Pick("活动", "Activity");
    public static string When => Pick("时间", "When");
    public static string Who => Pick("操作人", "Who");
    public static string What => Pick("事件", "What");
    public static string Detail => Pick("详情", "Detail");
    public static string Message => Pick("信息", "Message");
    public static string PageOf(int page, int pages) => Pick($"第 {page} / {pages} 页", $"Page {page} of {pages}");
    public static string Previous => Pick("上一页", "Previous");
    public static string Next => Pick("下一页", "Next");
    public static string InstanceStatus(string status) => status switch
    {
        "Running" => Pick("运行中", "Running"),
        "Completed" => Pick("已完成", "Completed"),
        "Faulted" => Pick("故障", "Faulted"),
        "Cancelled" => Pick("已取消", "Cancelled"),
        _ => status,
    };

    /// <summary>A time in the district's zone, as every page writes it.</summary>
    public static string At(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
