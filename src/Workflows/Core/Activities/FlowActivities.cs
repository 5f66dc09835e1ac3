using System.Text.Json.Nodes;
using Butler.Workflows.Runtime;

namespace Butler.Workflows.Activities;

/// <summary>Where every run begins.</summary>
public sealed class StartActivity : Activity
{
    public override ActivityDescriptor Descriptor { get; } = new(
        "Start", T("Start", "开始"), T("Where the workflow begins.", "流程从这里开始。"),
        "Flow", "play", [], [Done]);

    public override ActivityResult Execute(ActivityContext context) => ActivityResult.Complete(Done);
}

/// <summary>Ends the branch that reaches it; the run completes when no branch is left.</summary>
public sealed class EndActivity : Activity
{
    public override ActivityDescriptor Descriptor { get; } = new(
        "End", T("End", "结束"), T("Ends this branch; the run completes when no branch is left.", "结束当前分支；所有分支结束后流程完成。"),
        "Flow", "stop", [], []);

    public override ActivityResult Execute(ActivityContext context) => ActivityResult.Complete();
}

/// <summary>Starts every connected branch at once.</summary>
public sealed class ForkActivity : Activity
{
    public override ActivityDescriptor Descriptor { get; } = new(
        "Fork", T("Fork", "并行分支"), T("Starts every connected branch in parallel.", "同时启动所有连接的分支。"),
        "Flow", "call_split", [], [Done]);

    public override ActivityResult Execute(ActivityContext context) => ActivityResult.Complete(Done);
}

/// <summary>Waits for all (or the first of) the branches that lead into it.</summary>
public sealed class JoinActivity : Activity
{
    private const string ArrivedKey = "arrived";

    public static readonly ActivityInput<string?> Mode = ActivityInput.String(
        new InputDescriptor("mode", InputType.Choice, false, T("Mode", "汇合方式"),
            T("all: wait for every branch; any: continue with the first.", "全部：等待所有分支；任一：第一个到达即继续。"))
        {
            Default = "all",
            Options = ["all", "any"],
            OptionWords = new Dictionary<string, LocalizedText>(StringComparer.Ordinal)
            {
                ["all"] = T("all (wait for every branch)", "全部（等待所有分支）"),
                ["any"] = T("any (the first branch goes on)", "任一（首个到达的分支继续）"),
            },
        });

    public override ActivityDescriptor Descriptor { get; } = new(
        "Join", T("Join", "汇合"),
        T("Waits for every incoming branch (all) or continues with the first and cancels the others (any).",
          "等待所有分支到达（全部），或在第一个分支到达时继续并取消其余分支（任一）。"),
        "Flow", "call_merge",
        [Mode.Descriptor],
        [Done]);

    public override ActivityResult Execute(ActivityContext context)
    {
        var mode = Mode.Read(context);
        if (mode == "any")
        {
            context.CancelBranchesFeeding(context.ActivityId);
            context.State.Remove(ArrivedKey);
            return ActivityResult.Complete(Done);
        }

        // A branch is the activity it comes from: two outcomes of one activity (Done, NotNeeded) are alternatives.
        var inbound = context.Graph.Incoming(context.ActivityId)
            .Select(c => c.Source)
            .ToHashSet(StringComparer.Ordinal);
        if (context.State[ArrivedKey] is not JsonArray arrived)
        {
            arrived = [];
            context.State[ArrivedKey] = arrived;
        }
        var via = context.IncomingConnection;
        if (via is not null)
        {
            var key = via.Source;
            if (!arrived.Any(n => n?.GetValue<string>() == key))
            {
                arrived.Add(key);
            }
        }
        if (inbound.All(k => arrived.Any(n => n?.GetValue<string>() == k)))
        {
            context.State.Remove(ArrivedKey);
            return ActivityResult.Complete(Done);
        }
        return ActivityResult.Absorb();
    }
}
