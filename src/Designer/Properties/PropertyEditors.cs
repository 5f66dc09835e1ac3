using System.Text.Json.Nodes;
using Butler.Designer.Properties.Editors;
using Butler.Workflows.Activities;
using Butler.Workflows.Definitions;

namespace Butler.Designer.Properties;

/// <summary>
/// Which editor shows an input, and whether its current value has a shape that editor can show. A value of any other
/// shape (hand-written JSON, a newer engine) goes to the raw JSON editor instead of being lost.
/// </summary>
public static class PropertyEditors
{
    /// <summary>The words an escalation step may notify besides assignee specs (<see cref="DefinitionVocabulary.EscalationWords"/>).</summary>
    public static IReadOnlyList<string> EscalationWords => DefinitionVocabulary.EscalationWords;

    /// <summary>The keys of an assignee spec.</summary>
    public static readonly IReadOnlyList<string> AssigneeKinds = ["user", "role", "expression"];

    public static Type EditorFor(InputDescriptor input, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(input);
        return CanShow(input, value) ? FormEditorFor(input.Type) : typeof(RawJsonEditor);
    }

    public static Type FormEditorFor(InputType type) => type switch
    {
        InputType.Text or InputType.Template or InputType.Identifier => typeof(TextEditor),
        InputType.Choice => typeof(ChoiceEditor),
        InputType.Expression => typeof(ExpressionEditor),
        InputType.StringList => typeof(StringListEditor),
        InputType.Duration => typeof(DurationEditor),
        InputType.ReminderList => typeof(ReminderListEditor),
        InputType.EscalationLadder => typeof(EscalationLadderEditor),
        InputType.Assignee => typeof(AssigneeEditor),
        InputType.AssigneeList => typeof(AssigneeListEditor),
        InputType.FormFields => typeof(FormFieldsEditor),
        InputType.Switch => typeof(SwitchEditor),
        InputType.Count => typeof(CountEditor),
        InputType.WeightMap => typeof(WeightMapEditor),
        _ => typeof(RawJsonEditor),
    };

    /// <summary>True when the form editor of the input's type can show <paramref name="value"/> without dropping anything.</summary>
    public static bool CanShow(InputDescriptor input, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (value is null)
        {
            return true;
        }
        return input.Type switch
        {
            InputType.Text or InputType.Identifier or InputType.Expression => JsonEdits.IsString(value),
            InputType.Template => LocalizedText.FromNode(value) is not null,
            InputType.Choice => JsonEdits.IsString(value, out var choice) && (input.Options ?? []).Contains(choice, StringComparer.Ordinal),
            InputType.StringList or InputType.ReminderList => JsonEdits.IsStringList(value),
            // Only 'due' may be computed ({"expression": …}); the validator refuses that shape for other durations.
            InputType.Duration => JsonEdits.IsString(value) || (input.Name == "due" && IsExpressionSpec(value)),
            InputType.Assignee => IsAssignee(value),
            InputType.AssigneeList => IsAssigneeList(value),
            InputType.EscalationLadder => value is JsonArray steps && steps.All(IsEscalationStep),
            InputType.FormFields => value is JsonArray fields && fields.All(IsFormField),
            InputType.Switch => value.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False,
            InputType.Count => value is JsonValue count && count.TryGetValue<int>(out _),
            InputType.WeightMap => value is JsonObject weights && weights.All(w => w.Value is JsonValue n && n.TryGetValue<int>(out _)),
            _ => false,
        };
    }

    /// <summary><c>{"user": …}</c>, <c>{"role": …}</c> or <c>{"expression": …}</c> with a string.</summary>
    public static bool IsAssignee(JsonNode? node) =>
        node is JsonObject { Count: 1 } spec && AssigneeKinds.Contains(spec.First().Key) && JsonEdits.IsString(spec.First().Value);

    public static bool IsExpressionSpec(JsonNode? node) =>
        node is JsonObject { Count: 1 } spec && spec.ContainsKey("expression") && JsonEdits.IsString(spec["expression"]);

    public static bool IsAssigneeList(JsonNode? node) =>
        node is null || IsExpressionSpec(node) || (node is JsonArray list && list.All(IsAssignee));

    private static bool IsEscalationStep(JsonNode? node)
    {
        if (node is not JsonObject step || step.Any(p => p.Key is not ("after" or "notify" or "approval" or "action")))
        {
            return false;
        }
        if (step["action"] is { } action && !(action is JsonObject { Count: 1 } act && JsonEdits.IsString(act["outcome"])))
        {
            return false;
        }
        if (step["after"] is { } after && !JsonEdits.IsString(after))
        {
            return false;
        }
        if (step["notify"] is { } notify
            && (notify is not JsonArray people || !people.All(p => (JsonEdits.IsString(p, out var word) && EscalationWords.Contains(word)) || IsAssignee(p))))
        {
            return false;
        }
        return step["approval"] is null || IsEscalationApproval(step["approval"]);
    }

    private static bool IsEscalationApproval(JsonNode? node) =>
        node is JsonObject approval
        && approval.All(p => p.Key is "approvers" or "outcomes" or "mode" or "due")
        && IsAssigneeList(approval["approvers"])
        && (approval["outcomes"] is null || JsonEdits.IsStringList(approval["outcomes"]))
        && (approval["mode"] is null || (JsonEdits.IsString(approval["mode"], out var mode) && mode is "any" or "all" or "majority"))
        && (approval["due"] is null || JsonEdits.IsString(approval["due"]));

    private static bool IsFormField(JsonNode? node) =>
        node is JsonObject field
        && field.All(p => p.Key is "name" or "label" or "type" or "required" or "options")
        && JsonEdits.IsString(field["name"])
        && (field["label"] is null || JsonEdits.IsString(field["label"]) || IsLabelPair(field["label"]))
        && (field["type"] is null || JsonEdits.IsString(field["type"], out var type) && DefinitionVocabulary.FieldTypes.Contains(type))
        && (field["required"] is null || field["required"]!.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)
        && (field["options"] is null || JsonEdits.IsStringList(field["options"]));

    private static bool IsLabelPair(JsonNode? node) =>
        node is JsonObject label && label.All(p => p.Key is "en" or "zh-CN" && JsonEdits.IsString(p.Value));

    /// <summary>True for a name the engine accepts as a variable: letters, digits, '_' or '$', not starting with a digit.</summary>
    public static bool IsIdentifier(string? name) =>
        !string.IsNullOrEmpty(name)
        && (char.IsLetter(name[0]) || name[0] is '_' or '$')
        && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '$');
}
