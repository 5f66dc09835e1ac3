using System.Text.Json.Nodes;
using Butler.Workflows.Activities;

namespace Butler.Workflows.Definitions;

/// <summary>A value that differs between two versions: what it was and what it became.</summary>
public sealed record ValueChange(string? From, string? To);

/// <summary>A name or description that differs between two versions, in either language.</summary>
public sealed record TextChange(LocalizedText? From, LocalizedText? To);

/// <summary>An activity as a change list names it.</summary>
public sealed record ActivitySummary(string Id, string Type, LocalizedText? Name);

/// <summary>A connection as a change list names it; source, outcome and target together are its identity.</summary>
public sealed record ConnectionSummary(string Source, string Outcome, string Target);

/// <summary>What changed on an activity present in both versions (matched by id).</summary>
public sealed record ActivityChange(
    string Id, string Type, LocalizedText? Name,
    TextChange? NameChange, ValueChange? TypeChange,
    IReadOnlyList<string> InputsAdded, IReadOnlyList<string> InputsRemoved, IReadOnlyList<string> InputsChanged,
    bool Moved);

/// <summary>
/// The differences between two versions of a definition: activities matched by id, connections by source+outcome+target,
/// variables by name. Pure: compares two models and touches nothing else.
/// </summary>
public sealed record DefinitionDiff(
    TextChange? Name, TextChange? Description,
    IReadOnlyList<string> VariablesAdded, IReadOnlyList<string> VariablesRemoved, IReadOnlyList<string> VariablesChanged,
    IReadOnlyList<ActivitySummary> ActivitiesAdded, IReadOnlyList<ActivitySummary> ActivitiesRemoved,
    IReadOnlyList<ActivityChange> ActivitiesChanged,
    IReadOnlyList<ConnectionSummary> ConnectionsAdded, IReadOnlyList<ConnectionSummary> ConnectionsRemoved)
{
    /// <summary>True when the two versions have the same content.</summary>
    public bool IsEmpty => Name is null && Description is null
        && VariablesAdded.Count == 0 && VariablesRemoved.Count == 0 && VariablesChanged.Count == 0
        && ActivitiesAdded.Count == 0 && ActivitiesRemoved.Count == 0 && ActivitiesChanged.Count == 0
        && ConnectionsAdded.Count == 0 && ConnectionsRemoved.Count == 0;

    public static DefinitionDiff Compare(WorkflowDefinitionModel from, WorkflowDefinitionModel to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);

        var fromVariables = FirstByKey(from.Variables, v => v.Name);
        var toVariables = FirstByKey(to.Variables, v => v.Name);
        var variablesChanged = toVariables.Keys.Where(fromVariables.ContainsKey)
            .Where(n => fromVariables[n].Type != toVariables[n].Type || !JsonNode.DeepEquals(fromVariables[n].Default, toVariables[n].Default))
            .ToList();

        var fromActivities = FirstByKey(from.Activities, a => a.Id);
        var toActivities = FirstByKey(to.Activities, a => a.Id);
        var changed = new List<ActivityChange>();
        foreach (var after in toActivities.Values)
        {
            if (fromActivities.TryGetValue(after.Id, out var before) && CompareActivity(before, after) is { } change)
            {
                changed.Add(change);
            }
        }

        var fromConnections = from.Connections.Select(Summarize).Distinct().ToList();
        var toConnections = to.Connections.Select(Summarize).Distinct().ToList();

        return new DefinitionDiff(
            Change(from.Name, to.Name),
            Change(from.Description, to.Description),
            [.. toVariables.Keys.Where(n => !fromVariables.ContainsKey(n))],
            [.. fromVariables.Keys.Where(n => !toVariables.ContainsKey(n))],
            variablesChanged,
            [.. toActivities.Values.Where(a => !fromActivities.ContainsKey(a.Id)).Select(Summarize)],
            [.. fromActivities.Values.Where(a => !toActivities.ContainsKey(a.Id)).Select(Summarize)],
            changed,
            [.. toConnections.Except(fromConnections)],
            [.. fromConnections.Except(toConnections)]);
    }

    private static ActivityChange? CompareActivity(ActivityModel before, ActivityModel after)
    {
        var inputsAdded = after.Inputs.Select(p => p.Key).Where(k => !before.Inputs.ContainsKey(k)).ToList();
        var inputsRemoved = before.Inputs.Select(p => p.Key).Where(k => !after.Inputs.ContainsKey(k)).ToList();
        var inputsChanged = after.Inputs
            .Where(p => before.Inputs.TryGetPropertyValue(p.Key, out var old) && !JsonNode.DeepEquals(old, p.Value))
            .Select(p => p.Key).ToList();
        var nameChange = Change(before.Name, after.Name);
        var typeChange = Change(before.Type, after.Type);
        var moved = before.Position?.X != after.Position?.X || before.Position?.Y != after.Position?.Y;
        if (nameChange is null && typeChange is null && inputsAdded.Count == 0 && inputsRemoved.Count == 0 && inputsChanged.Count == 0 && !moved)
        {
            return null;
        }
        return new ActivityChange(after.Id, after.Type, after.Name, nameChange, typeChange, inputsAdded, inputsRemoved, inputsChanged, moved);
    }

    /// <summary>Null and empty text count as the same: a description cleared is not a change from "no description".</summary>
    private static ValueChange? Change(string? from, string? to) =>
        string.Equals(string.IsNullOrEmpty(from) ? null : from, string.IsNullOrEmpty(to) ? null : to, StringComparison.Ordinal)
            ? null
            : new ValueChange(from, to);

    /// <summary>A text changes when either language does; an empty text is no text.</summary>
    private static TextChange? Change(LocalizedText? from, LocalizedText? to)
    {
        var before = from is null || (from.En.Length == 0 && from.ZhCn.Length == 0) ? null : from;
        var after = to is null || (to.En.Length == 0 && to.ZhCn.Length == 0) ? null : to;
        return Equals(before, after) ? null : new TextChange(before, after);
    }

    private static ActivitySummary Summarize(ActivityModel a) => new(a.Id, a.Type, a.Name);

    private static ConnectionSummary Summarize(ConnectionModel c) => new(c.Source, c.Outcome, c.Target);

    /// <summary>Keyed by id or name, enumerating in document order; a duplicate key (which the validator refuses anyway) keeps its first.</summary>
    private static OrderedDictionary<string, T> FirstByKey<T>(IEnumerable<T> items, Func<T, string> key)
    {
        var result = new OrderedDictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            result.TryAdd(key(item), item);
        }
        return result;
    }
}
