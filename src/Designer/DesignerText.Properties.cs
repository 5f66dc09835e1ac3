namespace Butler.Designer;

/// <summary>The property panel's words: one editor per activity input, so an administrator never has to read JSON.</summary>
public static partial class DesignerText
{
    public static string PropTitle => Pick("属性", "Properties");
    public static string PropName => Pick("步骤名称", "Step name");
    public static string PropSameInBoth => Pick("留空则与左侧相同", "Leave empty for the same text");
    public static string PropNameHelp => Pick("显示在画布和任务列表中。", "Shown on the canvas and in task lists.");
    public static string PropRequired => Pick("（必填）", "(required)");
    public static string PropStepProblems => Pick("本步骤的问题", "Problems with this step");
    public static string PropNoInputs => Pick("此步骤没有可设置的项。", "This step has nothing to set.");
    public static string PropAdd => Pick("添加", "Add");
    public static string PropListEmpty => Pick("暂无。", "None yet.");
    public static string PropNotSet => Pick("（未设置）", "(not set)");
    public static string PropIdentifierInvalid => Pick("只能使用字母、数字、_ 或 $，且不能以数字开头（不含空格）。",
        "Use letters, digits, _ or $ only, not starting with a digit (no spaces).");

    public static string PropValue(int n) => Pick($"第 {n} 项", $"Value {n}");
    public static string PropRemove(string what) => Pick($"删除{what}", $"Remove {what}");
    public static string PropMoveUp(string what) => Pick($"上移{what}", $"Move {what} up");
    public static string PropMoveDown(string what) => Pick($"下移{what}", $"Move {what} down");
    public static string PropChoiceDefault(string option) => Pick($"（默认：{option}）", $"(default: {option})");

    /// <summary>A readable name for a known option value; the value itself otherwise.</summary>
    /// <summary>An option of a choice in words, as the activity names it.</summary>
    public static string PropOption(Butler.Workflows.Activities.InputDescriptor input, string option) =>
        (input ?? throw new ArgumentNullException(nameof(input))).OptionFor(option, System.Globalization.CultureInfo.CurrentUICulture.Name);

    /// <summary>How an escalation's approval is decided (its mode) in words.</summary>
    public static string PropApprovalMode(string mode) => mode switch
    {
        "any" => Pick("任一（首个决定生效）", "any (the first decision counts)"),
        "all" => Pick("全部（须全体同意）", "all (everyone must agree)"),
        "majority" => Pick("多数（过半数）", "majority (more than half)"),
        "sequential" => Pick("依次审批（按顺序逐一审批）", "sequential (one after another, in order)"),
        "weighted" => Pick("票签（按权重计票，达到阈值）", "weighted (votes by weight, up to a threshold)"),
        _ => mode,
    };

    // Durations
    public static string PropDurationHelp => Pick("如 3wd（3 个工作日）、PT4H（4 小时）、P2D（2 个自然日）。",
        "e.g. 3wd (3 working days), PT4H (4 hours), P2D (2 calendar days).");
    public static string PropDurationInvalid => Pick("不是有效的时限：请写工作日如 3wd，或 ISO 8601 时间如 PT4H、P2D。",
        "Not a duration: write working days such as 3wd, or ISO 8601 time such as PT4H or P2D.");
    public static string PropDurationPositive => Pick("时限必须大于零。", "The time must be longer than zero.");
    public static string PropOffsetBefore => Pick("提醒在到期之前：请加负号，如 -1wd 或 -PT2H。",
        "A reminder comes before the due time: write it with a minus, e.g. -1wd or -PT2H.");
    public static string PropOffsetAfter => Pick("督办在到期时或之后：如 PT0S（到期即办）或 1wd。",
        "An escalation step comes at or after the due time, e.g. PT0S (at once) or 1wd.");
    public static string PropNotSaved => Pick("此内容尚未写入流程。", "This is not written into the workflow yet.");
    public static string PropDuePreview(string at) => Pick($"如果现在开始，将于 {at}（本区时间）到期。", $"If it started now, it would be due at {at} (district time).");
    public static string PropReminderPreview(string at) => Pick($"按上面的期限，将于 {at}（本区时间）提醒。", $"With the due time above, the reminder goes out at {at} (district time).");
    public static string PropEscalationPreview(string at) => Pick($"按上面的期限，此步骤于 {at}（本区时间）执行。", $"With the due time above, this step happens at {at} (district time).");
    public static string PropCalendarMissing(string years) => Pick($"注意：工作日历尚未发布 {years} 年的节假日安排，该年份的节假日未计入。",
        $"Note: the calendar has no published holiday arrangement for {years}; that year's holidays are not counted.");
    public static string PropPreviewUnavailable(string why) => Pick($"无法预览：{why}", $"No preview: {why}");
    public static string PropDueMode => Pick("期限的设置方式", "How the due time is set");
    public static string PropDueFixed => Pick("固定时限", "A fixed time");
    public static string PropDueComputed => Pick("由表达式计算", "Computed by an expression");
    public static string PropDueExpressionHelp => Pick("表达式给出时限（如 '3wd'）或日期时间，如 problem.dueAt。",
        "An expression giving a duration (such as '3wd') or a date and time, e.g. problem.dueAt.");

