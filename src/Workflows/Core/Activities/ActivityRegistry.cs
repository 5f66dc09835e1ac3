namespace Butler.Workflows.Activities;

/// <summary>All activity types known to this process, by type name; custom activities are added through DI.</summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<string, Activity> _byType;

    public ActivityRegistry(IEnumerable<Activity> activities)
    {
        _byType = new Dictionary<string, Activity>(StringComparer.Ordinal);
        foreach (var activity in activities)
        {
            _byType[activity.Type] = activity;
        }
    }

    /// <summary>The built-in activities of this first set.</summary>
    public static IReadOnlyList<Activity> BuiltIn() =>
    [
        new StartActivity(), new EndActivity(), new HumanTaskActivity(), new DecisionActivity(),
        new ForkActivity(), new JoinActivity(), new SetVariableActivity(), new WaitSignalActivity(),
        new ApprovalActivity(), new DelayActivity(),
    ];

    public static ActivityRegistry CreateDefault() => new(BuiltIn());

    public IEnumerable<ActivityDescriptor> Descriptors => _byType.Values.Select(a => a.Descriptor).OrderBy(d => d.Category).ThenBy(d => d.Type);

    public Activity? Find(string type) => _byType.GetValueOrDefault(type);

    public Activity Get(string type) =>
        Find(type) ?? throw new InvalidOperationException($"Activity type '{type}' is not registered.");
}
