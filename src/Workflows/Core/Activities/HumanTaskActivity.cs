using System.Text.Json;
using System.Text.Json.Nodes;
using Butler.Workflows.Deadlines;
using Butler.Workflows.Definitions;
using Butler.Workflows.Runtime;

namespace Butler.Workflows.Activities;

/// <summary>Opens a task in an inbox and waits until the assignee completes it with one of its outcomes.</summary>
public sealed class HumanTaskActivity : Activity
{
    public static readonly ActivityInput<LocalizedText?> Title = ActivityInput.Template(
        new InputDescriptor("title", InputType.Template, true, T("Title", "标题"),
            T("What to do; {{variable}} placeholders are filled in.", "要做的事；{{变量}} 占位符会被替换。")));

    public static readonly ActivityInput<JsonNode?> Assignee = ActivityInput.Spec(
        new InputDescriptor("assignee", InputType.Assignee, true, T("Assignee", "处理人"),
            T("A user, a role, or an expression such as project.squad.", "用户、角色或表达式，如 project.squad。")));

    /// <summary>The buttons of the task; <c>Done</c> alone when none are listed.</summary>
    public static readonly ActivityInput<IReadOnlyList<string>> Outcomes = ActivityInput.StringList(
        new InputDescriptor("outcomes", InputType.StringList, false, T("Outcomes", "处理结果"),
            T("The buttons the assignee can press.", "处理人可选择的结果按钮。"))
        {
            Default = new JsonArray(Done),
        });

    public static readonly ActivityInput<JsonArray?> Fields = ActivityInput.Array(
        new InputDescriptor("fields", InputType.FormFields, false, T("Form fields", "表单字段"),
            T("Values the assignee fills in; each becomes a variable.", "处理人填写的内容；每个字段成为一个变量。")));

    /// <summary>抄送: who gets a copy to read when the step completes.</summary>
    public static readonly ActivityInput<JsonNode?> Cc = ActivityInput.Spec(
        new InputDescriptor("cc", InputType.AssigneeList, false, T("Copy to", "抄送"),
            T("Users, roles or teams who get a copy to read when the task is completed.", "办结后抄送给这些用户、角色或专班，供其查阅。")));

    public override ActivityDescriptor Descriptor { get; } = new(
        "HumanTask", T("Human task", "人工任务"),
        T("Puts a task in a person's or a role's inbox and waits for one of its outcomes.", "将任务派给个人或角色，等待其选择一个结果。"),
        "People", "assignment_ind",
        [
            Title.Descriptor,
            Assignee.Descriptor,
            Outcomes.Descriptor,
            Fields.Descriptor,
            Cc.Descriptor,
            DeadlineInputs.Due,
            DeadlineInputs.Reminders,
            DeadlineInputs.Escalation,
        ],
        [Done])
    {
        OutcomesFromInput = true,
        IsBlocking = true,
    };

    public override IReadOnlyList<string> GetOutcomes(ActivityModel activity) => ReadOutcomes(activity.Inputs);

    internal static IReadOnlyList<string> ReadOutcomes(JsonObject inputs) => Outcomes.Read(inputs);

