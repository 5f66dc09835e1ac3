using System.Reflection;
using System.Text.Json.Nodes;
using Butler.Workflows.Activities;
using Butler.Workflows.Deadlines;
using Butler.Workflows.Definitions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Butler.Workflows.Tests.Activities;

/// <summary>Every registered activity reads only inputs it declares, and declares nothing its descriptor leaves out.</summary>
public sealed class DeclaredInputTests
{
    private static readonly IReadOnlyList<Activity> Registered = RegisteredActivities();

    /// <summary>The deadline inputs HumanTask and Approval share; they are read by the deadline module, not by the activity.</summary>
    private static readonly IReadOnlyList<InputDescriptor> Shared = [.. typeof(DeadlineInputs)
        .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(InputDescriptor))
        .Select(f => (InputDescriptor)f.GetValue(null)!)];

    public static TheoryData<string> Types() => [.. Registered.Select(a => a.Type)];

    private static List<Activity> RegisteredActivities()
    {
        using var services = new ServiceCollection().AddWorkflows().BuildServiceProvider();
        return [.. services.GetServices<Activity>()];
    }

    private static Activity Of(string type) => Registered.Single(a => a.Type == type);

    private static List<ActivityInput> Declared(Activity activity) => [.. activity.GetType()
        .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.FlattenHierarchy)
        .Where(f => typeof(ActivityInput).IsAssignableFrom(f.FieldType))
        .Select(f => (ActivityInput)f.GetValue(null)!)];

    [Fact]
    public void The_engine_and_the_onboarding_domain_register_the_activities_checked_here()
    {
        Assert.Superset(new HashSet<string>(["HumanTask", "Approval", "Decision", "SetVariable", "Join", "WaitSignal", "Delay",
            "SetProjectStage", "SetLeadStatus", "ResolveProblem"]), Registered.Select(a => a.Type).ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Every_declared_input_is_in_the_descriptor(string type)
    {
        var activity = Of(type);

        foreach (var input in Declared(activity))
        {
            Assert.Contains(activity.Descriptor.Inputs, d => ReferenceEquals(d, input.Descriptor));
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Every_descriptor_input_is_a_declaration_the_activity_reads_through(string type)
    {
        var activity = Of(type);
        var declared = Declared(activity).Select(i => i.Descriptor).ToList();

        foreach (var input in activity.Descriptor.Inputs)
        {
            Assert.True(declared.Any(d => ReferenceEquals(d, input)) || Shared.Any(d => ReferenceEquals(d, input)),
                $"{type} describes '{input.Name}' but declares no ActivityInput for it.");
        }
        var names = activity.Descriptor.Inputs.Select(i => i.Name).ToList();
        Assert.Equal(names.Distinct(StringComparer.Ordinal), names);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void The_validator_requires_the_declared_required_inputs_by_their_declared_names(string type)
    {
        var activity = Of(type);
        var definition = new JsonObject
        {
            ["id"] = "declared",
            ["name"] = "Declared",
            ["activities"] = new JsonArray(
                new JsonObject { ["id"] = "start", ["type"] = "Start" },
                new JsonObject { ["id"] = "probe", ["type"] = type }),
            ["connections"] = new JsonArray(new JsonObject { ["source"] = "start", ["outcome"] = Activity.Done, ["target"] = "probe" }),
        };
        var problems = new DefinitionValidator(new ActivityRegistry(Registered)).Validate(definition.ToJsonString(), out _);

        var required = problems.Where(p => p.Message.EndsWith("' is required.", StringComparison.Ordinal))
            .Select(p => p.Path).Order(StringComparer.Ordinal);
        var expected = Declared(activity).Where(i => i.Descriptor.Required)
            .Select(i => $"$.activities[1].inputs.{i.Name}").Order(StringComparer.Ordinal);
        Assert.Equal(expected, required);
    }
}
