using System.Text.Json.Serialization;

namespace Butler.Workflows.Activities;

/// <summary>The kinds of value an activity input holds; the designer picks its editor from this.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InputType>))]
public enum InputType
{
    /// <summary>Plain text.</summary>
    Text,
    /// <summary>Text with <c>{{variable}}</c> placeholders.</summary>
    Template,
    /// <summary>A sandboxed JavaScript expression.</summary>
    Expression,
    /// <summary><c>{"user": …}</c>, <c>{"role": …}</c> or <c>{"expression": …}</c>.</summary>
    Assignee,
    /// <summary>A list of non-empty strings.</summary>
    StringList,
    /// <summary>A list of form fields <c>{name, label, type, required}</c>.</summary>
    FormFields,
    /// <summary>One of a fixed set of strings.</summary>
    Choice,
    /// <summary>A name usable as a variable identifier.</summary>
    Identifier,
    /// <summary>An ISO 8601 duration (<c>PT4H</c>) or working days (<c>3wd</c>), through the working-day calendar.</summary>
    Duration,
    /// <summary>A list of offsets before a due time, e.g. <c>["-1wd", "-PT2H"]</c>.</summary>
    ReminderList,
    /// <summary>Ordered steps <c>{after, notify, approval, action}</c> past the due time.</summary>
    EscalationLadder,
    /// <summary>A list of assignee specs, or one <c>{"expression": …}</c> giving people.</summary>
    AssigneeList,
    /// <summary>Yes or no: <c>true</c> / <c>false</c>.</summary>
    Switch,
    /// <summary>A whole number of at least 1.</summary>
    Count,
    /// <summary>票签 weights: an object of user names and whole numbers, e.g. <c>{"leader": 2}</c>.</summary>
    WeightMap,
}
