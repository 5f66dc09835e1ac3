using Butler.Workflows.Runtime;
using System.Text.Json;
using System.Text.Json.Nodes;
using Butler.Workflows.Activities;
using Butler.Workflows.Calendar;
using Butler.Workflows.Definitions;

namespace Butler.Workflows.Deadlines;

/// <summary>
/// Reads <c>due</c>, <c>reminders</c> and <c>escalation</c> into a <see cref="DeadlinePolicy"/> and says, at their JSON
/// paths, what is wrong with them: the runtime keeps the values, the validator the problems. Each part returns the
/// problem of the input as a whole (the validator reports it at the input's path, after the nested ones it added).
/// </summary>
internal static class DeadlinePolicyParser
{
    /// <summary>The whole policy of an activity's inputs; <paramref name="words"/> null accepts every word (the runtime's reading).</summary>
    public static DeadlinePolicy Parse(JsonObject inputs, DeadlineVocabulary? words, List<DefinitionProblem> problems, string path = "$.inputs")
    {
        DueSpec? due = null;
        IReadOnlyList<BusinessDuration> reminders = [];
        IReadOnlyList<EscalationStep> ladder = [];
        if (Given(inputs, DeadlineInputs.Due.Name) is { } dueNode)
        {
            Report(Due(DeadlineInputs.Due, dueNode, $"{path}.due", problems, out due), $"{path}.due", problems);
        }
        if (Given(inputs, DeadlineInputs.Reminders.Name) is { } remindersNode)
        {
            Report(Reminders(DeadlineInputs.Reminders, remindersNode, $"{path}.reminders", problems, out reminders), $"{path}.reminders", problems);
        }
        if (Given(inputs, DeadlineInputs.Escalation.Name) is { } ladderNode)
        {
            Report(Ladder(DeadlineInputs.Escalation, ladderNode, $"{path}.escalation", problems, words, out ladder), $"{path}.escalation", problems);
        }
        return due is null && reminders.Count == 0 && ladder.Count == 0 ? DeadlinePolicy.None : new DeadlinePolicy(due, reminders, ladder);
    }

    /// <summary>An input as the validator sees it: absent, null and blank strings are not given.</summary>
    private static JsonNode? Given(JsonObject inputs, string name) =>
        inputs.TryGetPropertyValue(name, out var node) && node is not null
            && !(node is JsonValue v && v.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(v.GetValue<string>()))
            ? node : null;

    private static void Report(LocalizedText? problem, string path, List<DefinitionProblem> problems)
    {
        if (problem is not null)
        {
            problems.Add(new(path, problem));
        }
    }

    /// <summary><c>due</c>: a positive duration, or <c>{"expression": code}</c> giving a duration or a date and time.</summary>
    public static LocalizedText? Due(InputDescriptor input, JsonNode node, string path, List<DefinitionProblem> problems, out DueSpec? due)
    {
        due = null;
        if (node is JsonObject spec)
        {
            // A computed due: a duration or a point in time, e.g. {"expression": "problem.dueAt"}.
            if (DefinitionValidator.CheckAssignee(input, node, path, problems) is null && spec.ContainsKey("expression"))
            {
                due = spec["expression"] is JsonValue e && e.TryGetValue<string>(out var code) ? new DueSpec(null, code) : null;
                return null;
            }
            return new("'due' is a duration (3wd, PT4H) or {\"expression\": code} giving a duration or a date and time.",
                "'due' 须为时长（3wd、PT4H），或给出时长或日期时间的 {\"expression\": 代码}。");
        }
        if (Duration(node, path, problems, sign: 0) is { } duration)
        {
            due = new DueSpec(duration, null);
        }
        return null;
    }

    /// <summary><c>reminders</c>: offsets before the due time.</summary>
    public static LocalizedText? Reminders(InputDescriptor input, JsonNode node, string path, List<DefinitionProblem> problems,
        out IReadOnlyList<BusinessDuration> reminders)
    {
        if (node is not JsonArray offsets)
        {
            reminders = [];
            return new($"'{input.Name}' must be a list of offsets before the due time, e.g. [\"-1wd\", \"-PT2H\"].",
                $"'{input.Name}' 须为到期前的提前量列表，例如 [\"-1wd\", \"-PT2H\"]。");
        }
        reminders = Offsets(offsets, path, problems);
        return null;
    }

    private static List<BusinessDuration> Offsets(JsonArray offsets, string path, List<DefinitionProblem> problems)
    {
        var result = new List<BusinessDuration>();
        for (var i = 0; i < offsets.Count; i++)
        {
            if (Duration(offsets[i], $"{path}[{i}]", problems, sign: -1) is { } offset)
            {
                result.Add(offset);
            }
        }
        return result;
    }

