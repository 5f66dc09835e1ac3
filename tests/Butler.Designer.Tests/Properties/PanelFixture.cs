using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bunit;
using Butler.Designer.Properties;
using Butler.Workflows.Activities;
using Butler.Workflows.Definitions;

namespace Butler.Designer.Tests.Properties;

/// <summary>Renders the property panel for one activity and checks what it wrote with the engine's own validator.</summary>
internal sealed class PanelFixture
{
    private static readonly ActivityRegistry Registry = ActivityRegistry.CreateDefault();

    public PanelFixture(string type, JsonObject? inputs = null)
    {
        Descriptor = Registry.Get(type).Descriptor;
        Activity = new ActivityModel { Id = "step", Type = type, Name = "Step", Inputs = inputs ?? [] };
    }

    public ActivityDescriptor Descriptor { get; }

    public ActivityModel Activity { get; }

    public JsonObject Inputs => Activity.Inputs;

    public int Changes { get; private set; }

    public IRenderedComponent<PropertyPanel> Render(BunitContext context, IReadOnlyList<DefinitionProblem>? problems = null, int index = 1) =>
        context.Render<PropertyPanel>(p => p
            .Add(x => x.Descriptor, Descriptor)
            .Add(x => x.Activity, Activity)
            .Add(x => x.ActivityIndex, index)
            .Add(x => x.Problems, problems ?? [])
            .Add(x => x.Variables, ["project", "amount"])
            .Add(x => x.Changed, () => Changes++));

    /// <summary>The validator's problems with this activity's inputs, in a definition Start → this activity.</summary>
    public IReadOnlyList<DefinitionProblem> InputProblems()
    {
        var model = new WorkflowDefinitionModel
        {
            Id = "props",
            Name = "Props",
            Activities = [new ActivityModel { Id = "start", Type = "Start" }, Activity],
            Connections = [new ConnectionModel { Source = "start", Outcome = "Done", Target = Activity.Id }],
        };
        return new DefinitionValidator(Registry).Validate(model)
            .Where(p => p.Path.StartsWith("$.activities[1].inputs", StringComparison.Ordinal)).ToList();
    }

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Json(JsonNode? node) => node?.ToJsonString(Readable) ?? "null";
}
