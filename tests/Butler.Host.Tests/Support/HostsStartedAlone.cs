namespace Butler.Host.Tests.Support;

/// <summary>
/// Tests that wait for Hangfire to fire timers start their host while no other host starts. Two hosts starting at once
/// in one process can end up with each other's Hangfire job activator (Hangfire keeps it in a process-wide static
/// while hosts configure themselves); the jobs then fire timers against the other host's database and nothing happens.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostsStartedAlone
{
    public const string Name = "hosts started alone";
}