    // Reminders
    public static string PropReminderAdd => Pick("添加提醒", "Add reminder");
    public static string PropReminder(int n) => Pick($"提醒 {n}", $"Reminder {n}");

    // Escalation
    public static string PropEscalationAdd => Pick("添加督办步骤", "Add escalation step");
    public static string PropEscalationStep(int n) => Pick($"第 {n} 步", $"Step {n}");
    public static string PropEscalationAfter => Pick("逾期多久后", "How long after the due time");
    public static string PropEscalationNotify => Pick("通知", "Notify");
    public static string PropEscalationNotifyAdd => Pick("添加通知对象", "Add someone to notify");
    public static string PropEscalationPerson(int n) => Pick($"通知对象 {n}", $"Person {n}");
    public static string PropEscalationApproval => Pick("请领导决策（开启审批）", "Ask for a decision (open an approval)");
    public static string PropEscalationApprovers => Pick("审批人", "Approvers");
    public static string PropEscalationApproversHelp => Pick("不添加审批人时，由项目责任领导决策。", "With no approvers, the project's responsible leader decides.");
    public static string PropEscalationOutcomes => Pick("决策选项", "Decision options");
    public static string PropEscalationOutcomesHelp => Pick("如 Extend、Reassign、OnSiteOffice；留空则为同意、延期、改派、现场办公。",
        "e.g. Extend, Reassign, OnSiteOffice; empty means Approve, Extend, Reassign and OnSiteOffice.");
    public static string PropEscalationMode => Pick("会签方式", "Countersign");
    public static string PropEscalationApprovalDue => Pick("决策时限", "Time to decide");
    public static string PropEscalationNeedsAction => Pick("每一步须通知某人、请领导决策或自动处理。", "A step must notify someone, ask for a decision or act.");
    public static string PropEscalationAction => Pick("超时自动处理（以此结果办结或决定）", "Act on timeout (complete or decide with this outcome)");
    public static string PropEscalationActionNone => Pick("不自动处理", "Do not act");
    public static string PropEscalationActionHelp => Pick("到达此步时，系统以所选结果自动办结任务或作出审批决定，并记入流程记录。",
        "When this step comes, the system completes the task or decides the approval with this outcome, and the journal says so.");
    public static string PropCountProblem => Pick("须为不小于 1 的整数。", "Must be a whole number of at least 1.");
    public static string PropWeightsEmpty => Pick("未设置：每位审批人 1 票。", "None set: every approver has 1 vote.");
    public static string PropWeightUser(int row) => Pick($"第 {row} 行的用户名", $"User name of row {row}");
    public static string PropWeightVotes(int row) => Pick($"第 {row} 行的票数", $"Votes of row {row}");
    public static string PropWeightUserHint => Pick("用户名", "user name");
    public static string PropWeightAdd => Pick("添加审批人票数", "Add a weight");
    public static string PropWordAssignee => Pick("处理人本人", "The assignee");
    public static string PropWordTeamLead => Pick("处理人所在专班负责人", "The assignee's team lead");
    public static string PropWordResponsibleLeader => Pick("项目责任领导", "The responsible leader");

