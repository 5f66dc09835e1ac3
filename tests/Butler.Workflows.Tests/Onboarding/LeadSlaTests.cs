using Butler.Workflows.Activities;
using Butler.Workflows.Notifications;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Runtime;
using Butler.Workflows.Scheduling;
using Butler.Workflows.Tests.Deadlines;
using Butler.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Butler.Workflows.Tests.Deadlines.DeadlineHarness;

namespace Butler.Workflows.Tests.Onboarding;

/// <summary>
/// The shipped lead SLA on a fake clock: a lead created on Friday 2026-09-18 15:00 must be responded to by the next
/// working day (Sunday the 20th, an adjusted working day) at 18:00 and assessed three working days after that; the run
/// and the lead's status stay in step whichever moves first.
/// </summary>
public sealed class LeadSlaTests : IAsyncLifetime
{
    private const string Chain = "health-food";
    private DeadlineHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await DeadlineHarness.CreateAsync();
        await _h.Flow.PublishAsync(ShippedDefinitions.Read(LeadSla.DefinitionId));
        await using var db = _h.Flow.Database.CreateDbContext();
        db.IndustryChains.Add(new IndustryChain { Code = Chain, NameZh = "健康食品", NameEn = "Health food" });
        db.Leaders.Add(new Leader { Id = Guid.NewGuid(), UserName = "leader", Name = "王区长", Chains = [Chain], CreatedAt = _h.Now });
        var outpost = new Team { Id = Guid.NewGuid(), Name = "深圳招商分局", Kind = TeamKind.Outpost, LeadUserName = "deputy", CreatedAt = _h.Now };
        outpost.Members.Add(new TeamMember { TeamId = outpost.Id, UserName = "squad" });
        db.Teams.Add(outpost);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private LeadSla Sla => _h.Flow.Database.Get<LeadSla>();

    private async Task<Lead> CreateLeadAsync(string owner = "squad")
    {
        var id = Guid.NewGuid();
        var lead = await Sla.CreateAsync(() => new Lead
        {
            Id = id,
            Source = LeadSource.Visit,
            Company = "卫龙食品",
            ChainCode = Chain,
            IntendedInvestment = 120_000_000m,
            Owner = owner,
            Status = LeadStatus.New,
            ReceivedOn = new DateOnly(2026, 9, 18),
            CreatedBy = owner,
            CreatedAt = _h.Now,
            UpdatedAt = _h.Now,
        }, new Actor(owner, ["Squad"]));
        Assert.NotNull(lead.SlaInstanceId);
        return lead;
    }

    private async Task<Lead> LeadAsync(Guid id)
    {
        await using var db = _h.Flow.Database.CreateDbContext();
        return await db.Leads.AsNoTracking().SingleAsync(l => l.Id == id);
    }

