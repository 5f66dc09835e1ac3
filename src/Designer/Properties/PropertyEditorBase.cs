using System.Text.Json.Nodes;
using Butler.Workflows.Activities;
using Microsoft.AspNetCore.Components;

namespace Butler.Designer.Properties;

/// <summary>
/// An editor of one activity input: it reads the input's JSON value from <see cref="Inputs"/> and writes it back in place,
/// then raises <see cref="Changed"/> so the canvas re-validates. The panel chooses it by <see cref="InputDescriptor.Type"/>.
/// </summary>
public abstract class PropertyEditorBase : ComponentBase
{
    /// <summary>The activity's inputs, edited in place.</summary>
    [Parameter, EditorRequired] public JsonObject Inputs { get; set; } = [];

    [Parameter, EditorRequired] public InputDescriptor Input { get; set; } = default!;

    /// <summary>The input's name in the user's language, with the required mark.</summary>
    [Parameter] public string Label { get; set; } = "";

    [Parameter] public EventCallback Changed { get; set; }

    /// <summary>The definition's declared variables, offered as hints.</summary>
    [Parameter] public IReadOnlyList<string> Variables { get; set; } = [];

    /// <summary>The prefix of every element id and test id of this editor: <c>prop-{input}</c>.</summary>
    protected string Prefix => $"prop-{Input.Name}";

    protected JsonNode? Value => Inputs[Input.Name];

    /// <summary>Puts <paramref name="value"/> in place of the input (null removes it) and tells the panel.</summary>
    protected Task WriteAsync(JsonNode? value)
    {
        JsonEdits.Set(Inputs, Input.Name, value);
        return Changed.InvokeAsync();
    }

    /// <summary>Tells the panel the value was changed in place.</summary>
    protected Task TouchedAsync() => Changed.InvokeAsync();
}
