using Butler.Workflows.Definitions;

namespace Butler.Designer;

/// <summary>The smallest definition the validator accepts, which the designer creates before anything is drawn.</summary>
public static class NewDefinition
{
    public static WorkflowDefinitionModel Minimal(string id, string name) => new()
    {
        Id = id.Trim(),
        Name = name.Trim(),
        Activities =
        [
            new ActivityModel { Id = "start", Type = "Start", Position = new PositionModel { X = 80, Y = 120 } },
            new ActivityModel { Id = "end", Type = "End", Position = new PositionModel { X = 360, Y = 120 } },
        ],
        Connections = [new ConnectionModel { Source = "start", Outcome = "Done", Target = "end" }],
    };

    /// <summary>A copy of <paramref name="source"/> under a new id and name, as version 1 of a new definition.</summary>
    /// <remarks>The name as the dialog suggested it (<see cref="CopyName"/> in the reader's language) keeps both languages.</remarks>
    public static WorkflowDefinitionModel Clone(WorkflowDefinitionModel source, string id, string name)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(name);
        var copy = DefinitionJson.TryParse(DefinitionJson.Serialize(source), out _)!;
        copy.Id = id.Trim();
        var suggested = CopyName(source.Name);
        copy.Name = name.Trim() == suggested.Current ? suggested : name.Trim();
        copy.Version = 0;
        return copy;
    }

    /// <summary>"名称（副本）" and "Name (copy)", each in its own language.</summary>
    public static Butler.Workflows.Activities.LocalizedText CopyName(Butler.Workflows.Activities.LocalizedText name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new(name.En + " (copy)", name.ZhCn + "（副本）");
    }
}
