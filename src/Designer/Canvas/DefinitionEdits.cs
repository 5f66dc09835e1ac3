using System.Text.Json;
using System.Text.Json.Nodes;
using Butler.Workflows.Activities;
using Butler.Workflows.Definitions;

namespace Butler.Designer.Canvas;

/// <summary>A piece of a definition on the clipboard: some activities and the connections among them.</summary>
public sealed record ClipboardContent(List<ActivityModel> Activities, List<ConnectionModel> Connections);

/// <summary>The designer's edits that make new activities: adding from the toolbox, copying and pasting. Pure, no canvas.</summary>
public static class DefinitionEdits
{
    /// <summary>A new activity of <paramref name="descriptor"/>'s type: a fresh id, its name in the user's language, and the inputs' defaults.</summary>
    public static ActivityModel NewActivity(WorkflowDefinitionModel model, ActivityDescriptor descriptor, double x, double y, string culture)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(descriptor);
        var inputs = new JsonObject();
        foreach (var input in descriptor.Inputs.Where(i => i.Default is not null))
        {
            inputs[input.Name] = input.Default!.DeepClone();
        }
        return new ActivityModel
        {
            Id = FreeId(model.Activities.Select(a => a.Id), IdStem(descriptor.Type)),
            Type = descriptor.Type,
            Name = descriptor.DisplayName.For(culture),
            Inputs = inputs,
            Position = new PositionModel { X = Math.Round(x), Y = Math.Round(y) },
        };
    }

    /// <summary>The selected activities and the connections that run between two of them, deep-copied.</summary>
    public static ClipboardContent Copy(WorkflowDefinitionModel model, IReadOnlyCollection<string> ids)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(ids);
        var activities = model.Activities.Where(a => ids.Contains(a.Id)).Select(Clone).ToList();
        var connections = model.Connections.Where(c => ids.Contains(c.Source) && ids.Contains(c.Target))
            .Select(c => new ConnectionModel { Source = c.Source, Outcome = c.Outcome, Target = c.Target }).ToList();
        return new ClipboardContent(activities, connections);
    }

    /// <summary>
    /// Copies of the clipboard's activities with ids free in <paramref name="model"/>, moved by (<paramref name="dx"/>,
    /// <paramref name="dy"/>), and their connections renamed to match. Nothing is added to the model.
    /// </summary>
    public static ClipboardContent Paste(WorkflowDefinitionModel model, ClipboardContent clipboard, double dx, double dy)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(clipboard);
        var taken = model.Activities.Select(a => a.Id).ToList();
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        var activities = new List<ActivityModel>();
        foreach (var original in clipboard.Activities)
        {
            var copy = Clone(original);
            copy.Id = FreeId(taken, original.Id);
            taken.Add(copy.Id);
            renamed[original.Id] = copy.Id;
            var at = original.Position ?? new PositionModel();
            copy.Position = new PositionModel { X = at.X + dx, Y = at.Y + dy };
            activities.Add(copy);
        }
        var connections = clipboard.Connections
            .Select(c => new ConnectionModel { Source = renamed[c.Source], Outcome = c.Outcome, Target = renamed[c.Target] }).ToList();
        return new ClipboardContent(activities, connections);
    }

    /// <summary><paramref name="stem"/> if no activity has it, else the stem with the smallest free number: task, task2, task3…</summary>
    public static string FreeId(IEnumerable<string> taken, string stem)
    {
        ArgumentNullException.ThrowIfNull(taken);
        var used = taken.ToHashSet(StringComparer.Ordinal);
        if (!used.Contains(stem))
        {
            return stem;
        }
        var root = stem.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
        if (root.Length == 0)
        {
            root = stem;
        }
        for (var n = 2; ; n++)
        {
            var candidate = root + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!used.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>HumanTask → humanTask: the type in lower camel case, a valid id.</summary>
    public static string IdStem(string type)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        var letters = new string(type.Where(char.IsLetterOrDigit).ToArray());
        return letters.Length == 0 ? "activity" : char.ToLowerInvariant(letters[0]) + letters[1..];
    }

    public static ActivityModel Clone(ActivityModel activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return JsonSerializer.Deserialize<ActivityModel>(JsonSerializer.Serialize(activity, DefinitionJson.Options), DefinitionJson.Options)!;
    }
}

/// <summary>
/// Undo and redo over whole-definition snapshots (a definition is a few kilobytes, so a snapshot per edit is cheap and an
/// undo can never leave the canvas half-restored). At most <see cref="Capacity"/> steps are kept.
/// </summary>
public sealed class EditHistory(string initial)
{
    public const int Capacity = 200;

    private readonly List<string> _states = [initial];
    private int _at;

    public string Current => _states[_at];

    public bool CanUndo => _at > 0;

    public bool CanRedo => _at < _states.Count - 1;

    /// <summary>Records a new state after an edit; a state equal to the current one is not a step. Redo is lost.</summary>
    /// <returns>True when a step was recorded.</returns>
    public bool Record(string state)
    {
        if (state == _states[_at])
        {
            return false;
        }
        _states.RemoveRange(_at + 1, _states.Count - _at - 1);
        _states.Add(state);
        if (_states.Count > Capacity)
        {
            _states.RemoveAt(0);
        }
        _at = _states.Count - 1;
        return true;
    }

    public string? Undo() => CanUndo ? _states[--_at] : null;

    public string? Redo() => CanRedo ? _states[++_at] : null;
}