    /// <summary><c>escalation</c>: steps {after, notify, approval, action}; <paramref name="words"/> null accepts every word.</summary>
    public static LocalizedText? Ladder(InputDescriptor input, JsonNode node, string path, List<DefinitionProblem> problems,
        DeadlineVocabulary? words, out IReadOnlyList<EscalationStep> ladder)
    {
        var result = new List<EscalationStep>();
        ladder = result;
        if (node is not JsonArray steps)
        {
            return new($"'{input.Name}' must be a list of steps {{after, notify, approval, action}}.",
                $"'{input.Name}' 须为升级步骤列表，每步为 {{after, notify, approval, action}}。");
        }
        var allowed = words ?? DeadlineVocabulary.Engine;
        for (var i = 0; i < steps.Count; i++)
        {
            var stepPath = $"{path}[{i}]";
            if (steps[i] is not JsonObject step)
            {
                problems.Add(new(stepPath, "An escalation step is an object {after, notify, approval, action}.",
                    "升级步骤须为对象 {after, notify, approval, action}。"));
                continue;
            }
            BusinessDuration? after;
            if (step["after"] is null)
            {
                problems.Add(new($"{stepPath}.after", "'after' is required: an offset past the due time, e.g. PT0S or 1wd.",
                    "'after' 为必填项：到期后的时长，例如 PT0S 或 1wd。"));
                after = BusinessDuration.FromTime(TimeSpan.Zero);
            }
            else
            {
                after = Duration(step["after"], $"{stepPath}.after", problems, sign: 1);
            }
            var notify = new List<EscalationRecipient>();
            if (step["notify"] is { } notifyNode)
            {
                if (notifyNode is not JsonArray people)
                {
                    problems.Add(new($"{stepPath}.notify", $"'notify' is a list of assignee specs or the words {string.Join(", ", allowed.Words)}.",
                        $"'notify' 须为办理人列表，或 {string.Join("、", allowed.Words)} 等关键词。"));
                }
                else
                {
                    for (var j = 0; j < people.Count; j++)
                    {
                        var personPath = $"{stepPath}.notify[{j}]";
                        if (IsString(people[j], out var word))
                        {
                            if (words is not null && !words.IsWord(word))
                            {
                                problems.Add(new(personPath, $"'{word}' is not one of {string.Join(", ", words.Words)}.",
                                    $"'{word}' 不是 {string.Join("、", words.Words)} 之一。"));
                                continue;
                            }
                            notify.Add(new EscalationRecipient(word, null));
                        }
                        else if (people[j] is not { } spec || DefinitionValidator.CheckAssignee(input, spec, personPath, problems) is not null)
                        {
                            problems.Add(new(personPath, $"Name a person as {{\"user\"}}, {{\"role\"}}, {{\"expression\"}} or one of the words {string.Join(", ", allowed.Words)}.",
                                $"通知对象须写为 {{\"user\"}}、{{\"role\"}}、{{\"expression\"}}，或 {string.Join("、", allowed.Words)} 之一。"));
                        }
                        else
                        {
                            notify.Add(new EscalationRecipient(null, spec));
                        }
                    }
                }
            }
            EscalationApproval? approval = null;
            if (step["approval"] is { } approvalNode)
            {
                approval = Approval(input, approvalNode, $"{stepPath}.approval", problems, allowed);
            }
            string? action = null;
            if (step["action"] is { } actionNode)
            {
                if (actionNode is JsonObject { Count: 1 } act && IsString(act["outcome"], out var outcome) && outcome.Trim().Length > 0)
                {
                    action = outcome.Trim();
                }
                else
                {
                    problems.Add(new($"{stepPath}.action", "'action' is {\"outcome\": name}: the outcome the step completes the task or decides the approval with.",
                        "'action' 须为 {\"outcome\": 结果}：超时后以该结果自动办结任务或作出审批决定。"));
                }
                if (step["approval"] is not null)
                {
                    problems.Add(new($"{stepPath}.action", "An escalation step either opens an approval or acts itself, not both.", "升级步骤不能既发起审批又自动处理。"));
                }
            }
            if (step["notify"] is null && step["approval"] is null && step["action"] is null)
            {
                problems.Add(new(stepPath, "An escalation step must notify someone, open an approval or act.", "升级步骤须通知相关人员、发起审批或自动处理。"));
            }
            if (after is { } at)
            {
                result.Add(new EscalationStep(i, at, notify, approval, action));
            }
        }
        return null;
    }