    public override IEnumerable<DefinitionProblem> Validate(ActivityModel activity, string path, ValidationContext context)
    {
        var outcomes = ReadOutcomes(activity.Inputs);
        var duplicate = outcomes.GroupBy(o => o, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            yield return new DefinitionProblem($"{path}.inputs.{Outcomes.Name}", $"Outcome '{duplicate.Key}' is listed twice.",
                $"办理结果 '{duplicate.Key}' 重复列出。");
        }
        foreach (var problem in Deadlines.DeadlinePolicy.CheckActions(activity, outcomes, path))
        {
            yield return problem;
        }
        if (Fields.Read(activity.Inputs) is { } fields)
        {
            var names = fields.OfType<JsonObject>().Select(f => f["name"]?.GetValueKind() == JsonValueKind.String ? f["name"]!.GetValue<string>() : null)
                .Where(n => n is not null).GroupBy(n => n!, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (names is not null)
            {
                yield return new DefinitionProblem($"{path}.inputs.{Fields.Name}", $"Field '{names.Key}' is listed twice.",
                    $"表单字段 '{names.Key}' 重复列出。");
            }
        }
    }

    public override ActivityResult Execute(ActivityContext context)
    {
        var title = context.RenderTemplate(Title.Read(context) ?? context.Activity.Name ?? new LocalizedText(context.ActivityId));
        var assignee = context.ResolveAssignee(Assignee.Read(context));
        if (assignee is null)
        {
            return ActivityResult.Fault($"The assignee of '{context.ActivityId}' resolved to nobody.");
        }
        var fields = Fields.Read(context)?.ToJsonString() ?? "[]";
        var outcomes = JsonSerializer.Serialize(Outcomes.Read(context), DefinitionJson.Options);
        context.OpenTask(title, assignee.Value, outcomes, fields);
        return ActivityResult.Wait();
    }

    public override ActivityResult Resume(ActivityContext context, Stimulus stimulus)
    {
        var completed = (TaskCompletedStimulus)stimulus;
        foreach (var (name, value) in completed.Values)
        {
            context.Variables[name] = value?.DeepClone();
        }
        context.Copy(Cc.Read(context), completed.Task, null, completed.Actor.UserName);
        return ActivityResult.Complete(completed.Outcome);
    }
}

/// <summary>Waits until a named signal (an external event such as "contract signed") is sent to the run.</summary>
public sealed class WaitSignalActivity : Activity
{
    public static readonly ActivityInput<string?> Signal = ActivityInput.String(
        new InputDescriptor("signal", InputType.Text, true, T("Signal name", "信号名称"), T("e.g. contractSigned", "如 contractSigned")));

    public static readonly ActivityInput<string?> Variable = ActivityInput.String(
        new InputDescriptor("variable", InputType.Identifier, false, T("Store payload in", "信号内容存入变量"),
            T("Optional variable that receives the signal's payload.", "可选：保存信号内容的变量。")));

    public static readonly ActivityInput<string?> Timeout = ActivityInput.String(
        new InputDescriptor("timeout", InputType.Duration, false, T("Timeout", "超时"),
            T("Optional: continue on TimedOut when no signal came within this time (PT4H, 3wd).", "可选：超过此时间未收到信号则走“超时”分支（PT4H、3wd）。")));

    public override ActivityDescriptor Descriptor { get; } = new(
        "WaitSignal", T("Wait for signal", "等待信号"),
        T("Waits until an external event with this name is sent to the run.", "等待外部事件（信号）送达本流程。"),
        "Events", "notifications_active",
        [Signal.Descriptor, Variable.Descriptor, Timeout.Descriptor],
        [Done, TimedOut])
    {
        IsBlocking = true,
    };

    public const string TimedOut = "TimedOut";

    public override IReadOnlyList<string> GetOutcomes(ActivityModel activity) =>
        Timeout.IsSet(activity.Inputs) ? [Done, TimedOut] : [Done];

    public override ActivityResult Execute(ActivityContext context)
    {
        var timeout = Timeout.Read(context);
        context.CreateSignalBookmark(Signal.Read(context)!,
            string.IsNullOrEmpty(timeout) ? null : context.AddDuration(context.Now, timeout));
        return ActivityResult.Wait();
    }

    public override ActivityResult Resume(ActivityContext context, Stimulus stimulus)
    {
        if (stimulus is TimerStimulus)
        {
            return ActivityResult.Complete(TimedOut);
        }
        var signal = (SignalStimulus)stimulus;
        var variable = Variable.Read(context);
        if (!string.IsNullOrEmpty(variable))
        {
            context.Variables[variable] = signal.Payload?.DeepClone();
        }
        return ActivityResult.Complete(Done);
    }
}
