namespace Butler.Workflows.Definitions;

/// <summary>One stored version of a definition: a mutable draft until published, immutable after.</summary>
public sealed class WorkflowDefinitionVersion
{
    public string DefinitionId { get; set; } = "";
    public int Version { get; set; }
    public Activities.LocalizedText Name { get; set; } = new("");
    public Activities.LocalizedText? Description { get; set; }
    public string Json { get; set; } = "";
    public bool IsPublished { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }

    /// <summary>Optimistic concurrency token for draft edits racing a publish.</summary>
    public int Revision { get; set; }

    public static WorkflowDefinitionVersion NewDraft(WorkflowDefinitionModel model, int version, string? by, DateTimeOffset at)
    {
        var draft = new WorkflowDefinitionVersion
        {
            DefinitionId = model.Id,
            Version = version,
            CreatedAt = at,
            CreatedBy = by,
        };
        draft.ReplaceDraft(model, at);
        return draft;
    }

    /// <summary>Overwrites the draft's content; refuses to touch a published version.</summary>
    public void ReplaceDraft(WorkflowDefinitionModel model, DateTimeOffset at)
    {
        if (IsPublished)
        {
            throw new InvalidOperationException($"Version {Version} of '{DefinitionId}' is published and immutable.");
        }
        model.Id = DefinitionId;
        model.Version = Version;
        Name = model.Name;
        Description = model.Description;
        Json = DefinitionJson.Serialize(model);
        UpdatedAt = at;
        Revision++;
    }

    /// <summary>Makes this version the one new instances start on; a version is published once.</summary>
    public void Publish(string? by, DateTimeOffset at)
    {
        if (IsPublished)
        {
            throw new InvalidOperationException($"Version {Version} of '{DefinitionId}' is already published.");
        }
        IsPublished = true;
        PublishedAt = at;
        PublishedBy = by;
        Revision++;
    }
}