    // Assignees
    public static string PropAssigneeKind => Pick("指定方式", "Who");
    public static string PropAssigneeUser => Pick("指定用户", "A user");
    public static string PropAssigneeRole => Pick("角色或专班", "A role or team");
    public static string PropAssigneeExpression => Pick("表达式", "An expression");
    public static string PropUserName => Pick("用户名", "User name");
    public static string PropUserSearchHelp => Pick("输入用户名、姓名或邮箱搜索，然后选择。", "Type a user name, name or e-mail to search, then choose.");
    public static string PropUserNoMatch => Pick("没有匹配的用户。", "No user matches.");
    public static string PropUserPick(string who) => Pick($"选择 {who}", $"Choose {who}");
    public static string PropRole => Pick("角色或专班", "Role or team");
    public static string PropRoleChoose => Pick("请选择…", "Choose…");
    public static string PropRoleUnknown(string role) => Pick($"{role}（不在列表中）", $"{role} (not in the list)");
    public static string PropTeam(string name) => Pick($"专班：{name}", $"Team: {name}");
    public static string PropRoleName(string role) => role switch
    {
        "Admin" => Pick("管理员（Admin）", "Administrators (Admin)"),
        "Leader" => Pick("领导（Leader）", "Leaders (Leader)"),
        "Squad" => Pick("专班成员（Squad）", "Squad members (Squad)"),
        _ => role,
    };
    public static string PropApproversMode => Pick("审批人的指定方式", "How approvers are named");
    public static string PropApproversList => Pick("用户和角色列表", "A list of users and roles");
    public static string PropApproversExpression => Pick("一个表达式给出全部审批人", "One expression giving everyone");
    public static string PropApproverAdd => Pick("添加审批人", "Add approver");
    public static string PropApprover(int n) => Pick($"审批人 {n}", $"Approver {n}");

    // Expressions
    public static string PropExpressionOk => Pick("表达式语法正确。", "The expression parses.");
    public static string PropExpressionBad(string error) => Pick($"表达式有语法错误：{error}", $"The expression does not parse: {error}");
    public static string PropExpressionChecking => Pick("正在检查语法…", "Checking the syntax…");
    public static string PropVariablesHint(string names) => Pick($"可用变量：{names}", $"Variables: {names}");

    // Form fields
    public static string PropFieldAdd => Pick("添加字段", "Add field");
    public static string PropField(int n) => Pick($"字段 {n}", $"Field {n}");
    public static string PropFieldName => Pick("变量名", "Variable name");
    public static string PropFieldLabelZh => Pick("标签（中文）", "Label (Chinese)");
    public static string PropFieldLabelEn => Pick("标签（英文）", "Label (English)");
    public static string PropFieldType => Pick("类型", "Type");
    public static string PropFieldRequired => Pick("必填", "Required");
    public static string PropFieldOptions => Pick("下拉可选项", "Choices");
    public static string PropFieldTypeName(string type) => type switch
    {
        "text" => Pick("文本", "Text"),
        "textarea" => Pick("多行文本", "Long text"),
        "number" => Pick("数字", "Number"),
        "date" => Pick("日期", "Date"),
        "boolean" => Pick("是/否", "Yes/No"),
        "select" => Pick("下拉选择", "Choice"),
        _ => type,
    };

    // Raw JSON fallback
    public static string PropRawHelp => Pick("此值的格式无法用表单显示，请直接编辑 JSON。", "This value has a shape the form cannot show; edit it as JSON.");
    public static string PropRawLabel(string name) => Pick($"{name}（JSON）", $"{name} (JSON)");
    public static string PropRawInvalid(string error) => Pick($"不是有效的 JSON：{error}", $"Not valid JSON: {error}");
}
