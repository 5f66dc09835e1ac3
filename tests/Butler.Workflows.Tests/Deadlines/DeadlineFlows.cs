using Butler.Workflows.Tests.Support;

namespace Butler.Workflows.Tests.Deadlines;

/// <summary>Definitions the deadline scenarios share.</summary>
internal static class DeadlineFlows
{
    /// <summary>Step 1 at the due time asks the responsible leader to decide; step 2, two working days later, tells the assignee and admin.</summary>
    public static object[] Ladder() =>
    [
        new { after = "PT0S", notify = new object[] { "responsibleLeader" }, approval = new { } },
        new { after = "2wd", notify = new object[] { "assignee", new { user = "admin" } } },
    ];

    /// <summary>
    /// start → fix (the Squad, due in 3 working days, reminders one working day and two hours before, the ladder) → report
    /// (squad, no deadline) → end. <c>responsibleLeader</c> is the user <c>leader</c>.
    /// </summary>
    public static FlowBuilder RoofRepair(string id = "roof", string due = "3wd", string[]? reminders = null) =>
        new FlowBuilder(id)
            .Variable("responsibleLeader", "leader")
            .Start()
            .Activity("fix", "HumanTask", new
            {
                title = "Fix the leaking roof",
                assignee = new { role = "Squad" },
                due,
                reminders = reminders ?? ["-1wd", "-PT2H"],
                escalation = Ladder(),
            })
            .Task("report", "Report the repair", FlowBuilder.User("squad"))
            .End()
            .Chain("start", "fix", "report", "end");
}
