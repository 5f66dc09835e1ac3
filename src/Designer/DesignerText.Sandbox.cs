namespace Butler.Designer;

/// <summary>Strings of the test run (sandbox) panel.</summary>
public static partial class DesignerText
{
    public static string SandboxTitle => Pick("测试运行", "Test run");
    public static string SandboxBanner => Pick(
        "这是测试运行：草稿在独立的沙箱中运行，不发送任何邮件，也不写入真实数据。30 分钟无操作后自动结束。",
        "This is a test run: the draft runs in a sandbox of its own. No e-mail is sent and nothing is written to the real data. It ends after 30 idle minutes.");
    public static string SandboxInputLabel => Pick("示例输入（变量的 JSON 对象）", "Sample input (a JSON object of variables)");
    public static string SandboxInputHelp => Pick("已按流程声明的变量及默认值预填。", "Prefilled with the workflow's declared variables and their defaults.");
    public static string SandboxInputNotObject => Pick("输入必须是 JSON 对象，例如 {\"amount\": 12}。", "The input must be a JSON object, e.g. {\"amount\": 12}.");
    public static string SandboxInputInvalid(long line, long position) => Pick(
        $"JSON 格式错误：第 {line} 行第 {position} 个字符附近。", $"Not valid JSON: near line {line}, character {position}.");
    public static string SandboxStart => Pick("开始测试运行", "Start test run");
    public static string SandboxStarting => Pick("正在启动…", "Starting…");
    public static string SandboxReset => Pick("结束并重来", "Stop and start over");
    public static string SandboxRefresh => Pick("刷新", "Refresh");
    public static string SandboxStatus => Pick("状态", "Status");
    public static string SandboxClock => Pick("沙箱时间", "Sandbox time");
    public static string SandboxStatusName(string status) => status switch
    {
        "running" => Pick("运行中", "Running"),
        "completed" => Pick("已完成", "Completed"),
        "faulted" => Pick("出错", "Faulted"),
        "cancelled" => Pick("已取消", "Cancelled"),
        _ => status,
    };
    public static string SandboxTasks => Pick("待办任务", "Open tasks");
    public static string SandboxNoTasks => Pick("没有待办任务。", "No open tasks.");
    public static string SandboxAssignee => Pick("办理人", "Assignee");
    public static string SandboxDue => Pick("截止", "Due");
    public static string SandboxEscalationLevel => Pick("已升级级数", "Escalation level");
    public static string SandboxComplete(string outcome) => Pick($"办结：{Outcome(outcome)}", $"Complete: {Outcome(outcome)}");
    public static string SandboxComment => Pick("意见（可选）", "Comment (optional)");
    public static string SandboxApprovals => Pick("待审批", "Pending approvals");
    public static string SandboxNoApprovals => Pick("没有待审批事项。", "No pending approvals.");
    public static string SandboxApprovers => Pick("审批人", "Approvers");
    public static string SandboxEscalated => Pick("由逾期升级发起", "Opened by an escalation");
    public static string SandboxDecide(string outcome) => Pick($"决定：{Outcome(outcome)}", $"Decide: {Outcome(outcome)}");
    public static string SandboxExtendNote => Pick("“延期”将截止时间推后 7 天（沙箱时间）。", "Extend moves the due time 7 days after the sandbox time.");
    public static string SandboxReassignTo => Pick("改派给（用户名）", "Reassign to (user name)");
    public static string SandboxTimers => Pick("计时器", "Timers");
    public static string SandboxNoTimers => Pick("没有等待中的计时器。", "No pending timers.");
    public static string SandboxFireNow => Pick("立即触发", "Fire now");
    public static string SandboxTimerIsDue => Pick("已到期", "due");
    public static string SandboxTimerKind(string kind, int step) => kind switch
    {
        "reminder" => Pick($"提醒 {step + 1}", $"Reminder {step + 1}"),
        "escalation" => Pick($"升级第 {step + 1} 级", $"Escalation step {step + 1}"),
        "delay" => Pick("延时结束", "Delay ends"),
        "signalTimeout" => Pick("等待信号超时", "Signal timeout"),
        _ => kind,
    };
    public static string SandboxMails => Pick("已拦截的邮件（未发送）", "Held mail (not sent)");
    public static string SandboxNoMails => Pick("还没有邮件。", "No mail yet.");
    public static string SandboxMailTo => Pick("收件人", "To");
    public static string SandboxMailSubject => Pick("主题", "Subject");
    public static string SandboxJournal => Pick("运行日志", "Journal");
    public static string SandboxTime => Pick("时间", "Time");
    public static string SandboxActivity => Pick("环节", "Activity");
    public static string SandboxEvent => Pick("事件", "Event");
    public static string SandboxDetail => Pick("详情", "Detail");
    public static string SandboxIncidents => Pick("故障", "Faults");
    public static string SandboxActiveNow => Pick("当前活动环节", "Active now");
    public static string SandboxNone => Pick("无", "none");
    public static string SandboxGone => Pick("这次测试运行已结束或已过期，请重新开始。", "This test run has ended or expired; start a new one.");
}