    [Fact]
    public async Task A_new_lead_and_its_SLA_are_stored_together_with_the_respond_task_due_the_next_working_day()
    {
        var lead = await CreateLeadAsync();
        var instanceId = lead.SlaInstanceId!.Value;

        var stored = await LeadAsync(lead.Id);
        Assert.Equal(instanceId, stored.SlaInstanceId);
        Assert.Equal(LeadSla.CorrelationOf(lead.Id), (await _h.Flow.InstanceAsync(instanceId)).CorrelationId);
        var respond = await _h.Flow.OpenTaskAsync(instanceId, "respond");
        Assert.Equal("squad", respond.AssigneeUser);
        Assert.Equal(new LocalizedText("Respond to the lead: 卫龙食品", "响应线索：卫龙食品"), respond.Title);
        Assert.Equal(At(9, 20, 18), respond.DueAt);
        var variables = await _h.Flow.VariablesAsync(instanceId);
        Assert.Equal("deputy", variables["teamLead"]!.GetValue<string>());
        Assert.Equal("leader", variables["responsibleLeader"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_owner_is_reminded_two_hours_before_and_the_team_lead_hears_when_the_response_is_late_then_the_leader()
    {
        var lead = await CreateLeadAsync();
        var instanceId = lead.SlaInstanceId!.Value;

        var reminder = await _h.PendingTimerAsync(instanceId, TimerKind.Reminder);
        Assert.Equal(At(9, 20, 16), reminder.DueAt);
        await _h.FireWhenDueAsync(reminder);
        Assert.Equal(["squad"], await _h.NotifiedAsync(instanceId, NotificationKind.Reminder));

        await _h.FireWhenDueAsync(await _h.PendingTimerAsync(instanceId, TimerKind.Escalation, step: 0));
        Assert.Equal(["deputy", "squad"], await _h.NotifiedAsync(instanceId, NotificationKind.Escalation));

        var second = await _h.PendingTimerAsync(instanceId, TimerKind.Escalation, step: 1);
        Assert.Equal(At(9, 21, 18), second.DueAt);
        await _h.FireWhenDueAsync(second);
        Assert.Equal(["deputy", "leader", "squad"], await _h.NotifiedAsync(instanceId, NotificationKind.Escalation));
        Assert.Equal(2, (await _h.Flow.OpenTaskAsync(instanceId, "respond")).EscalationLevel);
    }

    [Fact]
    public async Task Assessing_moves_the_lead_to_assessed_stamps_the_day_and_ends_the_run_without_timers()
    {
        var lead = await CreateLeadAsync();
        var instanceId = lead.SlaInstanceId!.Value;
        _h.MoveTo(At(9, 20, 10));
        await _h.Flow.CompleteOpenAsync(instanceId, "respond", "Responded");
        var assess = await _h.Flow.OpenTaskAsync(instanceId, "assess");
        // Three working days from Sunday the 20th (an adjusted working day): the 21st, 22nd and 23rd.
        Assert.Equal(At(9, 23, 18), assess.DueAt);

        _h.MoveTo(At(9, 22, 9));
        await _h.Flow.CompleteOpenAsync(instanceId, "assess", "Assessed");

        var stored = await LeadAsync(lead.Id);
        Assert.Equal(LeadStatus.Assessed, stored.Status);
        Assert.Equal(new DateOnly(2026, 9, 22), stored.AssessedOn);
        Assert.Equal(1, stored.Revision);
        Assert.Equal(WorkflowStatus.Completed, (await _h.Flow.InstanceAsync(instanceId)).Status);
        Assert.Empty(await _h.Flow.BookmarksAsync(instanceId));
        Assert.Empty(await _h.PendingTimersAsync(instanceId));
    }

    [Fact]
    public async Task Dropping_in_the_assessment_drops_the_lead()
    {
        var lead = await CreateLeadAsync();
        var instanceId = lead.SlaInstanceId!.Value;
        await _h.Flow.CompleteOpenAsync(instanceId, "respond", "Responded");
        await _h.Flow.CompleteOpenAsync(instanceId, "assess", "Dropped");

        var stored = await LeadAsync(lead.Id);
        Assert.Equal(LeadStatus.Dropped, stored.Status);
        Assert.Equal(new DateOnly(2026, 9, 18), stored.DroppedOn);
        Assert.Null(stored.AssessedOn);
    }

    [Fact]
    public async Task A_lead_moved_on_by_hand_ends_the_run_and_cancels_the_open_task_and_its_timers()
    {
        var lead = await CreateLeadAsync();
        var instanceId = lead.SlaInstanceId!.Value;
        await using (var db = _h.Flow.Database.CreateDbContext())
        {
            var tracked = await db.Leads.SingleAsync(l => l.Id == lead.Id);
            LeadProgress.Move(tracked, LeadStatus.DeepNegotiation, new DateOnly(2026, 9, 18), _h.Now);
            tracked.Revision++;
            await db.SaveChangesAsync();
            lead = tracked;
        }

        await Sla.FollowAsync(lead, "squad", DeadlineHarness.Leader);

        Assert.Equal(WorkflowStatus.Completed, (await _h.Flow.InstanceAsync(instanceId)).Status);
        Assert.Equal(WorkItemStatus.Cancelled, Assert.Single(await _h.Flow.TasksAsync(instanceId)).Status);
        Assert.Empty(await _h.PendingTimersAsync(instanceId));
        var stored = await LeadAsync(lead.Id);
        Assert.Equal(LeadStatus.DeepNegotiation, stored.Status);
        Assert.Equal(new DateOnly(2026, 9, 18), stored.AssessedOn);
        Assert.Equal(new DateOnly(2026, 9, 18), stored.NegotiationOn);

        // Telling it twice (a repeated edit) changes nothing more.
        await Sla.FollowAsync(lead, "squad", DeadlineHarness.Leader);
        Assert.Equal(WorkflowStatus.Completed, (await _h.Flow.InstanceAsync(instanceId)).Status);
    }

    [Fact]
    public async Task An_assessment_after_the_lead_was_moved_further_by_hand_leaves_the_status_alone()
    {
        var lead = await CreateLeadAsync();
        var instanceId = lead.SlaInstanceId!.Value;
        await _h.Flow.CompleteOpenAsync(instanceId, "respond", "Responded");
        await using (var db = _h.Flow.Database.CreateDbContext())
        {
            var tracked = await db.Leads.SingleAsync(l => l.Id == lead.Id);
            LeadProgress.Move(tracked, LeadStatus.Signed, new DateOnly(2026, 9, 18), _h.Now);
            await db.SaveChangesAsync();
        }

        await _h.Flow.CompleteOpenAsync(instanceId, "assess", "Dropped");

        Assert.Equal(LeadStatus.Signed, (await LeadAsync(lead.Id)).Status);
    }

    [Fact]
    public async Task A_new_owner_takes_over_the_open_step_and_the_next_one()
    {
        var lead = await CreateLeadAsync();
        var instanceId = lead.SlaInstanceId!.Value;
        await using (var db = _h.Flow.Database.CreateDbContext())
        {
            var tracked = await db.Leads.SingleAsync(l => l.Id == lead.Id);
            tracked.Owner = "squadmate";
            tracked.UpdatedAt = _h.Now;
            await db.SaveChangesAsync();
            lead = tracked;
        }

        await Sla.FollowAsync(lead, "squad", DeadlineHarness.Leader);

        Assert.Equal("squadmate", (await _h.Flow.OpenTaskAsync(instanceId, "respond")).AssigneeUser);
        Assert.Contains(await _h.Flow.JournalAsync(instanceId), j => j.Kind == JournalKind.TaskReassigned && j.Actor == "leader");
        await _h.Flow.CompleteOpenAsync(instanceId, "respond", "Responded");
        Assert.Equal("squadmate", (await _h.Flow.OpenTaskAsync(instanceId, "assess")).AssigneeUser);
        // squadmate is in no team: the chain's leader is told when it runs late.
        Assert.Equal("leader", (await _h.Flow.VariablesAsync(instanceId))["teamLead"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(LeadStatus.New, LeadStatus.Assessed, true)]
    [InlineData(LeadStatus.New, LeadStatus.Signed, true)]
    [InlineData(LeadStatus.DeepNegotiation, LeadStatus.Dropped, true)]
    [InlineData(LeadStatus.Assessed, LeadStatus.Assessed, true)]
    [InlineData(LeadStatus.Assessed, LeadStatus.New, false)]
    [InlineData(LeadStatus.Signed, LeadStatus.Dropped, false)]
    [InlineData(LeadStatus.Dropped, LeadStatus.Assessed, false)]
    public void Leads_move_forward_or_to_dropped_and_signed_or_dropped_is_final(LeadStatus from, LeadStatus to, bool allowed) =>
        Assert.Equal(allowed, LeadProgress.CanMove(from, to));
}
