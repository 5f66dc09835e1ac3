using Butler.Workflows.Persistence;

namespace Butler.Workflows.Runtime;

/// <summary>
/// Handles the events a stimulus raised inside the stimulus's own transaction: whatever it adds to <c>db</c> commits
/// with the run or not at all. Called only when a stimulus raised events.
/// </summary>
public interface IWorkflowObserver
{
    Task BeforeCommitAsync(ButlerDbContext db, WorkflowCommit commit, CancellationToken ct);
}
