using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Butler.Workflows.Activities;
using Butler.Workflows.Definitions;
using Butler.Workflows.Expressions;

namespace Butler.Workflows.Runtime;

/// <summary>What a running activity may see and do: its inputs, the run's variables, expressions, tasks and bookmarks.</summary>
public sealed class ActivityContext
{
    private readonly Execution _execution;

    internal ActivityContext(Execution execution, ActivityModel activity, ConnectionModel? incoming)
    {
        _execution = execution;
        Activity = activity;
        IncomingConnection = incoming;
    }

    public ActivityModel Activity { get; }
    public string ActivityId => Activity.Id;
    public JsonObject Inputs => Activity.Inputs;

    /// <summary>The connection the token arrived by; null when resumed or at Start.</summary>
    public ConnectionModel? IncomingConnection { get; }
    public WorkflowGraph Graph => _execution.Graph;
    public JsonObject Variables => _execution.Variables;
    public Guid InstanceId => _execution.Instance.Id;
    public DateTimeOffset Now => _execution.Now;
    public Actor Actor => _execution.Actor;

    /// <summary>Private state of this activity in this run, kept between stimuli (e.g. Join arrivals).</summary>
    public JsonObject State => _execution.StateOf(ActivityId);

    public ExpressionScope Scope => _execution.Scope;

    public JsonNode? Evaluate(string expression) => _execution.Expressions.Evaluate(expression, Scope);

    public bool EvaluateCondition(string expression) => _execution.Expressions.EvaluateCondition(expression, Scope);

    /// <summary>Fills the placeholders of a template in each of its languages.</summary>
    public LocalizedText RenderTemplate(LocalizedText template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.Map((text, language) => RenderTemplate(text, language));
    }

