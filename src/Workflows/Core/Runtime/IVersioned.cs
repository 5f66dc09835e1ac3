namespace Butler.Workflows.Runtime;

/// <summary>
/// An entity whose every change is conditional on the revision it was read at: saving a changed one bumps
/// <see cref="Revision"/> and updates only if nobody changed the row since it was read. A decision taken on what such
/// an entity said (a task is open, nobody claimed it) touches it, so a concurrent change makes one of the two lose.
/// </summary>
public interface IVersioned
{
    /// <summary>The optimistic-concurrency token, bumped by the context on every save that changes the row.</summary>
    int Revision { get; set; }
}