    private static EscalationApproval? Approval(InputDescriptor input, JsonNode node, string path, List<DefinitionProblem> problems, DeadlineVocabulary words)
    {
        if (node is not JsonObject approval)
        {
            problems.Add(new(path, "'approval' is an object with the inputs of an Approval (approvers, outcomes, mode, due).",
                "'approval' 须为对象，内容同 Approval 环节的输入项（approvers、outcomes、mode、due）。"));
            return null;
        }
        if (approval["approvers"] is { } approvers)
        {
            if (DefinitionValidator.CheckAssigneeList(input, approvers, $"{path}.approvers", problems) is { } problem)
            {
                problems.Add(new($"{path}.approvers", problem));
            }
        }
        else if (!words.HasDefaultApprovers)
        {
            problems.Add(new($"{path}.approvers", "This engine names nobody who approves escalations by default: list the approval's approvers.",
                "本引擎没有默认的督办审批人，请列出该审批的审批人（approvers）。"));
        }
        IReadOnlyList<string>? outcomes = null;
        if (approval["outcomes"] is { } outcomesNode)
        {
            if (outcomesNode is not JsonArray list || list.Count == 0 || !list.All(n => IsString(n, out var s) && s.Length > 0))
            {
                problems.Add(new($"{path}.outcomes", "'outcomes' must be a list of non-empty strings.", "'outcomes' 须为非空字符串列表。"));
            }
            if (outcomesNode is JsonArray { Count: > 0 })
            {
                outcomes = HumanTaskActivity.ReadOutcomes(approval);
            }
        }
        var mode = "any";
        if (approval["mode"] is { } modeNode)
        {
            if (!IsString(modeNode, out var m) || m is not ("any" or "all" or "majority"))
            {
                problems.Add(new($"{path}.mode", "'mode' is any, all or majority.", "'mode' 须为 any、all 或 majority。"));
            }
            mode = IsString(modeNode, out var given) ? given : mode;
        }
        BusinessDuration? due = null;
        if (approval["due"] is { } dueNode)
        {
            due = Duration(dueNode, $"{path}.due", problems, sign: 0);
        }
        IReadOnlyList<BusinessDuration> reminders = [];
        if (approval["reminders"] is { } remindersNode)
        {
            if (remindersNode is not JsonArray offsets)
            {
                problems.Add(new($"{path}.reminders", "'reminders' must be a list of offsets before the due time, e.g. [\"-1wd\"].",
                    "'reminders' 须为到期前的提前量列表，例如 [\"-1wd\"]。"));
            }
            else
            {
                reminders = Offsets(offsets, $"{path}.reminders", problems);
            }
        }
        if (approval["escalation"] is not null)
        {
            problems.Add(new($"{path}.escalation", "An approval opened by an escalation cannot escalate again; add another step to the task's ladder instead.",
                "由升级发起的审批不能再次升级，请改为在该任务的升级步骤中再加一步。"));
        }
        return new EscalationApproval(approval["approvers"], outcomes, mode, due, reminders);
    }

    /// <summary>
    /// Reads a duration; <paramref name="sign"/> -1 demands an offset before (≤ 0), 1 after (≥ 0), 0 a positive length.
    /// A duration that parses is returned even when its sign is wrong (the problem says so).
    /// </summary>
    public static BusinessDuration? Duration(JsonNode? node, string path, List<DefinitionProblem> problems, int sign)
    {
        if (!IsString(node, out var text))
        {
            problems.Add(new(path, "A duration is a string: ISO 8601 (PT4H, P2D) or working days (3wd).",
                "时长须为字符串：ISO 8601（PT4H、P2D）或工作日（3wd）。"));
            return null;
        }
        if (!BusinessDuration.TryParse(text, out var duration, out var problem))
        {
            var why = Failure.Duration(path, problem, text);
            problems.Add(new(path, why.English, why.Text(FailureText.Chinese)));
            return null;
        }
        var negative = duration.IsWorkingDays ? duration.WorkingDays < 0 : duration.Time < TimeSpan.Zero;
        var zero = duration.IsWorkingDays ? duration.WorkingDays == 0 : duration.Time == TimeSpan.Zero;
        var message = sign switch
        {
            -1 when !negative && !zero => new LocalizedText(
                $"'{text}' must be an offset before the due time, e.g. -1wd or -PT2H.",
                $"'{text}' 须为到期前的提前量，例如 -1wd 或 -PT2H。"),
            1 when negative => new LocalizedText(
                $"'{text}' must be an offset after the due time, e.g. PT0S or 1wd.",
                $"'{text}' 须为到期后的时长，例如 PT0S 或 1wd。"),
            0 when negative || zero => new LocalizedText($"'{text}' must be a positive duration.", $"'{text}' 须为大于零的时长。"),
            _ => null,
        };
        if (message is not null)
        {
            problems.Add(new(path, message));
        }
        return duration;
    }

    private static bool IsString(JsonNode? node, out string value)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            value = v.GetValue<string>();
            return true;
        }
        value = "";
        return false;
    }
}