    /// <summary>
    /// Replaces <c>{{path}}</c> placeholders with values from variables (then input); unknown ones become empty. A value
    /// in both languages (<c>{"zh-CN": …, "en": …}</c>, such as a problem's title) is written in <paramref name="language"/>.
    /// </summary>
    public string RenderTemplate(string template, string? language = null)
    {
        if (!template.Contains("{{", StringComparison.Ordinal))
        {
            return template;
        }
        var sb = new StringBuilder(template.Length);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf("{{", i, StringComparison.Ordinal);
            var close = open < 0 ? -1 : template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (open < 0 || close < 0)
            {
                sb.Append(template, i, template.Length - i);
                break;
            }
            sb.Append(template, i, open - i);
            var path = template[(open + 2)..close].Trim();
            sb.Append(Format(Lookup(Variables, path) ?? Lookup(_execution.Input, path), language));
            i = close + 2;
        }
        return sb.ToString();
    }

    /// <summary>Turns an assignee spec into a user or a role; expressions may yield a user name or a spec object.</summary>
    public (string? User, string? Role)? ResolveAssignee(JsonNode? spec)
    {
        if (spec is not JsonObject obj)
        {
            return null;
        }
        if (obj["user"] is JsonValue user && user.TryGetValue<string>(out var u) && u.Length > 0)
        {
            return (u, null);
        }
        if (obj["role"] is JsonValue role && role.TryGetValue<string>(out var r) && r.Length > 0)
        {
            return (null, r);
        }
        if (obj["expression"] is JsonValue expr && expr.TryGetValue<string>(out var e))
        {
            var value = Evaluate(e);
            return value switch
            {
                JsonValue v when v.TryGetValue<string>(out var name) && name.Length > 0 => (name, null),
                JsonObject o when !o.ContainsKey("expression") => ResolveAssignee(o),
                _ => null,
            };
        }
        return null;
    }

    /// <summary>Raises a domain event; observers handle it in this stimulus's transaction.</summary>
    public void Raise(string name, JsonNode? payload) => _execution.Changes.Add(new WorkflowEvent(name, ActivityId, payload));

    /// <summary>Opens a task for this activity and a bookmark that its completion will resume.</summary>
    public WorkItem OpenTask(LocalizedText title, (string? User, string? Role) assignee, string outcomesJson, string fieldsJson) =>
        _execution.OpenTask(this, title, assignee, outcomesJson, fieldsJson);

    /// <summary>Waits for a signal; with a timeout, a timer resumes the activity when it passes.</summary>
    public void CreateSignalBookmark(string name, DateTimeOffset? timeoutAt = null)
    {
        var bookmark = _execution.AddBookmark(ActivityId, BookmarkKind.Signal, name, null);
        if (timeoutAt is { } at)
        {
            _execution.AddTimer(Scheduling.TimerKind.SignalTimeout, ActivityId, at, bookmarkId: bookmark.Id);
        }
    }

    /// <summary>Waits until a point in time.</summary>
    public void CreateDelayBookmark(DateTimeOffset until)
    {
        var bookmark = _execution.AddBookmark(ActivityId, BookmarkKind.Delay, null, null);
        _execution.AddTimer(Scheduling.TimerKind.Delay, ActivityId, until, bookmarkId: bookmark.Id);
    }

    /// <summary>Adds an ISO 8601 or working-day duration to a point in time through the working-day calendar.</summary>
    public DateTimeOffset AddDuration(DateTimeOffset from, string duration) => _execution.AddDuration(from, duration);

    /// <summary>
    /// Opens an approval of this activity and asks its approvers; it comes back pending (the activity waits for the
    /// decision) or already decided by the votes of people who approved before (去重).
    /// </summary>
    public Approval OpenApproval(LocalizedText title, IReadOnlyList<Notifications.RecipientSpec> approvers, IReadOnlyList<string> outcomes, string mode,
        IReadOnlyDictionary<string, int>? weights = null, int? threshold = null) =>
        _execution.OpenApproval(this, title, approvers, outcomes, mode, weights, threshold);

    /// <summary>Writes a journal entry about this activity, done by the stimulus's actor.</summary>
    public void Journal(JournalKind kind, string? outcome = null, string? detail = null) =>
        _execution.Journal(kind, Activity, outcome, detail: detail);

    /// <summary>Resolves an approver list (specs, or one expression giving names or specs) to user and role specs.</summary>
    public IReadOnlyList<Notifications.RecipientSpec> ResolveApprovers(JsonNode? spec)
    {
        var result = new List<Notifications.RecipientSpec>();
        void AddOne(JsonNode? node)
        {
            if (node is JsonArray many)
            {
                foreach (var item in many)
                {
                    AddOne(item);
                }
                return;
            }
            if (node is JsonObject obj && obj.ContainsKey("expression"))
            {
                AddOne(Evaluate(obj["expression"]!.GetValue<string>()));
                return;
            }
            if (node is JsonValue v && v.TryGetValue<string>(out var name) && name.Length > 0)
            {
                result.Add(new(name, null));
                return;
            }
            if (ResolveAssignee(node) is { } resolved)
            {
                result.Add(new(resolved.User, resolved.Role));
            }
        }
        AddOne(spec);
        return result.Distinct().ToList();
    }

    /// <summary>抄送: copies this activity's task or approval to the people an assignee list names, as done by <paramref name="by"/>.</summary>
    public void Copy(JsonNode? spec, WorkItem? task, Approval? approval, string by)
    {
        if (spec is not null)
        {
            _execution.Copy(ResolveApprovers(spec), task, approval, null, by);
        }
    }

    /// <summary>Cancels waiting branches that lead into <paramref name="activityId"/> (Join any: the first branch wins).</summary>
    public void CancelBranchesFeeding(string activityId) => _execution.CancelBranchesFeeding(activityId);

    private static JsonNode? Lookup(JsonNode? root, string path)
    {
        var node = root;
        foreach (var part in path.Split('.'))
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(part, out node))
            {
                return null;
            }
        }
        return node;
    }

    private static string Format(JsonNode? node, string? language) => node switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonObject o when (o.ContainsKey(Languages.Chinese) || o.ContainsKey(Languages.English)) && LocalizedText.FromNode(o) is { } text
            => text.For(language),
        _ => node.ToJsonString(DefinitionJson.Options),
    };
}
