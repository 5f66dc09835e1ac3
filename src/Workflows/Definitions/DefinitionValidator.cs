using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Butler.Workflows.Activities;
using Butler.Workflows.Calendar;
using Butler.Workflows.Expressions;
using Butler.Workflows.Runtime;

namespace Butler.Workflows.Definitions;

/// <summary>What a validation pass knows: the model under test and the activity types of this process.</summary>
public sealed record ValidationContext(WorkflowDefinitionModel Model, ActivityRegistry Registry);

/// <summary>Checks a definition and reports every problem at once, each with a JSON path.</summary>
public sealed partial class DefinitionValidator(ActivityRegistry registry)
{
    public static readonly IReadOnlyList<string> FieldTypes = ["text", "textarea", "number", "date", "boolean", "select"];

    /// <summary>Parses and validates raw JSON; malformed JSON is the only problem reported when it occurs.</summary>
    public IReadOnlyList<DefinitionProblem> Validate(string json, out WorkflowDefinitionModel? model)
    {
        model = DefinitionJson.TryParse(json, out var problem);
        return model is null ? [problem!] : Validate(model);
    }

    public IReadOnlyList<DefinitionProblem> Validate(WorkflowDefinitionModel model)
    {
        var problems = new List<DefinitionProblem>();
        var context = new ValidationContext(model, registry);

        if (string.IsNullOrWhiteSpace(model.Id))
        {
            problems.Add(new("$.id", "The definition needs an id."));
        }
        else if (!IdPattern().IsMatch(model.Id))
        {
            problems.Add(new("$.id", "The id may use letters, digits, '-', '_' and '.', up to 100 characters, starting with a letter or digit."));
        }
        if (string.IsNullOrWhiteSpace(model.Name))
        {
            problems.Add(new("$.name", "The definition needs a name."));
        }

        ValidateVariables(model, problems);
        var known = ValidateActivities(model, context, problems);
        ValidateConnections(model, known, problems);
        ValidateReachability(model, known, problems);
        return problems;
    }

