using Butler.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Butler.Workflows.Runtime;

/// <summary>
/// Holds a task open for the rest of a transaction: what is added beside it (a note, a file) lands only while the task
/// is open, and a completion racing it either commits first (the hold then fails) or waits for it. Additions do not
/// bump the task's revision, so two notes at once do not make each other retry.
/// </summary>
public static class OpenTaskHold
{
    /// <summary>
    /// Inside a transaction of <paramref name="db"/>: locks the task's row if the task is open and says whether it is.
    /// </summary>
    public static async Task<bool> TryHoldAsync(ButlerDbContext db, Guid taskId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        // A no-op update takes the row's write lock (PostgreSQL, SQL Server) or the database's (SQLite) and re-reads
        // the status under it.
        var held = await db.WorkItems.Where(w => w.Id == taskId && w.Status == WorkItemStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.Status, w => w.Status), ct);
        return held == 1;
    }
}
