using Butler.Workflows.Runtime;

namespace Butler.Workflows.Activities;

/// <summary>Chooses a branch by a condition.</summary>
public sealed class DecisionActivity : Activity
{
    public const string True = "True";
    public const string False = "False";

    public static readonly ActivityInput<string?> Condition = ActivityInput.String(
        new InputDescriptor("condition", InputType.Expression, true, T("Condition", "条件"),
            T("A JavaScript expression over variables and input, e.g. amount > 1e8.", "基于变量和输入的 JavaScript 表达式，如 amount > 1e8。")));

    public override ActivityDescriptor Descriptor { get; } = new(
        "Decision", T("Decision", "条件判断"), T("Continues on True or False by a condition.", "按条件走“是”或“否”分支。"),
        "Flow", "alt_route",
        [Condition.Descriptor],
        [True, False]);

    public override ActivityResult Execute(ActivityContext context)
    {
        var condition = Condition.Read(context)!;
        return ActivityResult.Complete(context.EvaluateCondition(condition) ? True : False);
    }
}

/// <summary>Sets a workflow variable to the value of an expression.</summary>
public sealed class SetVariableActivity : Activity
{
    public static readonly ActivityInput<string?> Name = ActivityInput.String(
        new InputDescriptor("name", InputType.Identifier, true, T("Variable", "变量名"), T("The variable to set.", "要设置的变量。")));

    public static readonly ActivityInput<string?> Value = ActivityInput.String(
        new InputDescriptor("value", InputType.Expression, true, T("Value", "值"), T("A JavaScript expression.", "JavaScript 表达式。")));

    public override ActivityDescriptor Descriptor { get; } = new(
        "SetVariable", T("Set variable", "设置变量"), T("Sets a variable to the value of an expression.", "将变量设置为表达式的值。"),
        "Data", "edit_note",
        [Name.Descriptor, Value.Descriptor],
        [Done]);

    public override ActivityResult Execute(ActivityContext context)
    {
        var name = Name.Read(context)!;
        var value = context.Evaluate(Value.Read(context)!);
        context.Variables[name] = value;
        return ActivityResult.Complete(Done);
    }
}
