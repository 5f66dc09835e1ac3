using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Butler.Workflows.Activities;
using Butler.Workflows.Deadlines;
using Butler.Workflows.Expressions;
using Butler.Workflows.Input;
using Butler.Workflows.Runtime;

namespace Butler.Workflows.Definitions;

/// <summary>What a validation pass knows: the model under test and the activity types of this process.</summary>
public sealed record ValidationContext(WorkflowDefinitionModel Model, ActivityRegistry Registry);

/// <summary>Checks a definition and reports every problem at once, each with a JSON path.</summary>
/// <param name="registry">The activity types of this engine.</param>
/// <param name="deadlines">The words escalation steps may name: <c>assignee</c> and those of the registered extensions.</param>
public sealed partial class DefinitionValidator(ActivityRegistry registry, DeadlineVocabulary deadlines)
{
    /// <summary>
    /// A validator outside a composed engine (tools, tests): escalation steps may name the words the designer offers
    /// (<see cref="DeadlineVocabulary.Designer"/>). The engine's own validator checks against its registered extensions.
    /// </summary>
    public DefinitionValidator(ActivityRegistry registry) : this(registry, DeadlineVocabulary.Designer)
    {
    }

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
            problems.Add(new("$.id", "The definition needs an id.", "流程定义须填写 id。"));
        }
        else if (!IdPattern().IsMatch(model.Id))
        {
            problems.Add(new("$.id", "The id may use letters, digits, '-', '_' and '.', up to 100 characters, starting with a letter or digit.",
                "id 只能由字母、数字、'-'、'_' 和 '.' 组成，以字母或数字开头，不超过 100 个字符。"));
        }
        if (string.IsNullOrWhiteSpace(model.Name.En) || string.IsNullOrWhiteSpace(model.Name.ZhCn))
        {
            problems.Add(new("$.name", "The definition needs a name.", "流程定义须填写名称。"));
        }
        else if (LineProblem(model.Name, "$.name") is { } badName)
        {
            problems.Add(Problem("$.name", badName, InputRules.MaxName));
        }
        if (model.Description is { } description
            && (InputRules.TextProblem(description.ZhCn, "$.description", MaxDescription) ?? InputRules.TextProblem(description.En, "$.description", MaxDescription)) is { } badDescription)
        {
            problems.Add(Problem("$.description", badDescription, MaxDescription));
        }

        ValidateVariables(model, problems);
        var known = ValidateActivities(model, context, problems);
        ValidateConnections(model, known, problems);
        ValidateReachability(model, known, problems);
        return problems;
    }

    /// <summary>The longest description a definition version stores.</summary>
    public const int MaxDescription = 2000;

    /// <summary>A text rule's problem with the Chinese words beside the English.</summary>
    /// <summary>A one-line text is checked in each of its languages.</summary>
    private static InputProblem? LineProblem(Activities.LocalizedText text, string path) =>
        InputRules.LineProblem(text.ZhCn, path) ?? InputRules.LineProblem(text.En, path);

    private static DefinitionProblem Problem(string path, InputProblem problem, int max) => new(path, problem.Message, problem.Code switch
    {
        InputProblem.TooLongCode => $"'{path}' 最多 {max} 个字符。",
        InputProblem.LineBreakCode => $"'{path}' 只能是一行，不能含换行或制表符。",
        _ => $"'{path}' 含有不允许的控制字符，请删除。",
    });

    private static void ValidateVariables(WorkflowDefinitionModel model, List<DefinitionProblem> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < model.Variables.Count; i++)
        {
            var name = model.Variables[i].Name;
            if (!ExpressionEvaluator.IsIdentifier(name))
            {
                problems.Add(new($"$.variables[{i}].name", "A variable name must be an identifier (letters, digits, '_' or '$', not starting with a digit).",
                    "变量名须为标识符（由字母、数字、'_' 或 '$' 组成，不以数字开头）。"));
            }
            else if (!seen.Add(name))
            {
                problems.Add(new($"$.variables[{i}].name", $"Variable '{name}' is declared twice.", $"变量 '{name}' 重复声明。"));
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
                problems.Add(new($"{path}.id", "Every activity needs an id.", "每个环节都须填写 id。"));
            }
            else if (known.ContainsKey(activity.Id))
            {
                problems.Add(new($"{path}.id", $"Activity id '{activity.Id}' is used twice.", $"环节 id '{activity.Id}' 重复使用。"));
            }

            if (activity.Name is { } activityName && LineProblem(activityName, $"{path}.name") is { } badActivityName)
            {
                problems.Add(Problem($"{path}.name", badActivityName, InputRules.MaxName));
            }

            var type = registry.Find(activity.Type);
            if (type is null)
            {
                problems.Add(string.IsNullOrWhiteSpace(activity.Type)
                    ? new($"{path}.type", "Every activity needs a type.", "每个环节都须指定类型。")
                    : new($"{path}.type", $"Unknown activity type '{activity.Type}'.", $"未知的环节类型 '{activity.Type}'。"));
            }
            else
            {
                if (type is StartActivity && ++starts > 1)
                {
                    problems.Add(new($"{path}.type", "A definition has exactly one Start; this is a second one.",
                        "一个流程定义只能有一个 Start 环节，此处为第二个。"));
                }
                ValidateInputs(activity, type.Descriptor, path, problems, deadlines);
                problems.AddRange(type.Validate(activity, path, context));
            }

            if (!string.IsNullOrWhiteSpace(activity.Id))
            {
                known.TryAdd(activity.Id, (activity, type, i));
            }
        }
        if (starts == 0)
        {
            problems.Add(new("$.activities", "The definition has no Start activity.", "流程定义缺少 Start 环节。"));
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
                problems.Add(string.IsNullOrEmpty(c.Source)
                    ? new($"{path}.source", "The connection has no source.", "连线缺少起点。")
                    : new($"{path}.source", $"The source '{c.Source}' is not an activity of this definition.",
                        $"起点 '{c.Source}' 不是本流程定义中的环节。"));
            }
            else if (source.Type is not null)
            {
                var outcomes = source.Type.GetOutcomes(source.Model);
                if (!outcomes.Contains(c.Outcome ?? "", StringComparer.Ordinal))
                {
                    problems.Add(outcomes.Count == 0
                        ? new($"{path}.outcome", $"'{c.Source}' ({source.Model.Type}) has no outcomes and cannot be a source.",
                            $"'{c.Source}'（{source.Model.Type}）没有办理结果，不能作为连线起点。")
                        : new($"{path}.outcome", $"'{c.Source}' ({source.Model.Type}) has no outcome '{c.Outcome}'; it offers {string.Join(", ", outcomes)}.",
                            $"'{c.Source}'（{source.Model.Type}）没有办理结果 '{c.Outcome}'，可选结果为：{string.Join("、", outcomes)}。"));
                }
            }
            if (!known.TryGetValue(c.Target ?? "", out var target))
            {
                problems.Add(string.IsNullOrEmpty(c.Target)
                    ? new($"{path}.target", "The connection has no target.", "连线缺少终点。")
                    : new($"{path}.target", $"The target '{c.Target}' is not an activity of this definition.",
                        $"终点 '{c.Target}' 不是本流程定义中的环节。"));
            }
            else if (target.Type is StartActivity)
            {
                problems.Add(new($"{path}.target", "Nothing may lead back into Start.", "任何连线都不得指回 Start 环节。"));
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
                problems.Add(new($"$.activities[{index}]", $"Activity '{id}' cannot be reached from Start.", $"从 Start 无法到达环节 '{id}'。"));
            }
            else if (type is JoinActivity && !graph.Feeding(id, _ => false).Any(s => known.TryGetValue(s, out var a) && a.Type is ForkActivity))
            {
                problems.Add(new($"$.activities[{index}]", $"Join '{id}' is not fed by any Fork.", $"汇聚环节 Join '{id}' 之前没有对应的 Fork 分支。"));
            }
        }
    }

    private static void ValidateInputs(ActivityModel activity, ActivityDescriptor descriptor, string path, List<DefinitionProblem> problems, DeadlineVocabulary deadlines)
    {
        foreach (var input in descriptor.Inputs)
        {
            var inputPath = $"{path}.inputs.{input.Name}";
            activity.Inputs.TryGetPropertyValue(input.Name, out var node);
            if (node is null || (node is JsonValue v && v.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(v.GetValue<string>())))
            {
                if (input.Required)
                {
                    problems.Add(new(inputPath, $"'{input.Name}' is required.", $"'{input.Name}' 为必填项。"));
                }
                continue;
            }
            var problem = CheckType(input, node, inputPath, problems, deadlines);
            if (problem is not null)
            {
                problems.Add(new(inputPath, problem));
            }
        }
    }

    private static LocalizedText? CheckType(InputDescriptor input, JsonNode node, string path, List<DefinitionProblem> problems, DeadlineVocabulary deadlines)
    {
        switch (input.Type)
        {
            case InputType.Text:
                return IsString(node, out _) ? null : new($"'{input.Name}' must be a string.", $"'{input.Name}' 须为字符串。");
            case InputType.Template:
                return LocalizedText.FromNode(node) is not null
                    ? null
                    : new($"'{input.Name}' must be a string, or an object with \"zh-CN\" and \"en\" strings.",
                        $"'{input.Name}' 须为字符串，或含 \"zh-CN\" 与 \"en\" 字符串的对象。");
            case InputType.Identifier:
                return IsString(node, out var identifier) && ExpressionEvaluator.IsIdentifier(identifier)
                    ? null
                    : new($"'{input.Name}' must be an identifier (letters, digits, '_' or '$', not starting with a digit).",
                        $"'{input.Name}' 须为标识符（由字母、数字、'_' 或 '$' 组成，不以数字开头）。");
            case InputType.Choice:
                return IsString(node, out var choice) && input.Options!.Contains(choice, StringComparer.Ordinal)
                    ? null
                    : new($"'{input.Name}' must be one of: {string.Join(", ", input.Options!)}.",
                        $"'{input.Name}' 须为以下之一：{string.Join("、", input.Options!)}。");
            case InputType.Expression:
                if (!IsString(node, out var expression))
                {
                    return new($"'{input.Name}' must be an expression string.", $"'{input.Name}' 须为表达式字符串。");
                }
                var syntax = ExpressionEvaluator.CheckSyntax(expression);
                return syntax is null ? null : new($"The expression does not parse: {syntax}", $"表达式无法解析：{syntax}");
            case InputType.StringList:
                return node is JsonArray list && list.All(n => IsString(n, out var s) && s.Length > 0)
                    ? (list.Count == 0 ? new($"'{input.Name}' must list at least one value.", $"'{input.Name}' 至少须列出一项。") : null)
                    : new($"'{input.Name}' must be a list of non-empty strings.", $"'{input.Name}' 须为非空字符串列表。");
            case InputType.Assignee:
                return CheckAssignee(input, node, path, problems);
            case InputType.FormFields:
                return CheckFields(input, node, path, problems);
            case InputType.Duration when input.Name == DeadlineInputs.Due.Name:
                return DeadlinePolicyParser.Due(input, node, path, problems, out _);
            case InputType.Duration:
                DeadlinePolicyParser.Duration(node, path, problems, sign: 0);
                return null;
            case InputType.ReminderList:
                return DeadlinePolicyParser.Reminders(input, node, path, problems, out _);
            case InputType.EscalationLadder:
                return DeadlinePolicyParser.Ladder(input, node, path, problems, deadlines, out _);
            case InputType.AssigneeList:
                return CheckAssigneeList(input, node, path, problems);
            case InputType.Switch:
                return node is JsonValue yes && yes.TryGetValue<bool>(out _)
                    ? null
                    : new($"'{input.Name}' must be true or false.", $"'{input.Name}' 须为 true 或 false。");
            case InputType.Count:
                return node is JsonValue count && count.TryGetValue<int>(out var n) && n >= 1
                    ? null
                    : new($"'{input.Name}' must be a whole number of at least 1.", $"'{input.Name}' 须为不小于 1 的整数。");
            case InputType.WeightMap:
                if (node is not JsonObject map)
                {
                    return new($"'{input.Name}' must be an object of user names and whole numbers, e.g. {{\"leader\": 2}}.",
                        $"'{input.Name}' 须为用户名与整数组成的对象，如 {{\"leader\": 2}}。");
                }
                foreach (var (user, weight) in map)
                {
                    if (weight is not JsonValue w || !w.TryGetValue<int>(out var value) || value < 0)
                    {
                        problems.Add(new($"{path}.{user}", $"The weight of '{user}' must be a whole number of at least 0.", $"“{user}”的票数须为不小于 0 的整数。"));
                    }
                }
                return null;
            default:
                return null;
        }
    }

    internal static LocalizedText? CheckAssignee(InputDescriptor input, JsonNode node, string path, List<DefinitionProblem> problems)
    {
        var shape = new LocalizedText(
            $"'{input.Name}' must be {{\"user\": name}}, {{\"role\": name}} or {{\"expression\": code}}.",
            $"'{input.Name}' 须为 {{\"user\": 用户名}}、{{\"role\": 角色名}} 或 {{\"expression\": 代码}}。");
        if (node is not JsonObject obj || obj.Count != 1)
        {
            return shape;
        }
        var (key, value) = obj.First();
        if (key is not ("user" or "role" or "expression"))
        {
            return shape;
        }
        if (value is null || !IsString(value, out var text) || string.IsNullOrWhiteSpace(text))
        {
            problems.Add(new($"{path}.{key}", $"'{key}' must be a non-empty string.", $"'{key}' 须为非空字符串。"));
            return null;
        }
        if (key == "expression" && ExpressionEvaluator.CheckSyntax(text) is { } syntax)
        {
            problems.Add(new($"{path}.expression", $"The expression does not parse: {syntax}", $"表达式无法解析：{syntax}"));
        }
        return null;
    }

    internal static LocalizedText? CheckAssigneeList(InputDescriptor input, JsonNode node, string path, List<DefinitionProblem> problems)
    {
        if (node is JsonObject single && single.ContainsKey("expression"))
        {
            return CheckAssignee(input, node, path, problems);
        }
        if (node is not JsonArray list || list.Count == 0)
        {
            return new($"'{input.Name}' must be a non-empty list of {{\"user\"}} / {{\"role\"}} / {{\"expression\"}} specs, or one {{\"expression\"}}.",
                $"'{input.Name}' 须为由 {{\"user\"}} / {{\"role\"}} / {{\"expression\"}} 组成的非空列表，或单个 {{\"expression\"}}。");
        }
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not { } item)
            {
                problems.Add(new($"{path}[{i}]", "An approver spec may not be null.", "审批人不得为空（null）。"));
                continue;
            }
            if (CheckAssignee(input, item, $"{path}[{i}]", problems) is { } problem)
            {
                problems.Add(new($"{path}[{i}]", problem));
            }
        }
        return null;
    }

    private static LocalizedText? CheckFields(InputDescriptor input, JsonNode node, string path, List<DefinitionProblem> problems)
    {
        if (node is not JsonArray fields)
        {
            return new($"'{input.Name}' must be a list of fields {{name, label, type, required}}.",
                $"'{input.Name}' 须为表单字段列表，每项为 {{name, label, type, required}}。");
        }
        for (var i = 0; i < fields.Count; i++)
        {
            var fieldPath = $"{path}[{i}]";
            if (fields[i] is not JsonObject field)
            {
                problems.Add(new(fieldPath, "A field must be an object {name, label, type, required}.", "表单字段须为对象 {name, label, type, required}。"));
                continue;
            }
            if (!IsString(field["name"], out var name) || !ExpressionEvaluator.IsIdentifier(name))
            {
                problems.Add(new($"{fieldPath}.name", "A field needs a name that is an identifier.", "表单字段须有名称（name），且须为标识符。"));
            }
            if (field["label"] is { } label && !IsString(label, out _) && label is not JsonObject)
            {
                problems.Add(new($"{fieldPath}.label", "A label is a string or {\"en\": …, \"zh-CN\": …}.", "标签（label）须为字符串或 {\"en\": …, \"zh-CN\": …}。"));
            }
            if (!IsString(field["type"], out var type) || !DefinitionVocabulary.FieldTypes.Contains(type))
            {
                problems.Add(new($"{fieldPath}.type", $"The field type must be one of: {string.Join(", ", DefinitionVocabulary.FieldTypes)}.",
                    $"字段类型须为以下之一：{string.Join("、", DefinitionVocabulary.FieldTypes)}。"));
            }
            if (field["required"] is { } required && required.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                problems.Add(new($"{fieldPath}.required", "'required' must be true or false.", "'required' 须为 true 或 false。"));
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
