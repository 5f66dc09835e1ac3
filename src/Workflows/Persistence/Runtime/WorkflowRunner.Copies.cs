using Butler.Workflows.Input;
using Butler.Workflows.Notifications;
using Butler.Workflows.Persistence;

namespace Butler.Workflows.Runtime;

/// <summary>抄送: copying a task to people who read it and do not act on it.</summary>
public sealed partial class WorkflowRunner
{
    /// <summary>The most people and teams one copy may name.</summary>
    public const int MaxCopyRecipients = 50;

    /// <summary>The prefix of a team's name among the people a copy goes to (<c>team:{id}</c>, the role its members hold).</summary>
    public const string TeamPrefix = "team:";

    /// <summary>
    /// 抄送: copies the task to users and teams (<c>team:{id}</c>). Whoever works on it (its assignee, a member of its
    /// role, its delegate), who completed it, and someone who <paramref name="oversees"/> the work may; the task may be
    /// open or closed, and its run finished.
    /// </summary>
    public Task<OperationResult<Guid>> CopyTaskAsync(Guid taskId, Actor actor, IReadOnlyList<string?>? to, string? comment, bool oversees,
        IdempotencyKey? idempotencyKey = null, CancellationToken ct = default) =>
        MoveAsync(taskId, actor, idempotencyKey, "cc", async (db, task, errors) =>
        {
            var completedIt = task.CompletedBy is { } by && string.Equals(by, actor.UserName, StringComparison.OrdinalIgnoreCase);
            if (!oversees && !completedIt && !(task.Status == WorkItemStatus.Open && (task.IsAssignedTo(actor) || task.IsDelegate(actor))))
            {
                return OperationResult<Guid>.Forbidden(Failure.TaskMayNotCopy());
            }
            var specs = await CopyRecipientsAsync(to, "to", errors, ct);
            var why = InputRules.Text(comment, "comment", errors);
            return errors.Count > 0 ? (Move)OperationResult<Guid>.Invalid(errors)
                : Move.Apply(execution => execution.Copy(specs, task, null, why, actor.UserName));
        }, ct, allowFinished: true);

    /// <summary>
    /// Reads the people a copy goes to: user names and <c>team:{id}</c>, at least one, at most
    /// <see cref="MaxCopyRecipients"/>, each naming somebody; refusals name <c>to[i]</c>.
    /// </summary>
    private async Task<IReadOnlyList<RecipientSpec>> CopyRecipientsAsync(IReadOnlyList<string?>? to, string field, ValidationErrors errors, CancellationToken ct)
    {
        if (to is null || to.Count == 0)
        {
            errors.Refuse(field, Failure.Required(field));
            return [];
        }
        if (to.Count > MaxCopyRecipients)
        {
            errors.Refuse(field, Failure.TooManyEntries(field, MaxCopyRecipients));
            return [];
        }
        var specs = new List<RecipientSpec>();
        for (var i = 0; i < to.Count; i++)
        {
            var entry = $"{field}[{i}]";
            var name = to[i]?.Trim();
            if (name is { Length: > 0 } && name.StartsWith(TeamPrefix, StringComparison.OrdinalIgnoreCase))
            {
                if (InputRules.LineProblem(name, entry, InputRules.MaxUserName) is { } problem)
                {
                    errors.Refuse(entry, problem.Failure);
                }
                else if ((await services.Users.ResolveAsync([new RecipientSpec(null, TeamPrefix + name[TeamPrefix.Length..])], ct)).Count == 0)
                {
                    errors.Refuse(entry, Failure.CopyNobody(name));
                }
                else
                {
                    specs.Add(new RecipientSpec(null, TeamPrefix + name[TeamPrefix.Length..]));
                }
                continue;
            }
            if (await InputRules.UserAsync(services.Users, name, entry, errors, ct: ct) is { } user)
            {
                specs.Add(new RecipientSpec(user, null));
            }
        }
        return [.. specs.Distinct()];
    }
}
