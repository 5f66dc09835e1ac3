using Xunit;

namespace Butler.Workflows.Tests.Architecture;

/// <summary>The engine's core and persistence know no onboarding words: those come from the onboarding extensions.</summary>
public sealed class DomainWordTests
{
    [Theory]
    [InlineData("OnSiteOffice")]
    [InlineData("responsibleLeader")]
    [InlineData("teamLead")]
    public void The_core_and_persistence_sources_do_not_name_an_onboarding_word(string word)
    {
        var root = RepositoryRoot();
        var offending = new[] { "Core", "Persistence" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(root, "src", "Workflows", project), "*.cs", SearchOption.AllDirectories))
            .Where(file => !IsBuildOutput(root, file))
            .Where(file => File.ReadAllText(file).Contains(word, StringComparison.OrdinalIgnoreCase))
            .Select(file => Path.GetRelativePath(root, file))
            .ToList();

        Assert.Empty(offending);
    }

    private static bool IsBuildOutput(string root, string file) =>
        Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj");

    /// <summary>The folder holding Butler.slnx, found by walking up from the test's output folder.</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Butler.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Butler.slnx was not found above " + AppContext.BaseDirectory);
    }
}