    private static void ValidateVariables(WorkflowDefinitionModel model, List<DefinitionProblem> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < model.Variables.Count; i++)
        {
            var name = model.Variables[i].Name;
            if (!ExpressionEvaluator.IsIdentifier(name))
            {
                problems.Add(new($"$.variables[{i}].name", "A variable name must be an identifier (letters, digits, '_' or '$', not starting with a digit)."));
            }
            else if (!seen.Add(name))
            {
                problems.Add(new($"$.variables[{i}].name", $"Variable '{name}' is declared twice."));
            }
        }
    }

    private Dictionary<string, (ActivityModel Model, Activity? Type, int Index)> ValidateActivities(
        WorkflowDefinitionModel model, ValidationContext context, List<DefinitionProblem> problems)
    {
        var known = new Dictionary<string, (ActivityModel, Activity?, int)>(StringComparer.Ordinal);
        var starts = 0;
        for (var i = 0; i < model.Activities.Count; i++)
        {
            var activity = model.Activities[i];
            var path = $"$.activities[{i}]";
            if (string.IsNullOrWhiteSpace(activity.Id))
            {
                problems.Add(new($"{path}.id", "Every activity needs an id."));
            }
            else if (known.ContainsKey(activity.Id))
            {
                problems.Add(new($"{path}.id", $"Activity id '{activity.Id}' is used twice."));
            }

            var type = registry.Find(activity.Type);
            if (type is null)
            {
                problems.Add(new($"{path}.type", string.IsNullOrWhiteSpace(activity.Type)
                    ? "Every activity needs a type."
                    : $"Unknown activity type '{activity.Type}'."));
            }
            else
            {
                if (type is StartActivity && ++starts > 1)
                {
                    problems.Add(new($"{path}.type", "A definition has exactly one Start; this is a second one."));
                }
                ValidateInputs(activity, type.Descriptor, path, problems);
                problems.AddRange(type.Validate(activity, path, context));
            }

            if (!string.IsNullOrWhiteSpace(activity.Id))
            {
                known.TryAdd(activity.Id, (activity, type, i));
            }
        }
        if (starts == 0)
        {
            problems.Add(new("$.activities", "The definition has no Start activity."));
        }
        return known;
    }

    private static void ValidateConnections(
        WorkflowDefinitionModel model, Dictionary<string, (ActivityModel Model, Activity? Type, int Index)> known, List<DefinitionProblem> problems)
    {
        for (var i = 0; i < model.Connections.Count; i++)
        {
            var c = model.Connections[i];
            var path = $"$.connections[{i}]";
            if (!known.TryGetValue(c.Source ?? "", out var source))
            {
                problems.Add(new($"{path}.source", string.IsNullOrEmpty(c.Source)
                    ? "The connection has no source."
                    : $"The source '{c.Source}' is not an activity of this definition."));
            }
            else if (source.Type is not null)
            {
                var outcomes = source.Type.GetOutcomes(source.Model);
                if (!outcomes.Contains(c.Outcome ?? "", StringComparer.Ordinal))
                {
                    problems.Add(new($"{path}.outcome", outcomes.Count == 0
                        ? $"'{c.Source}' ({source.Model.Type}) has no outcomes and cannot be a source."
                        : $"'{c.Source}' ({source.Model.Type}) has no outcome '{c.Outcome}'; it offers {string.Join(", ", outcomes)}."));
                }
            }
            if (!known.TryGetValue(c.Target ?? "", out var target))
            {
                problems.Add(new($"{path}.target", string.IsNullOrEmpty(c.Target)
                    ? "The connection has no target."
                    : $"The target '{c.Target}' is not an activity of this definition."));
            }
            else if (target.Type is StartActivity)
            {
                problems.Add(new($"{path}.target", "Nothing may lead back into Start."));
            }
        }
    }

    private static void ValidateReachability(
        WorkflowDefinitionModel model, Dictionary<string, (ActivityModel Model, Activity? Type, int Index)> known, List<DefinitionProblem> problems)
    {
        var start = known.Values.FirstOrDefault(a => a.Type is StartActivity);
        if (start.Model is null)
        {
            return;
        }
        var graph = new WorkflowGraph(model);
        var reached = new HashSet<string>(StringComparer.Ordinal) { start.Model.Id };
        var queue = new Queue<string>([start.Model.Id]);
        while (queue.Count > 0)
        {
            foreach (var c in graph.OutgoingAll(queue.Dequeue()))
            {
                if (known.ContainsKey(c.Target) && reached.Add(c.Target))
                {
                    queue.Enqueue(c.Target);
                }
            }
        }
        foreach (var (id, (activity, type, index)) in known)
        {
            if (!reached.Contains(id))
            {
                problems.Add(new($"$.activities[{index}]", $"Activity '{id}' cannot be reached from Start."));
            }
            else if (type is JoinActivity && !graph.Feeding(id, _ => false).Any(s => known.TryGetValue(s, out var a) && a.Type is ForkActivity))
            {
                problems.Add(new($"$.activities[{index}]", $"Join '{id}' is not fed by any Fork."));
            }
        }
    }

    private static void ValidateInputs(ActivityModel activity, ActivityDescriptor descriptor, string path, List<DefinitionProblem> problems)
    {
        foreach (var input in descriptor.Inputs)
        {
            var inputPath = $"{path}.inputs.{input.Name}";
            activity.Inputs.TryGetPropertyValue(input.Name, out var node);
            if (node is null || (node is JsonValue v && v.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(v.GetValue<string>())))
            {
                if (input.Required)
                {
                    problems.Add(new(inputPath, $"'{input.Name}' is required."));
                }
                continue;
            }
            var problem = CheckType(input, node, inputPath, problems);
            if (problem is not null)
            {
                problems.Add(new(inputPath, problem));
            }
        }
    }

    private static string? CheckType(InputDescriptor input, JsonNode node, string path, List<DefinitionProblem> problems)
    {
        switch (input.Type)
        {
            case InputType.Text or InputType.Template:
                return IsString(node, out _) ? null : $"'{input.Name}' must be a string.";
            case InputType.Identifier:
                return IsString(node, out var identifier) && ExpressionEvaluator.IsIdentifier(identifier)
                    ? null
                    : $"'{input.Name}' must be an identifier (letters, digits, '_' or '$', not starting with a digit).";
            case InputType.Choice:
                return IsString(node, out var choice) && input.Options!.Contains(choice, StringComparer.Ordinal)
                    ? null
                    : $"'{input.Name}' must be one of: {string.Join(", ", input.Options!)}.";
            case InputType.Expression:
                if (!IsString(node, out var expression))
                {
                    return $"'{input.Name}' must be an expression string.";
                }
                var syntax = ExpressionEvaluator.CheckSyntax(expression);
                return syntax is null ? null : $"The expression does not parse: {syntax}";
            case InputType.StringList:
                return node is JsonArray list && list.All(n => IsString(n, out var s) && s.Length > 0)
                    ? (list.Count == 0 ? $"'{input.Name}' must list at least one value." : null)
                    : $"'{input.Name}' must be a list of non-empty strings.";
            case InputType.Assignee:
                return CheckAssignee(input, node, path, problems);
            case InputType.FormFields:
                return CheckFields(input, node, path, problems);
            case InputType.Duration when input.Name == "due" && node is JsonObject:
                // A computed due: a duration or a point in time, e.g. {"expression": "problem.dueAt"}.
                return CheckAssignee(input, node, path, problems) is null && node.AsObject().ContainsKey("expression")
                    ? null
                    : "'due' is a duration (3wd, PT4H) or {\"expression\": code} giving a duration or a date and time.";
            case InputType.Duration:
                return CheckDuration(node, path, problems, sign: 0);
            case InputType.ReminderList:
                if (node is not JsonArray reminders)
                {
                    return $"'{input.Name}' must be a list of offsets before the due time, e.g. [\"-1wd\", \"-PT2H\"].";
                }
                for (var i = 0; i < reminders.Count; i++)
                {
                    CheckDuration(reminders[i], $"{path}[{i}]", problems, sign: -1);
                }
                return null;
            case InputType.EscalationLadder:
                return CheckLadder(input, node, path, problems);
            case InputType.AssigneeList:
                return CheckAssigneeList(input, node, path, problems);
            default:
                return null;
        }
    }

    internal static string? CheckAssignee(InputDescriptor input, JsonNode node, string path, List<DefinitionProblem> problems)
    {
        const string Shape = "must be {\"user\": name}, {\"role\": name} or {\"expression\": code}.";
        if (node is not JsonObject obj || obj.Count != 1)
        {
            return $"'{input.Name}' {Shape}";
        }
        var (key, value) = obj.First();
        if (key is not ("user" or "role" or "expression"))
        {
            return $"'{input.Name}' {Shape}";
        }
        if (value is null || !IsString(value, out var text) || string.IsNullOrWhiteSpace(text))
        {
            problems.Add(new($"{path}.{key}", $"'{key}' must be a non-empty string."));
            return null;
        }
        if (key == "expression" && ExpressionEvaluator.CheckSyntax(text) is { } syntax)
        {
            problems.Add(new($"{path}.expression", $"The expression does not parse: {syntax}"));
        }
        return null;
    }

    /// <summary>Checks a duration; <paramref name="sign"/> -1 demands an offset before (≤ 0), 1 after (≥ 0), 0 a positive length.</summary>
    private static string? CheckDuration(JsonNode? node, string path, List<DefinitionProblem> problems, int sign)
    {
        if (!IsString(node, out var text))
        {
            problems.Add(new(path, "A duration is a string: ISO 8601 (PT4H, P2D) or working days (3wd)."));
            return null;
        }
        if (!BusinessDuration.TryParse(text, out var duration, out var error))
        {
            problems.Add(new(path, error ?? $"'{text}' is not a duration."));
            return null;
        }
        var negative = duration.IsWorkingDays ? duration.WorkingDays < 0 : duration.Time < TimeSpan.Zero;
        var zero = duration.IsWorkingDays ? duration.WorkingDays == 0 : duration.Time == TimeSpan.Zero;
        var message = sign switch
        {
            -1 when !negative && !zero => $"'{text}' must be an offset before the due time, e.g. -1wd or -PT2H.",
            1 when negative => $"'{text}' must be an offset after the due time, e.g. PT0S or 1wd.",
            0 when negative || zero => $"'{text}' must be a positive duration.",
            _ => null,
        };
        if (message is not null)
        {
            problems.Add(new(path, message));
        }
        return null;
    }

    private static string? CheckAssigneeList(InputDescriptor input, JsonNode node, string path, List<DefinitionProblem> problems)
    {
        if (node is JsonObject single && single.ContainsKey("expression"))
        {
            return CheckAssignee(input, node, path, problems);
        }
        if (node is not JsonArray list || list.Count == 0)
        {
            return $"'{input.Name}' must be a non-empty list of {{\"user\"}} / {{\"role\"}} / {{\"expression\"}} specs, or one {{\"expression\"}}.";
        }
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not { } item)
            {
                problems.Add(new($"{path}[{i}]", "An approver spec may not be null."));
                continue;
            }
            if (CheckAssignee(input, item, $"{path}[{i}]", problems) is { } problem)
            {
                problems.Add(new($"{path}[{i}]", problem));
            }
        }
        return null;
    }

    /// <summary>The words an escalation step may name besides assignee specs.</summary>
    public static readonly IReadOnlyList<string> EscalationWords = ["assignee", "teamLead", "responsibleLeader"];

    private static string? CheckLadder(InputDescriptor input, JsonNode node, string path, List<DefinitionProblem> problems)
    {
        if (node is not JsonArray steps)
        {
            return $"'{input.Name}' must be a list of steps {{after, notify, approval}}.";
        }
        for (var i = 0; i < steps.Count; i++)
        {
            var stepPath = $"{path}[{i}]";
            if (steps[i] is not JsonObject step)
            {
                problems.Add(new(stepPath, "An escalation step is an object {after, notify, approval}."));
                continue;
            }
            if (step["after"] is null)
            {
                problems.Add(new($"{stepPath}.after", "'after' is required: an offset past the due time, e.g. PT0S or 1wd."));
            }
            else
            {
                CheckDuration(step["after"], $"{stepPath}.after", problems, sign: 1);
            }
            if (step["notify"] is { } notify)
            {
                if (notify is not JsonArray people)
                {
                    problems.Add(new($"{stepPath}.notify", "'notify' is a list of assignee specs or the words assignee, teamLead, responsibleLeader."));
                }
                else
                {
                    for (var j = 0; j < people.Count; j++)
                    {
                        var personPath = $"{stepPath}.notify[{j}]";
                        if (IsString(people[j], out var word))
                        {
                            if (!EscalationWords.Contains(word))
                            {
                                problems.Add(new(personPath, $"'{word}' is not one of {string.Join(", ", EscalationWords)}."));
                            }
                        }
                        else if (people[j] is not { } spec || CheckAssignee(input, spec, personPath, problems) is { } problem)
                        {
                            problems.Add(new(personPath, "Name a person as {\"user\"}, {\"role\"}, {\"expression\"} or one of the words assignee, teamLead, responsibleLeader."));
                        }
                    }
                }
            }
            if (step["approval"] is { } approval)
            {
                CheckEscalationApproval(input, approval, $"{stepPath}.approval", problems);
            }
            if (step["notify"] is null && step["approval"] is null)
            {
                problems.Add(new(stepPath, "An escalation step must notify someone or open an approval."));
            }
        }
        return null;
    }

    private static void CheckEscalationApproval(InputDescriptor input, JsonNode node, string path, List<DefinitionProblem> problems)
    {
        if (node is not JsonObject approval)
        {
            problems.Add(new(path, "'approval' is an object with the inputs of an Approval (approvers, outcomes, mode, due)."));
            return;
        }
        if (approval["approvers"] is { } approvers && CheckAssigneeList(input, approvers, $"{path}.approvers", problems) is { } problem)
        {
            problems.Add(new($"{path}.approvers", problem));
        }
        if (approval["outcomes"] is { } outcomes && (outcomes is not JsonArray list || list.Count == 0 || !list.All(n => IsString(n, out var s) && s.Length > 0)))
        {
            problems.Add(new($"{path}.outcomes", "'outcomes' must be a list of non-empty strings."));
        }
        if (approval["mode"] is { } mode && (!IsString(mode, out var m) || m is not ("any" or "all" or "majority")))
        {
            problems.Add(new($"{path}.mode", "'mode' is any, all or majority."));
        }
        if (approval["due"] is { } due)
        {
            CheckDuration(due, $"{path}.due", problems, sign: 0);
        }
        if (approval["reminders"] is { } reminders)
        {
            if (reminders is not JsonArray offsets)
            {
                problems.Add(new($"{path}.reminders", "'reminders' must be a list of offsets before the due time, e.g. [\"-1wd\"]."));
            }
            else
            {
                for (var i = 0; i < offsets.Count; i++)
                {
                    CheckDuration(offsets[i], $"{path}.reminders[{i}]", problems, sign: -1);
                }
            }
        }
        if (approval["escalation"] is not null)
        {
            problems.Add(new($"{path}.escalation", "An approval opened by an escalation cannot escalate again; add another step to the task's ladder instead."));
        }
    }

    private static string? CheckFields(InputDescriptor input, JsonNode node, string path, List<DefinitionProblem> problems)
    {
        if (node is not JsonArray fields)
        {
            return $"'{input.Name}' must be a list of fields {{name, label, type, required}}.";
        }
        for (var i = 0; i < fields.Count; i++)
        {
            var fieldPath = $"{path}[{i}]";
            if (fields[i] is not JsonObject field)
            {
                problems.Add(new(fieldPath, "A field must be an object {name, label, type, required}."));
                continue;
            }
            if (!IsString(field["name"], out var name) || !ExpressionEvaluator.IsIdentifier(name))
            {
                problems.Add(new($"{fieldPath}.name", "A field needs a name that is an identifier."));
            }
            if (field["label"] is { } label && !IsString(label, out _) && label is not JsonObject)
            {
                problems.Add(new($"{fieldPath}.label", "A label is a string or {\"en\": …, \"zh-CN\": …}."));
            }
            if (!IsString(field["type"], out var type) || !FieldTypes.Contains(type))
            {
                problems.Add(new($"{fieldPath}.type", $"The field type must be one of: {string.Join(", ", FieldTypes)}."));
            }
            if (field["required"] is { } required && required.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                problems.Add(new($"{fieldPath}.required", "'required' must be true or false."));
            }
        }
        return null;
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

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex IdPattern();
}
