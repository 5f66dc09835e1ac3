using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Butler.Workflows.Runtime;

/// <summary>
/// The one catalogue of refusal messages: each <see cref="Failure"/> code with its English and zh-CN template. A
/// placeholder is <c>{name}</c>, or <c>{name:words}</c> to put the argument through a word table first (a status
/// such as <c>done</c> reads 已办结 in Chinese).
/// </summary>
public static partial class FailureText
{
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>Code → (English, zh-CN) template.</summary>
    public static readonly FrozenDictionary<string, (string En, string Zh)> Templates =
        Refusals().Concat(FieldTemplates()).Concat(RequestTemplates()).Concat(MoveTemplates()).Concat(ProxyTemplates()).ToFrozenDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);

    /// <summary>The refusals of operations (not found, forbidden, conflict).</summary>
    private static Dictionary<string, (string En, string Zh)> Refusals() => new(StringComparer.Ordinal)
    {
        [Failure.Validation] = ("The request is invalid.", "请求无效。"),

        ["instance.notFound"] = ("No workflow instance {instanceId}.", "没有流程实例 {instanceId}。"),
        ["instance.notRunning"] = ("The workflow instance is {status:instance}.", "流程实例{status:instance}。"),
        ["instance.notFaulted"] = ("The workflow instance is {status:instance}; only a faulted instance can be retried.", "流程实例{status:instance}；只有出错的实例可以重试。"),
        ["instance.notAlterable"] = ("The workflow instance is {status:instance}; only a running or faulted instance can be altered.", "流程实例{status:instance}；只有运行中或出错的实例可以调整。"),
        ["instance.noResumePoint"] = ("The fault names no activity of this workflow to resume from.", "故障未指明本流程中可从哪个环节继续。"),
        ["signal.notWaiting"] = ("The instance is not waiting for signal '{name}'.", "该实例没有在等待信号“{name}”。"),

        ["task.notFound"] = ("No task {taskId}.", "没有任务 {taskId}。"),
        ["task.notAssigned"] = ("This task is not assigned to you.", "此任务未分配给您。"),
        ["task.mayNotComplete"] = ("Only the assignee or a member of the assigned role may complete this task.", "只有任务的办理人或所分配角色的成员可以办结此任务。"),
        ["task.notOpen"] = ("The task is already {status:task}.", "任务{status:task}。"),
        ["task.claimedByAnother"] = ("{claimedBy} has claimed this task; only they may complete it.", "{claimedBy} 已认领此任务；只有其本人可以办结。"),
        ["task.notAwaited"] = ("The task is no longer awaited by its workflow.", "流程已不再等待此任务。"),
        ["task.notRoleMember"] = ("Only a member of {role} may claim this task.", "只有 {role} 的成员可以认领此任务。"),
        ["task.notClaimer"] = ("{claimedBy} has claimed this task; only they or an administrator may release it.", "{claimedBy} 已认领此任务；只有其本人或管理员可以释放。"),
        ["task.notRoleTask"] = ("This task is assigned to a person, not to a role; there is nothing to claim.", "此任务已分配给个人而非角色，无需认领。"),
        ["task.alreadyClaimed"] = ("{claimedBy} has already claimed this task.", "{claimedBy} 已认领此任务。"),
        ["task.notClaimed"] = ("Nobody has claimed this task.", "尚无人认领此任务。"),
        ["note.taskNotOpen"] = ("The task is already {status:task}; notes go on open tasks.", "任务{status:task}；只能给未办结的任务添加备注。"),
        ["note.taskClosed"] = ("The task was closed while the note was being added; notes go on open tasks.", "添加备注时任务已关闭；只能给未办结的任务添加备注。"),
        ["attachment.taskNotOpen"] = ("The task is already {status:task}; files go on open tasks.", "任务{status:task}；只能给未办结的任务上传文件。"),
        ["attachment.taskClosed"] = ("The task was closed while the file was uploading; files go on open tasks.", "上传文件时任务已关闭；只能给未办结的任务上传文件。"),

        ["approval.notFound"] = ("No approval {approvalId}.", "没有审批 {approvalId}。"),
        ["approval.notApprover"] = ("Only an approver of this approval may decide it.", "只有此审批的审批人可以作出决定。"),
        ["approval.alreadyDecided"] = ("The approval is already {status:approval}.", "审批{status:approval}。"),
        ["approval.alreadyVoted"] = ("You have already decided this approval.", "您已对此审批作出决定。"),

        ["definition.notFound"] = ("No definition '{id}'.", "没有流程定义“{id}”。"),
        ["definition.exists"] = ("A definition with id '{id}' already exists.", "标识为“{id}”的流程定义已存在。"),
        ["definition.existsUsePut"] = ("A definition with id '{id}' already exists; save a new draft with PUT instead.", "标识为“{id}”的流程定义已存在；请改用 PUT 保存新草稿。"),
        ["definition.concurrentSave"] = ("'{id}' was changed by someone else at the same time; reload and save again.", "“{id}”同时被他人修改；请重新加载后再保存。"),
        ["definition.concurrentChange"] = ("'{id}' was changed by someone else at the same time; reload and try again.", "“{id}”同时被他人修改；请重新加载后再试。"),
        ["definition.changedSince"] = ("'{id}' was changed by someone else since you opened it (it is now at version {version}, {state:definition}); nothing was saved. Reload to see their changes.",
            "您打开“{id}”后，它已被他人修改（现为第 {version} 版，{state:definition}）；未保存任何内容。请重新加载查看其修改。"),
        ["definition.alreadyPublished"] = ("Version {version} of '{id}' is already published and there is no newer draft.", "“{id}”的第 {version} 版已发布，且没有更新的草稿。"),
        ["definition.noDraft"] = ("'{id}' has no draft: version {version} is published.", "“{id}”没有草稿：第 {version} 版已发布。"),

        ["calendar.concurrentChange"] = ("Calendar '{id}' was changed by someone else at the same time; reload and save again.", "日历“{id}”同时被他人修改；请重新加载后再保存。"),
        ["calendar.missing"] = ("Calendar '{id}' does not exist yet; send it without a revision to create it.", "日历“{id}”尚不存在；不带修订号发送即可创建。"),
        ["calendar.stale"] = ("Calendar '{id}' is at revision {revision} (changed by {by:user}), not {expected}; reload and edit again.", "日历“{id}”的修订号是 {revision}（由{by:user}修改），不是 {expected}；请重新加载后再编辑。"),

        ["sandbox.notFound"] = ("You have no test run {id}; it may have been stopped or expired after {idleMinutes} idle minutes.", "您没有试运行 {id}；它可能已被停止，或空闲 {idleMinutes} 分钟后已过期。"),
        ["sandbox.stopped"] = ("The test run {id} has just been stopped.", "试运行 {id} 刚刚已停止。"),
        ["sandbox.full"] = ("{maxSessions} test runs are open on this server, the most it allows; stop one of yours or wait until one has been idle for {idleMinutes} minutes.",
            "本服务器已开启 {maxSessions} 个试运行，已达上限；请停止您的一个试运行，或等待某个试运行空闲满 {idleMinutes} 分钟。"),
        ["sandbox.noTask"] = ("The test run has no task {taskId}.", "试运行中没有任务 {taskId}。"),
        ["sandbox.noApproval"] = ("The test run has no approval {approvalId}.", "试运行中没有审批 {approvalId}。"),
        ["sandbox.noVoter"] = ("The approval names no approver who has not voted yet, so it cannot be decided.", "该审批没有尚未表决的审批人，因此无法作出决定。"),
        ["sandbox.noTimer"] = ("The test run has no timer {timerId}.", "试运行中没有定时器 {timerId}。"),
        ["sandbox.timerFired"] = ("The timer has already fired.", "定时器已触发。"),
        ["sandbox.timerCancelled"] = ("The timer has already been cancelled.", "定时器已取消。"),
        ["sandbox.timerNotAwaited"] = ("The run no longer waits for this timer.", "试运行已不再等待此定时器。"),

        ["project.notFound"] = ("No project {projectId}.", "没有项目 {projectId}。"),
        ["project.stale"] = ("The project has changed since revision {revision}; reload it.", "项目在修订号 {revision} 之后已有改动；请重新加载。"),
        ["project.closed"] = ("The project is closed.", "项目已关闭。"),
        ["project.closedAs"] = ("The project is closed ({closing:closing}).", "项目已关闭（{closing:closing}）。"),
        ["project.concurrentChange"] = ("The project was changed by someone else at the same time; reload it.", "项目同时被他人修改；请重新加载。"),
        ["problem.notFound"] = ("No problem {problemId} on project {projectId}.", "项目 {projectId} 上没有难题 {problemId}。"),
        ["problem.alreadyResolved"] = ("The problem is already resolved.", "难题已解决。"),
        ["dispatch.notFound"] = ("No dispatch {dispatchId}.", "没有调度 {dispatchId}。"),
        ["dispatch.notLeader"] = ("Only the dispatch's leader or an administrator records its decisions.", "只有调度的牵头领导或管理员可以记录其决定。"),
    };

    /// <summary>Word tables for <c>{name:words}</c>: table → value → (English, zh-CN); a value not listed is shown as it is.</summary>
    public static readonly FrozenDictionary<string, FrozenDictionary<string, (string En, string Zh)>> Words =
        new Dictionary<string, FrozenDictionary<string, (string En, string Zh)>>(StringComparer.Ordinal)
        {
            ["outcome"] = Activities.OutcomeWords.All.ToFrozenDictionary(w => w.Key, w => (w.Key, w.Value.ZhCn), StringComparer.Ordinal),
            ["jsonKind"] = Input.JsonExpectation.Words.ToFrozenDictionary(w => w.Key, w => (w.Value.En, w.Value.ZhCn), StringComparer.Ordinal),
            ["task"] = Table(("open", "open", "仍在办理"), ("done", "done", "已办结"), ("cancelled", "cancelled", "已取消"),
                ("returned", "returned", "已退回"), ("withdrawn", "withdrawn", "已撤回")),
            ["instance"] = Table(("running", "running", "正在运行"), ("completed", "completed", "已完成"), ("faulted", "faulted", "已出错"), ("cancelled", "cancelled", "已取消")),
            ["approval"] = Table(("pending", "pending", "待决定"), ("decided", "decided", "已决定"), ("cancelled", "cancelled", "已取消")),
            ["definition"] = Table(("published", "published", "已发布"), ("draft", "draft", "草稿")),
            ["user"] = Table(("", "the system", "系统")),
            ["floor"] = Table(("zero", "0", "0 "), ("positive", "more than 0", "大于 0 ")),
            ["role"] = Table(("Admin", "Admin", "管理员"), ("Leader", "Leader", "领导"), ("Squad", "Squad", "服务专班成员")),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Word tables a module adds for its own codes (the domain's lead statuses), read after <see cref="Words"/>.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyDictionary<string, Activities.LocalizedText>> AddedWords =
        new(StringComparer.Ordinal);

    /// <summary>
    /// Adds (or replaces) the word table <paramref name="table"/> for <c>{name:table}</c> placeholders: value → words. A
    /// module whose codes the engine does not know registers its words here when it is added to the services.
    /// </summary>
    public static void AddWords(string table, IReadOnlyDictionary<string, Activities.LocalizedText> words)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        ArgumentNullException.ThrowIfNull(words);
        AddedWords[table] = words;
    }

    /// <summary>
    /// The placeholder spec <c>{name:list}</c>: the argument holds values separated by <see cref="ListSeparator"/>, read
    /// as "a, b or c" in English and "a、b 或 c" in Chinese.
    /// </summary>
    public const string ListSpec = "list";

    public const char ListSeparator = '|';

    /// <summary>Values as the argument of a <c>{name:list}</c> placeholder.</summary>
    public static string ListArg(IEnumerable<string> values) => string.Join(ListSeparator, values);

    private static string List(string[] items, bool chinese) =>
        items.Length < 2
            ? string.Concat(items)
            : string.Join(chinese ? "、" : ", ", items[..^1]) + (!chinese ? " or " : items.All(IsChineseWord) ? "或" : " 或 ") + items[^1];

    /// <summary>Chinese words join without spaces ("完成或驳回"); codes keep them ("a 或 b").</summary>
    private static bool IsChineseWord(string item) => item.Length > 0 && item.All(c => c >= '\u3400' && c <= '\u9fff');

    /// <summary>A value through the word table <paramref name="table"/>; a value (or table) not listed stays as it is.</summary>
    private static string Word(string table, string value, bool chinese) =>
        Words.TryGetValue(table, out var words) && words.TryGetValue(value, out var word) ? (chinese ? word.Zh : word.En)
        : AddedWords.TryGetValue(table, out var added) && added.TryGetValue(value, out var text) ? text.For(chinese ? Activities.Languages.Chinese : Activities.Languages.English)
        : value;

    /// <summary>True for a culture whose messages come from the zh-CN templates.</summary>
    public static bool IsChinese(CultureInfo culture) =>
        string.Equals(culture?.TwoLetterISOLanguageName, "zh", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The message for <paramref name="code"/> in <paramref name="culture"/> with its arguments filled in; an unknown
    /// code reads as the code itself, so a missing entry shows up rather than hides.
    /// </summary>
    public static string Format(string code, IReadOnlyDictionary<string, string>? args, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (!Templates.TryGetValue(code, out var templates))
        {
            return code;
        }
        var chinese = IsChinese(culture);
        var template = chinese ? templates.Zh : templates.En;
        var text = new StringBuilder(template.Length + 32);
        var at = 0;
        while (at < template.Length)
        {
            var open = template.IndexOf('{', at);
            var close = open < 0 ? -1 : template.IndexOf('}', open);
            if (close < 0)
            {
                text.Append(template, at, template.Length - at);
                break;
            }
            text.Append(template, at, open - at);
            var placeholder = template.AsSpan(open + 1, close - open - 1);
            var colon = placeholder.IndexOf(':');
            var name = (colon < 0 ? placeholder : placeholder[..colon]).ToString();
            var value = args?.GetValueOrDefault(name) ?? "";
            var spec = colon < 0 ? "" : placeholder[(colon + 1)..].ToString();
            if (spec == ListSpec || spec.StartsWith(ListSpec + "/", StringComparison.Ordinal))
            {
                var of = spec.Length > ListSpec.Length ? spec[(ListSpec.Length + 1)..] : null;
                value = List(value.Split(ListSeparator, StringSplitOptions.RemoveEmptyEntries).Select(v => of is null ? v : Word(of, v, chinese)).ToArray(), chinese);
            }
            else
            {
                value = Word(spec, value, chinese);
            }
            text.Append(value);
            at = close + 1;
        }
        return text.ToString();
    }

    /// <summary>The placeholder names a template uses, in order (for tests and tooling).</summary>
    public static IReadOnlyList<string> Placeholders(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var names = new List<string>();
        for (var open = template.IndexOf('{'); open >= 0; open = template.IndexOf('{', open + 1))
        {
            var close = template.IndexOf('}', open);
            if (close < 0)
            {
                break;
            }
            var placeholder = template[(open + 1)..close];
            names.Add(placeholder.Split(':')[0]);
        }
        return names;
    }

    private static FrozenDictionary<string, (string En, string Zh)> Table(params (string Value, string En, string Zh)[] words) =>
        words.ToFrozenDictionary(w => w.Value, w => (w.En, w.Zh), StringComparer.Ordinal);
}
